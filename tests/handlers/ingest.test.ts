import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENV } from '../../functions/lib/lambda-env.ts';
import { keys } from '../../functions/lib/keys.ts';
import { acquireLease } from '../../functions/lib/lease.ts';
import { SourceItem } from '../../schemas/source-item.ts';
import { IngestState } from '../../schemas/state.ts';
import { type ExpectedArticle, sampleSiteIndex } from '../support/stack.ts';
import { type HandlerStack, lambdaContext, PUBLISH_TARGET, queueCounts, scheduleEvent, startHandlerStack, takeAll, useEnv } from './support.ts';

type Handler = typeof import('../../functions/ingest/handler.ts').handler;

describe('the ingest handler, invoked by a Scheduler event against S3, SQS and a Scheduler endpoint on loopback', () => {
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
    expect(stack.scheduler.requests).toEqual([]);
  });

  it('queues every waiting item as a SourceItem message, marks it queued and asks for one delayed publish', async () => {
    const context = lambdaContext('ingest');
    const before = Date.now();
    const summary = await handler(scheduleEvent('2025-11-24T12:10:00Z'), context);
    const after = Date.now();
    expect(summary).toMatchObject({ status: 'done', queued: expected.length, enqueueFailures: 0, publishRequested: true });

    const messages = await takeAll(stack.sqs, stack.queues.process);
    const items = messages.map((m) => SourceItem.parse(JSON.parse(m.Body as string)));
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((a) => a.id).sort());
    for (const item of items) expect(new URL(item.url).origin).toBe(stack.site.origin);

    expect(Object.values((await state()).items).map((i) => i.status)).toEqual(expected.map(() => 'queued'));
    expect(await stack.s3.store.exists(keys.lease)).toBe(false);
    // One publish for the whole run: a one-time schedule at the end of the 30-minute window that
    // falls 120 s ahead (while process drains), named by that time.
    expect(stack.scheduler.requests).toHaveLength(1);
    const [request] = stack.scheduler.requests;
    expect(request?.method).toBe('POST');
    expect(request?.body).toMatchObject({
      GroupName: PUBLISH_TARGET.group,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: PUBLISH_TARGET.publishFunctionArn,
        RoleArn: PUBLISH_TARGET.roleArn,
        DeadLetterConfig: { Arn: PUBLISH_TARGET.deadLetterArn },
        RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
      },
    });
    const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(request?.body.ScheduleExpression)?.[1];
    const atMs = Date.parse(`${at}Z`);
    expect(atMs % 1_800_000).toBe(0);
    expect(atMs).toBeGreaterThanOrEqual(before + 120_000);
    expect(atMs).toBeLessThan(after + 120_000 + 1_800_000);
    expect(request?.name).toBe(`publish-${at?.slice(0, 16).replace(':', '-')}`);
    expect(JSON.parse(request?.body.Target.Input)).toEqual({ reason: 'ingest', requestId: context.awsRequestId, queued: expected.length, scheduledTime: '2025-11-24T12:10:00Z' });
  });

  it('on the next tick gets 304s, queues nothing and asks for no publish', async () => {
    const before = stack.site.requests.length;
    const summary = await handler(scheduleEvent('2025-11-24T12:20:00Z'), lambdaContext('ingest'));
    expect(summary).toMatchObject({ status: 'done', queued: 0, publishRequested: false });
    expect(summary.feeds.every((f) => f.status === 'not-modified')).toBe(true);
    expect(stack.site.requests.slice(before).every((r) => r.status === 304)).toBe(true);
    expect(await queueCounts(stack.sqs, stack.queues.process)).toEqual({ visible: 0, delayed: 0, inflight: 0 });
    expect(stack.scheduler.requests).toHaveLength(1);
  });

  describe('at a fixed time (only Date is faked)', () => {
    afterEach(() => vi.useRealTimers());

    it('asks for a publish when articles are still waiting in index/pending/, even with nothing new', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:05:00Z') });
      await stack.s3.store.putJson(keys.pending('late-article'), { marker: true });
      try {
        const summary = await handler(scheduleEvent('2030-01-01T00:05:00Z'), lambdaContext('ingest'));
        expect(summary).toMatchObject({ queued: 0, publishRequested: true });
        expect(stack.scheduler.requests).toHaveLength(2);
        expect(stack.scheduler.requests[1]).toMatchObject({ name: 'publish-2030-01-01T00-30', body: { ScheduleExpression: 'at(2030-01-01T00:30:00)' } });
        expect(JSON.parse(stack.scheduler.requests[1]?.body.Target.Input)).toMatchObject({ reason: 'ingest', queued: 0 });
      } finally {
        await stack.s3.store.delete(keys.pending('late-article'));
      }
    });

    it('a later run of the same window finds its publish already asked for, and the run succeeds: one publish per window', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:15:00Z') });
      await stack.s3.store.putJson(keys.pending('late-article'), { marker: true });
      try {
        const summary = await handler(scheduleEvent('2030-01-01T00:15:00Z'), lambdaContext('ingest'));
        expect(summary).toMatchObject({ status: 'done', publishRequested: true });
        expect(stack.scheduler.requests).toHaveLength(2);
        expect(stack.scheduler.conflicts.map((r) => r.name)).toEqual(['publish-2030-01-01T00-30']);
        expect(await stack.s3.store.exists(keys.lease)).toBe(false);
      } finally {
        await stack.s3.store.delete(keys.pending('late-article'));
      }
    });

    it('with publishWindowMinutes 0, asks for one publish per run, publishDelaySeconds ahead, named by the run', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:16:00Z') });
      const perRun = useEnv({ ...stack.env, [ENV.publishWindowMinutes]: '0' });
      await stack.s3.store.putJson(keys.pending('late-article'), { marker: true });
      try {
        const context = lambdaContext('ingest');
        await handler(scheduleEvent('2030-01-01T00:16:00Z'), context);
        expect(stack.scheduler.requests.at(-1)).toMatchObject({ name: `publish-${context.awsRequestId}`, body: { ScheduleExpression: 'at(2030-01-01T00:18:00)' } });
      } finally {
        perRun();
        await stack.s3.store.delete(keys.pending('late-article'));
      }
    });
  });

  it('fails loudly, the lease released, when Scheduler refuses the publish schedule', async () => {
    await stack.s3.store.putJson(keys.pending('late-article'), { marker: true });
    stack.scheduler.fail = true;
    try {
      await expect(handler(scheduleEvent('2025-11-24T12:35:00Z'), lambdaContext('ingest'))).rejects.toThrow(/not authorized to perform scheduler:CreateSchedule/);
      expect(await stack.s3.store.exists(keys.lease)).toBe(false);
    } finally {
      stack.scheduler.fail = false;
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
