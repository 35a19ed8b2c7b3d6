import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_BUCKET } from '../../cli/embedded-s3.ts';
import { ingestIntoQueue } from '../../functions/ingest/queue-run.ts';
import { PIPELINE_VERSION } from '../../functions/lib/config.ts';
import { keys } from '../../functions/lib/keys.ts';
import { httpClientFor } from '../../functions/lib/http.ts';
import { createS3Client, Store } from '../../functions/lib/store.ts';
import { processItem, recordGivenUp } from '../../functions/process/index.ts';
import { publish } from '../../functions/publish/index.ts';
import type { SourceItem } from '../../schemas/source-item.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { cleanOutdirs, grantsOf, type Synth, synth } from './support.ts';

/** The IAM action an S3 request needs (HeadObject is allowed by s3:GetObject). */
const ACTION: Record<string, string> = {
  GetObjectCommand: 's3:GetObject',
  HeadObjectCommand: 's3:GetObject',
  PutObjectCommand: 's3:PutObject',
  DeleteObjectCommand: 's3:DeleteObject',
  ListObjectsV2Command: 's3:ListBucket',
  HeadBucketCommand: 's3:ListBucket',
};

/** A store whose every S3 request is recorded as "<action> <key>" ("<action> bucket" for the bucket itself). */
function recordingStore(stack: Stack): { store: Store; requests: Set<string> } {
  const client = createS3Client({ bucket: EMBEDDED_BUCKET, endpoint: stack.s3.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' } });
  const requests = new Set<string>();
  client.middlewareStack.add((next, context) => async (args) => {
    const input = args.input as { Key?: string };
    requests.add(`${ACTION[context.commandName as string] ?? context.commandName} ${input.Key ?? 'bucket'}`);
    return next(args);
  }, { step: 'initialize' });
  return { store: new Store(client, EMBEDDED_BUCKET), requests };
}

/** Whether a role's grants ("s3:GetObject bucket.Arn/articles/*") allow one recorded request. */
function allowed(grants: string[], request: string): boolean {
  const [action, key] = request.split(' ') as [string, string];
  return grants.some((grant) => {
    const [grantAction, resource] = grant.split(' ') as [string, string];
    if (grantAction !== action) return false;
    if (key === 'bucket') return resource === 'bucket.Arn';
    const pattern = resource.replace(/^bucket\.Arn\//, '');
    return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key);
  });
}

/**
 * Each stage run as its Lambda runs it, against a real S3-compatible server, with every S3 request
 * it makes checked against its function's role in the synthesized template: a stage that starts
 * writing a new prefix fails here, not with AccessDenied after a deploy.
 */
describe('the function roles allow every S3 request their stage makes', () => {
  let stack: Stack;
  let s: Synth;
  const grants = (fn: object) => grantsOf(s, s.json.Resources[s.logicalId(fn)]?.Properties?.Role['Fn::GetAtt'][0], { [s.logicalId(s.stack.bucket)]: 'bucket' });
  let items: SourceItem[] = [];

  beforeAll(async () => {
    stack = await startStack();
    s = synth();
  });
  afterAll(async () => {
    cleanOutdirs();
    await stack?.close();
  });

  it('ingest', async () => {
    const { store, requests } = recordingStore(stack);
    const queue = { send: async (sent: readonly SourceItem[]) => ((items = [...sent]), { sent: sent.map((i) => i.id), failed: [] }), requestPublish: async () => undefined };
    const run = await ingestIntoQueue(stack.config.feeds, { store, http: httpClientFor(stack.config), queue, owner: 'ingest:test', leaseTtlMs: 60_000 });
    expect(run.queued).toBeGreaterThan(0);
    expect([...requests].filter((r) => !allowed(grants(s.stack.ingestFunction), r))).toEqual([]);
  });

  it('ingest, when the ingest state cannot be read: it is set aside and rebuilt', async () => {
    const { store, requests } = recordingStore(stack);
    await store.put(keys.ingestState, '{"feeds": ', { contentType: 'application/json' });
    const queue = { send: async (sent: readonly SourceItem[]) => ({ sent: sent.map((i) => i.id), failed: [] }), requestPublish: async () => undefined };
    await ingestIntoQueue(stack.config.feeds, { store, http: httpClientFor(stack.config), queue, owner: 'ingest:test', leaseTtlMs: 60_000 });
    expect([...requests].some((r) => r.startsWith('s3:PutObject state/ingest.unreadable-'))).toBe(true);
    expect([...requests].filter((r) => !allowed(grants(s.stack.ingestFunction), r))).toEqual([]);
  });

  it('process, one item of it given up before and redriven from the dead-letter queue: its rejection is removed once it is stored', async () => {
    const { store, requests } = recordingStore(stack);
    const http = httpClientFor(stack.config);
    const redriven = items[0] as SourceItem;
    const record = await recordGivenUp(store, redriven, 'gave up after 5 attempts; the last: HTTP 503', '2026-12-01T00:00:00.000Z');
    for (const item of items) await processItem(item, { store, http, pipelineVersion: PIPELINE_VERSION });
    expect([...requests].some((r) => r.startsWith('s3:PutObject articles/'))).toBe(true);
    expect(requests).toContain(`s3:DeleteObject ${record}`);
    expect(await store.exists(record)).toBe(false);
    expect([...requests].filter((r) => !allowed(grants(s.stack.processFunction), r))).toEqual([]);
  });

  it('publish', async () => {
    const { store, requests } = recordingStore(stack);
    // As functions/publish/handler.ts calls it: the atlas too.
    const result = await publish(store, { feedSize: 100, publicBaseUrl: 'https://d111111abcdef8.cloudfront.net', site: true });
    expect(result.pending).toBeGreaterThan(0);
    expect([...requests].some((r) => r.startsWith('s3:PutObject archive/series/'))).toBe(true);
    expect([...requests].some((r) => r.startsWith('s3:PutObject site/pair/'))).toBe(true);
    expect([...requests].filter((r) => !allowed(grants(s.stack.publishFunction), r))).toEqual([]);
  });

  it('publish, after the deployment\'s address changed: every feed rebased', async () => {
    const { store, requests } = recordingStore(stack);
    const result = await publish(store, { feedSize: 100, publicBaseUrl: 'https://feeds.example.org', site: true });
    expect(result.rerendered).toContain('feeds/all.xml');
    expect([...requests].filter((r) => !allowed(grants(s.stack.publishFunction), r))).toEqual([]);
  });
});
