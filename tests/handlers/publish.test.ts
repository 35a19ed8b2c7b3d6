import { GetObjectCommand } from '@aws-sdk/client-s3';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../functions/ingest/index.ts';
import { ENV } from '../../functions/lib/lambda-env.ts';
import { keys } from '../../functions/lib/keys.ts';
import { acquireLease } from '../../functions/lib/lease.ts';
import { httpClientFor } from '../../functions/lib/http.ts';
import { PIPELINE_VERSION } from '../../functions/lib/config.ts';
import { processItem } from '../../functions/process/index.ts';
import { allKeys } from '../support/stack.ts';
import { type HandlerStack, lambdaContext, PUBLIC_BASE_URL, startHandlerStack, useEnv } from './support.ts';

type Handler = typeof import('../../functions/publish/handler.ts').handler;

describe('the publish handler, invoked by the publish schedule against S3 on loopback', () => {
  let stack: HandlerStack;
  let handler: Handler;
  let restore: () => void;
  let stored: string[];

  beforeAll(async () => {
    stack = await startHandlerStack();
    restore = useEnv(stack.env);
    handler = (await import('../../functions/publish/handler.ts')).handler;
    // Articles stored by the process stage, waiting in index/pending/.
    const http = httpClientFor(stack.config);
    const { items } = await ingest(stack.config.feeds, { store: stack.s3.store, http });
    stored = [];
    for (const item of items) {
      const outcome = await processItem(item, { store: stack.s3.store, http, pipelineVersion: PIPELINE_VERSION });
      if (outcome.status === 'accepted') stored.push(item.id);
    }
  });
  afterAll(async () => {
    restore?.();
    await stack?.close();
  });

  // The Input of the schedule ingest creates (functions/ingest/publish-schedule.ts).
  const publishRequest = () => ({ reason: 'ingest', requestId: 'r-1', queued: stored.length, scheduledTime: '2025-11-24T12:00:00Z' });

  it('folds every pending article into the feeds at once', async () => {
    expect((await allKeys(stack, keys.pendingPrefix)).length).toBe(stored.length);
    const response = await handler(publishRequest(), lambdaContext('publish'));
    expect(response).toMatchObject({ pending: stored.length });
    expect(await allKeys(stack, keys.pendingPrefix)).toEqual([]);
    expect(await allKeys(stack, 'archive/daily/')).not.toHaveLength(0);
    expect(await stack.s3.store.exists(keys.manifest)).toBe(true);
  });

  it('writes feeds whose self links name the CloudFront address, with types CloudFront compresses and 5-minute caching', async () => {
    const out = await stack.s3.store.client.send(new GetObjectCommand({ Bucket: stack.s3.store.bucket, Key: 'feeds/all.xml' }));
    expect(out.ContentType).toBe('application/rss+xml; charset=utf-8');
    expect(out.CacheControl).toBe('public, max-age=300');
    const xml = await out.Body?.transformToString();
    expect(xml).toContain(`${PUBLIC_BASE_URL}/feeds/all.xml`);
    const feed = await new Parser().parseString(xml as string);
    expect(feed.items.length).toBeGreaterThan(0);
    const json = await stack.s3.store.client.send(new GetObjectCommand({ Bucket: stack.s3.store.bucket, Key: 'feeds/all.json' }));
    expect(json.ContentType).toBe('application/json; charset=utf-8');
    expect(json.CacheControl).toBe('public, max-age=300');
    expect(JSON.parse((await json.Body?.transformToString()) as string).feed_url).toBe(`${PUBLIC_BASE_URL}/feeds/all.json`);
  });

  it('writes the manifest and the daily archive files with the same 1-minute caching', async () => {
    const head = async (key: string) => stack.s3.store.client.send(new GetObjectCommand({ Bucket: stack.s3.store.bucket, Key: key }));
    expect((await head(keys.manifest)).CacheControl).toBe('public, max-age=60');
    const [daily] = await allKeys(stack, 'archive/daily/');
    expect((await head(daily as string)).CacheControl).toBe('public, max-age=60');
  });

  it('returns without error, leaving the pending articles, while another publish holds the lease', async () => {
    await stack.s3.store.putJson(keys.pending('late-article'), { marker: true });
    const other = await acquireLease(stack.s3.store, 'publish:other', 60_000, new Date(), keys.publishLease);
    try {
      for (const event of [publishRequest(), {}]) {
        expect(await handler(event, lambdaContext('publish'))).toEqual({ skipped: expect.stringMatching(/another run \(publish:other\) holds the run lease until /) });
      }
      expect(await allKeys(stack, keys.pendingPrefix)).toEqual([keys.pending('late-article')]);
    } finally {
      await other.release();
      await stack.s3.store.delete(keys.pending('late-article'));
    }
  });

  it('with nothing pending, succeeds without rewriting anything', async () => {
    const before = await stack.s3.store.get('feeds/all.xml');
    const response = await handler(publishRequest(), lambdaContext('publish'));
    expect(response).toEqual({ pending: 0, feeds: [], days: [], rerendered: [], recovered: [], damaged: [] });
    expect((await stack.s3.store.get('feeds/all.xml'))?.etag).toBe(before?.etag);
  });

  it('invoked by hand (any payload), publishes and returns what it did', async () => {
    const result = await handler({}, lambdaContext('publish'));
    expect(result).toEqual({ pending: 0, feeds: [], days: [], rerendered: [], recovered: [], damaged: [] });
  });

  it('when the deployment\'s address changed (a custom domain added), rewrites every feed\'s self links and the OPML list\'s, once, with nothing pending', async () => {
    const domain = 'https://feeds.example.org';
    const restoreBase = useEnv({ ...stack.env, [ENV.publicBaseUrl]: domain });
    try {
      const feedKeys = (await allKeys(stack, 'feeds/')).filter((k) => /\.(xml|json)$/.test(k));
      const first = await handler({}, lambdaContext('publish'));
      expect(first).toMatchObject({ pending: 0, feeds: [] });
      expect('rerendered' in first ? [...first.rerendered].sort() : first).toEqual([...feedKeys, 'feeds/feeds.opml'].sort());
      for (const key of [...feedKeys, 'feeds/feeds.opml']) {
        const text = new TextDecoder().decode((await stack.s3.store.get(key))?.body);
        expect(text, key).toContain(`${domain}/feeds/`);
        expect(text, key).not.toContain(PUBLIC_BASE_URL);
      }
      expect(await handler({}, lambdaContext('publish'))).toEqual({ pending: 0, feeds: [], days: [], rerendered: [], recovered: [], damaged: [] });
    } finally {
      restoreBase();
    }
  });

  it('throws when publishing fails, so Lambda retries the invocation and, after its retries, dead-letters it to the runs queue the alarm watches', async () => {
    const restoreBucket = useEnv({ ...stack.env, [ENV.bucket]: 'no-such-bucket' });
    try {
      await expect(handler(publishRequest(), lambdaContext('publish'))).rejects.toThrow(/no-such-bucket|NoSuchBucket|index\/pending/);
    } finally {
      restoreBucket();
    }
  });
});
