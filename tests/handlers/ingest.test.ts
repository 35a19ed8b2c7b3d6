import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/lib/lambda-env.ts';
import { keys } from '../../functions/lib/keys.ts';
import { acquireLease } from '../../functions/lib/lease.ts';
import { SourceItem } from '../../schemas/source-item.ts';
import { IngestState } from '../../schemas/state.ts';
import { type ExpectedArticle, sampleSiteIndex } from '../support/stack.ts';
import { type HandlerStack, lambdaContext, queueCounts, scheduleEvent, startHandlerStack, takeAll, useEnv } from './support.ts';

type Handler = typeof import('../../functions/ingest/handler.ts').handler;

describe('the ingest handler, invoked by a Scheduler event against S3 and SQS on loopback', () => {
  let stack: HandlerStack;
  let handler: Handler;
  let restore: () => void;
  let expected: ExpectedArticle[];

  beforeAll(async () => {
    stack = await startHandlerStack();
    restore = useEnv(stack.env);
    // Imported after the environment is set: Powertools reads it when the handler module loads.
    handler = (await import('../../functions/ingest/handler.ts')).handler;
    expected = (await sampleSiteIndex()).articles;
  });
  afterAll(async () => {
    restore?.();
    await stack?.close();
  });

  const state = async () => (await stack.s3.store.getJson(keys.ingestState, IngestState))?.value as IngestState;

  it('when SQS refuses the items, keeps them pending, saves the feed state, releases the lease and fails loudly', async () => {
    const missing = stack.queues.process.replace(/process$/, 'no-such-queue');
    const restoreQueue = useEnv({ ...stack.env, [ENV.processQueueUrl]: missing });
    try {
      await expect(handler(scheduleEvent(), lambdaContext('ingest'))).rejects.toThrow(`${expected.length} items could not be queued`);
    } finally {
      restoreQueue();
    }
    const items = Object.values((await state()).items);
    expect(items).toHaveLength(expected.length);
    expect(items.every((i) => i.status === 'pending' && i.item)).toBe(true);
    expect(await stack.s3.store.exists(keys.lease)).toBe(false);
    expect(await queueCounts(stack.sqs, stack.queues.publish)).toEqual({ visible: 0, delayed: 0, inflight: 0 });
  });

  it('queues every waiting item as a SourceItem message, marks it queued and asks for one delayed publish', async () => {
    const summary = await handler(scheduleEvent('2025-11-24T12:10:00Z'), lambdaContext('ingest'));
    expect(summary).toMatchObject({ status: 'done', queued: expected.length, enqueueFailures: 0, publishRequested: true });

    const messages = await takeAll(stack.sqs, stack.queues.process);
    const items = messages.map((m) => SourceItem.parse(JSON.parse(m.Body as string)));
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((a) => a.id).sort());
    for (const item of items) expect(new URL(item.url).origin).toBe(stack.site.origin);

    const after = await state();
    expect(Object.values(after.items).map((i) => i.status)).toEqual(expected.map(() => 'queued'));
    expect(await stack.s3.store.exists(keys.lease)).toBe(false);
    // One publish message for the whole run, held back by DelaySeconds (120 s) while process drains.
    expect(await queueCounts(stack.sqs, stack.queues.publish)).toEqual({ visible: 0, delayed: 1, inflight: 0 });
  });

  it('on the next tick gets 304s, queues nothing and asks for no publish', async () => {
    const before = stack.site.requests.length;
    const summary = await handler(scheduleEvent('2025-11-24T12:20:00Z'), lambdaContext('ingest'));
    expect(summary).toMatchObject({ status: 'done', queued: 0, publishRequested: false });
    expect(summary.feeds.every((f) => f.status === 'not-modified')).toBe(true);
    expect(stack.site.requests.slice(before).every((r) => r.status === 304)).toBe(true);
    expect(await queueCounts(stack.sqs, stack.queues.process)).toEqual({ visible: 0, delayed: 0, inflight: 0 });
    expect((await queueCounts(stack.sqs, stack.queues.publish)).delayed).toBe(1);
  });

  it('asks for a publish when articles are still waiting in index/pending/, even with nothing new', async () => {
    await stack.s3.store.putJson(keys.pending('late-article'), { marker: true });
    try {
      const summary = await handler(scheduleEvent('2025-11-24T12:30:00Z'), lambdaContext('ingest'));
      expect(summary).toMatchObject({ queued: 0, publishRequested: true });
      expect((await queueCounts(stack.sqs, stack.queues.publish)).delayed).toBe(2);
    } finally {
      await stack.s3.store.delete(keys.pending('late-article'));
    }
  });

  it('skips the tick, touching nothing, while another run holds the lease', async () => {
    const other = await acquireLease(stack.s3.store, 'ingest:another-run', 600_000);
    try {
      const before = stack.site.requests.length;
      const summary = await handler(scheduleEvent('2025-11-24T12:40:00Z'), lambdaContext('ingest'));
      expect(summary.status).toBe('skipped');
      expect(stack.site.requests.length).toBe(before);
      expect(await stack.s3.store.exists(keys.lease)).toBe(true);
    } finally {
      await other.release();
    }
  });

  it('sets aside an ingest state cut short, rebuilds it from the archive and goes on with the tick', async () => {
    const cutShort = JSON.stringify(await state()).slice(0, 40);
    await stack.s3.store.put(keys.ingestState, cutShort, { contentType: 'application/json' });
    const summary = await handler(scheduleEvent('2025-11-24T12:50:00Z'), lambdaContext('ingest'));
    expect(summary.status).toBe('done');
    // The archive holds no article yet (nothing was processed), so every item is queued again.
    expect(summary.queued).toBe(expected.length);
    expect(Object.keys((await state()).items).sort()).toEqual(expected.map((a) => a.id).sort());
    const asideKeys: string[] = [];
    for await (const key of stack.s3.store.list('state/')) if (key.includes('.unreadable-')) asideKeys.push(key);
    expect(asideKeys).toHaveLength(1);
    expect(new TextDecoder().decode((await stack.s3.store.get(asideKeys[0] as string))?.body)).toBe(cutShort);
    await takeAll(stack.sqs, stack.queues.process);
  });

  it('reports a missing setting by name', async () => {
    const restoreBucket = useEnv({ ...stack.env, [ENV.bucket]: '' });
    try {
      await expect(handler(scheduleEvent(), lambdaContext('ingest'))).rejects.toThrow('environment variable KAZFEED_BUCKET is not set');
    } finally {
      restoreBucket();
    }
  });
});
