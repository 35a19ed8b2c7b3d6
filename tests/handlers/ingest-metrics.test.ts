import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENV, METRIC_NAMESPACE, METRICS } from '../../functions/lib/lambda-env.ts';
import { acquireLease } from '../../functions/lib/lease.ts';
import { captureEmf, type HandlerStack, lambdaContext, scheduleEvent, startHandlerStack, useEnv } from './support.ts';

type Handler = typeof import('../../functions/ingest/handler.ts').handler;

/** What the source-failing alarm reads: FeedErrors, once per run that polled and found failing sources, never for a skipped run. */
describe('the ingest handler\'s metrics', () => {
  let stack: HandlerStack;
  let handler: Handler;
  let restore: () => void;
  /** Answers everything with a Cloudflare challenge: a source that blocks the pipeline. */
  let challenging: Server;
  let emf: Record<string, any>[];

  beforeAll(async () => {
    stack = await startHandlerStack();
    challenging = createServer((_req, res) => res.writeHead(403, { 'cf-mitigated': 'challenge', 'content-type': 'text/html' }).end('<!doctype html><title>Just a moment...</title>'));
    await new Promise<void>((resolve) => challenging.listen(0, '127.0.0.1', resolve));
    const challengeOrigin = `http://127.0.0.1:${(challenging.address() as AddressInfo).port}`;
    const config = JSON.parse(stack.env[ENV.config] as string);
    // A feed that is gone and one behind a challenge: every run that polls counts both as failed.
    config.feeds = [...config.feeds, { url: `${stack.site.origin}/rss/moved.xml` }, { url: `${challengeOrigin}/rss/eng.xml` }];
    config.allowHosts = [...config.allowHosts, new URL(challengeOrigin).host];
    restore = useEnv({ ...stack.env, [ENV.config]: JSON.stringify(config), POWERTOOLS_METRICS_DISABLED: 'false' });
    handler = (await import('../../functions/ingest/handler.ts')).handler;
    emf = captureEmf();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    restore?.();
    await new Promise((resolve) => challenging?.close(resolve));
    await stack?.close();
  });

  it('a run that polled publishes FeedErrors, the number of sources that failed or were blocked', async () => {
    const summary = await handler(scheduleEvent('2025-11-24T12:00:00Z'), lambdaContext('ingest'));
    expect(summary.feeds.map((f) => f.status).slice(-2)).toEqual(['error', 'blocked']);
    expect(emf).toHaveLength(1);
    expect(emf[0]?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRIC_NAMESPACE, Dimensions: [['service', 'deployment']] });
    expect(emf[0]).toMatchObject({ service: 'ingest', deployment: 'HandlerTest', [METRICS.feedErrors]: 2 });
  });

  it('a run whose sources all answer publishes nothing: the metric is billed only for hours with a failure', async () => {
    const healthy = useEnv({ ...stack.env, POWERTOOLS_METRICS_DISABLED: 'false' });
    try {
      const summary = await handler(scheduleEvent('2025-11-24T12:05:00Z'), lambdaContext('ingest'));
      expect(summary.status).toBe('done');
      expect(summary.feeds.every((f) => f.status !== 'error' && f.status !== 'blocked')).toBe(true);
      expect(emf).toHaveLength(1);
    } finally {
      healthy();
    }
  });

  it('a run skipped because the lease is held publishes nothing, so it cannot hide a failing source', async () => {
    const other = await acquireLease(stack.s3.store, 'ingest:other', 60_000);
    try {
      const summary = await handler(scheduleEvent('2025-11-24T12:10:00Z'), lambdaContext('ingest'));
      expect(summary.status).toBe('skipped');
      expect(emf).toHaveLength(1);
    } finally {
      await other.release();
    }
  });
});
