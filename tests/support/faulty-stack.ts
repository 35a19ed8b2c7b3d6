/**
 * A pipeline stack for fault tests: the embedded S3 server, the fault proxy in front of it, a
 * store that talks to S3 through the proxy (short timeouts, so stalls cost little), and a replay
 * site; everything on 127.0.0.1 random ports, removed on close.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { EMBEDDED_BUCKET, type EmbeddedS3, startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { resolveConfig } from '../../functions/lib/config.ts';
import { createS3Client, type S3Location, Store } from '../../functions/lib/store.ts';
import type { PipelineConfig } from '../../schemas/config.ts';
import { type FaultProxy, type FaultProxyOptions, startFaultProxy } from './fault-proxy.ts';
import { SAMPLE_SITE } from './stack.ts';

export interface FaultyStack {
  home: string;
  /** The S3 server itself, and a store that talks to it directly (for the test's own checks). */
  s3: EmbeddedS3;
  proxy: FaultProxy;
  /** A store that talks to S3 through the proxy: what the pipeline under test uses. */
  store: Store;
  site: ReplaySite;
  config: PipelineConfig;
  /** What a client needs to reach S3 through the proxy (e.g. from a child process). */
  location: S3Location;
  close(): Promise<void>;
}

type RetryStrategy = Extract<NonNullable<S3ClientConfig['retryStrategy']>, { recordSuccess: unknown }>;

/**
 * The SDK's standard retries (every attempt up to maxAttempts after a connection error, a 5xx or
 * throttling; jittered backoff) without its retry quota. These tests fail a large share of all
 * requests on purpose; the quota (500 tokens per client, 5 or 10 a retry, not refunded after a
 * retried conditional write answers 412) would then measure how many faults a test injects and how
 * loaded the machine is, not how the pipeline handles a fault.
 */
function retriesWithoutQuota(maxAttempts: number): RetryStrategy {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, info) => {
      const next = previous.getRetryCount() + 1;
      if (next >= maxAttempts || info.errorType === 'CLIENT_ERROR') throw new Error('no retry left');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1_000, 50 * 2 ** next)));
      return token(next);
    },
    recordSuccess: () => {},
  };
}

/** Timeouts short enough that a stalled S3 request costs little in a test. */
export const TEST_S3_TIMEOUTS = { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_500, maxAttempts: 4 } as const;

export async function startFaultyStack(options: { siteDir?: string; proxy?: Omit<FaultProxyOptions, 'upstream' | 'bucket'>; config?: Partial<PipelineConfig> } = {}): Promise<FaultyStack> {
  const home = await mkdtemp(join(tmpdir(), 'kazfeed-faults-'));
  const s3 = await startEmbeddedS3(home);
  const proxy = await startFaultProxy({ upstream: s3.endpoint, bucket: EMBEDDED_BUCKET, ...options.proxy });
  const location: S3Location = {
    bucket: EMBEDDED_BUCKET,
    endpoint: proxy.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' },
    ...TEST_S3_TIMEOUTS,
  };
  const client = createS3Client(location, { retryStrategy: retriesWithoutQuota(TEST_S3_TIMEOUTS.maxAttempts) });
  const store = new Store(client, EMBEDDED_BUCKET, { bodyTimeoutMs: TEST_S3_TIMEOUTS.requestTimeoutMs });
  const site = await startReplaySite(options.siteDir ?? SAMPLE_SITE);
  const config = resolveConfig({
    feeds: site.feedUrls.map((url) => ({ url })),
    allowHosts: [new URL(site.origin).host],
    publicBaseUrl: 'http://127.0.0.1:8080',
    retries: 0,
    ...options.config,
  });
  return {
    home,
    s3,
    proxy,
    store,
    site,
    config,
    location,
    async close() {
      client.destroy();
      await site.close();
      await proxy.close();
      await s3.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Every key under a prefix with the sha256 of its bytes, read directly from S3. */
export async function snapshot(store: Store, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const key of store.list(prefix)) {
    const object = await store.get(key);
    out[key] = createHash('sha256').update(object?.body ?? new Uint8Array()).digest('hex');
  }
  return out;
}
