import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../functions/ingest/index.ts';
import { ENV, METRIC_NAMESPACE, METRICS } from '../../functions/lib/lambda-env.ts';
import { keys } from '../../functions/lib/keys.ts';
import { httpClientFor } from '../../functions/lib/http.ts';
import { lambdaRuntime } from '../../functions/lib/lambda-runtime.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import type { SourceItem } from '../../schemas/source-item.ts';
import { allKeys } from '../support/stack.ts';
import { captureEmf, type HandlerStack, lambdaContext, sqsEvent, sqsRecord, startHandlerStack, useEnv } from './support.ts';

type Handler = typeof import('../../functions/process/handler.ts').handler;

describe('the process handler, invoked with SQS batches against S3 and the replay site on loopback', () => {
  let stack: HandlerStack;
  let handler: Handler;
  let restore: () => void;
  let items: SourceItem[];
  /** A server that answers every request with 503: a transient failure. */
  let flaky: Server;
  let flakyOrigin: string;
  /** A server that accepts requests and never answers: a page that cannot finish in time. */
  let stalled: Server;
  let stalledOrigin: string;
  /** Resolves when the stalled request's connection is closed. */
  let stalledClosed!: Promise<void>;
  let emf: Record<string, any>[];

  beforeAll(async () => {
    stack = await startHandlerStack();
    flaky = createServer((_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('busy'));
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    flakyOrigin = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
    stalled = createServer((req) => {
      stalledClosed = new Promise((resolve) => req.socket.once('close', () => resolve()));
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    stalledOrigin = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
    const config = JSON.parse(stack.env[ENV.config] as string);
    config.allowHosts = [...config.allowHosts, new URL(flakyOrigin).host, new URL(stalledOrigin).host];
    // Metrics on for this file: the test below checks what the alarms will read.
    restore = useEnv({ ...stack.env, [ENV.config]: JSON.stringify(config), POWERTOOLS_METRICS_DISABLED: 'false' });
    handler = (await import('../../functions/process/handler.ts')).handler;
    // The feed items, as the ingest stage produces them.
    items = (await ingest(stack.config.feeds, { store: stack.s3.store, http: httpClientFor(stack.config) })).items;
    emf = captureEmf();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    restore?.();
    await new Promise((resolve) => flaky?.close(resolve));
    stalled?.closeAllConnections();
    await new Promise((resolve) => stalled?.close(resolve));
    await stack?.close();
  });

  const message = (item: SourceItem) => sqsRecord(JSON.stringify(item));

  it('reports exactly the one bad message of a batch in batchItemFailures and stores the others', async () => {
    const good = items.slice(0, 4).map(message);
    const bad = sqsRecord('{"id": "a1", "url": "not a url"');
    const response = await handler(sqsEvent([good[0]!, good[1]!, bad, good[2]!, good[3]!]), lambdaContext('process'));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    const pending = await allKeys(stack, keys.pendingPrefix);
    expect(pending.sort()).toEqual(items.slice(0, 4).map((i) => keys.pending(i.id)).sort());
    expect(await allKeys(stack, 'articles/')).toHaveLength(4);
    expect(await allKeys(stack, 'raw/')).toHaveLength(4);
  });

  it('reports a message whose body is JSON but not a feed item', async () => {
    const bad = sqsRecord(JSON.stringify({ id: 'x', title: 'no url' }));
    const response = await handler(sqsEvent([bad, message(items[4] as SourceItem)]), lambdaContext('process'));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
  });

  it('reports a transient failure (503) for SQS to retry, but not a page that is gone (404), which is rejected', async () => {
    const transient = message({ ...(items[5] as SourceItem), id: 'flaky1', url: `${flakyOrigin}/ru/flaky-a00001` });
    const gone = message({ ...(items[5] as SourceItem), id: 'gone1', url: `${stack.site.origin}/ru/gone-a00002` });
    const response = await handler(sqsEvent([transient, gone]), lambdaContext('process'));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: transient.messageId }]);
    const rejected = await allKeys(stack, 'rejected/');
    expect(rejected.some((k) => k.endsWith('/gone1.json'))).toBe(true);
    expect(rejected.some((k) => k.includes('flaky1'))).toBe(false);
  });

  it('a duplicate delivery of a stored article succeeds again without a second article', async () => {
    const before = await allKeys(stack, 'articles/');
    const response = await handler(sqsEvent([message(items[0] as SourceItem)]), lambdaContext('process'));
    expect(response.batchItemFailures).toEqual([]);
    expect(await allKeys(stack, 'articles/')).toEqual(before);
  });

  it('returns records to the queue unstarted when the invocation is about to time out', async () => {
    const records = items.slice(6, 8).map(message);
    const requests = stack.site.requests.length;
    // 2 s of response margin and less than the 5 s an item is given at least.
    const response = await handler(sqsEvent(records), lambdaContext('process', 6_900));
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(records.map((r) => r.messageId));
    expect(stack.site.requests.length).toBe(requests);
  });

  it('gives each item what is left of the invocation: a page that cannot finish is returned alone, before the timeout', async () => {
    const slow = message({ ...(items[8] as SourceItem), id: 'slow1', url: `${stalledOrigin}/ru/slow-a00003` });
    const fine = message(items[9] as SourceItem);
    const remainingMs = 8_000;
    const started = Date.now();
    const context = { ...lambdaContext('process'), getRemainingTimeInMillis: () => remainingMs - (Date.now() - started) };
    const response = await handler(sqsEvent([slow, fine]), context);
    const elapsed = Date.now() - started;
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: slow.messageId }]);
    expect(elapsed).toBeGreaterThanOrEqual(remainingMs - 2_000 - 100);
    expect(elapsed).toBeLessThan(remainingMs);
    expect((await allKeys(stack, 'articles/')).some((k) => k.endsWith(`/${(items[9] as SourceItem).id}.json`))).toBe(true);
    // The slow page's request was given up at the deadline, not left to its 10 s header timeout.
    await stalledClosed;
    expect(Date.now() - started).toBeLessThan(remainingMs);
  }, 15_000);

  it('publishes one ArticlesUnversioned value per stored article, with the dimensions the alarms read, and nothing else', () => {
    expect(emf.length).toBeGreaterThanOrEqual(1);
    const first = emf[0] as Record<string, any>;
    expect(first._aws.CloudWatchMetrics[0].Namespace).toBe(METRIC_NAMESPACE);
    expect(first._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'deployment']]);
    // Four articles stored, each fitting a dated extractor version (0); one item failed.
    expect(first).toMatchObject({ service: 'process', deployment: 'HandlerTest', [METRICS.articlesUnversioned]: [0, 0, 0, 0] });
    // A failed item is no metric (it comes back to the queue, whose age AWS measures), and a batch
    // that stored nothing sends nothing: every record holds stored articles' values only.
    expect(emf.every((e) => Array.isArray(e[METRICS.articlesUnversioned]) || typeof e[METRICS.articlesUnversioned] === 'number')).toBe(true);
    const names = new Set(emf.flatMap((e) => e._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)));
    expect([...names]).toEqual([METRICS.articlesUnversioned]);
  });

  it('records an item that fails on its last receive before the dead-letter queue as rejected, as the CLI does', async () => {
    const item = { ...(items[10] as SourceItem), id: 'flaky2', url: `${flakyOrigin}/ru/flaky-a00004` };
    const last = sqsRecord(JSON.stringify(item));
    last.attributes.ApproximateReceiveCount = '5';
    const response = await handler(sqsEvent([last]), lambdaContext('process'));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: last.messageId }]);
    const key = (await allKeys(stack, 'rejected/')).find((k) => k.endsWith('/flaky2.json')) as string;
    const record = (await stack.s3.store.getJson(key, RejectedItem))?.value;
    expect(record).toMatchObject({ id: 'flaky2', rawKey: null, item });
    expect(record?.reason).toMatch(/^gave up after 5 attempts; the last: HTTP 503/);
  });

  it('records an item given up on its last receive when the invocation had no time left to start it, or to finish it', async () => {
    const unstarted = { ...(items[11] as SourceItem), id: 'late5', url: `${flakyOrigin}/ru/late-a00005` };
    const record = sqsRecord(JSON.stringify(unstarted));
    record.attributes.ApproximateReceiveCount = '5';
    expect((await handler(sqsEvent([record]), lambdaContext('process', 6_900))).batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    const slow = { ...(items[12] as SourceItem), id: 'slow6', url: `${stalledOrigin}/ru/slow-a00006` };
    const slowRecord = sqsRecord(JSON.stringify(slow));
    slowRecord.attributes.ApproximateReceiveCount = '5';
    const started = Date.now();
    const context = { ...lambdaContext('process'), getRemainingTimeInMillis: () => 8_000 - (Date.now() - started) };
    expect((await handler(sqsEvent([slowRecord]), context)).batchItemFailures).toEqual([{ itemIdentifier: slowRecord.messageId }]);
    const reasons = [];
    for (const id of ['late5', 'slow6']) {
      const key = (await allKeys(stack, 'rejected/')).find((k) => k.endsWith(`/${id}.json`)) as string;
      reasons.push((await stack.s3.store.getJson(key, RejectedItem))?.value.reason);
    }
    expect(reasons).toEqual(['gave up after 5 attempts; the last: not started: too little time left in the invocation', 'gave up after 5 attempts; the last: not done within the 6 s the invocation had left']);
  }, 15_000);

  it('keeps one HTTP client per container, beside the S3 client, and replaces both when the environment changes', () => {
    const first = lambdaRuntime();
    expect(lambdaRuntime().http).toBe(first.http);
    expect(lambdaRuntime().store).toBe(first.store);
    const changed = lambdaRuntime({ ...process.env, [ENV.config]: JSON.stringify({ ...JSON.parse(process.env[ENV.config] as string), concurrency: 7 }) });
    expect(changed.http).not.toBe(first.http);
    expect(changed.store).not.toBe(first.store);
  });
});
