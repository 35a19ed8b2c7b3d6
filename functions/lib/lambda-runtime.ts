/**
 * What the Lambda handlers share: Powertools logger and metrics, and the S3 / SQS clients built
 * from the environment (kept across warm invocations, rebuilt if the environment changes).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type HttpClient, httpClientFor } from './http.ts';
import { METRIC_NAMESPACE, type LambdaSettings, readLambdaSettings } from './lambda-env.ts';
import type { Logger as StageLogger } from './log.ts';
import { createS3Client, Store } from './store.ts';

export { MetricUnit };

export interface Telemetry {
  logger: Logger;
  /** The stages' logging surface, writing through Powertools (structured JSON). */
  log: StageLogger;
}

/** One Powertools logger per function (service). */
export function telemetry(service: string): Telemetry {
  const logger = new Logger({ serviceName: service });
  const log: StageLogger = {
    info: (message, fields = {}) => logger.info(message, fields),
    warn: (message, fields = {}) => logger.warn(message, fields),
    error: (message, fields = {}) => logger.error(message, fields),
  };
  return { logger, log };
}

/** One Powertools metrics instance per function that publishes custom metrics (publish has none). */
export function metricsFor(service: string): Metrics {
  return new Metrics({ namespace: METRIC_NAMESPACE, serviceName: service });
}

export interface LambdaRuntime {
  settings: LambdaSettings;
  store: Store;
  /** One per container, like the S3 client: its keep-alive connections outlive an invocation. */
  http: HttpClient;
}

let cached: { key: string; runtime: LambdaRuntime } | undefined;

/** Settings and clients for this invocation; clients are reused while the environment is unchanged. */
export function lambdaRuntime(env: Record<string, string | undefined> = process.env): LambdaRuntime {
  const settings = readLambdaSettings(env);
  const key = JSON.stringify(settings);
  if (cached?.key === key) return cached.runtime;
  if (cached) {
    cached.runtime.store.client.destroy();
    cached.runtime.http.close();
  }
  const s3 = createS3Client({ bucket: settings.bucket, region: settings.region, ...(settings.s3Endpoint ? { endpoint: settings.s3Endpoint } : {}) });
  const runtime = { settings, store: new Store(s3, settings.bucket), http: httpClientFor(settings.config) };
  cached = { key, runtime };
  return runtime;
}

const deployments = new WeakMap<Metrics, string>();

/** Adds the deployment dimension (once) so alarms of one stack see only its own functions. */
export function useDeployment(metrics: Metrics, deployment: string): void {
  if (deployments.get(metrics) === deployment) return;
  metrics.setDefaultDimensions({ deployment });
  deployments.set(metrics, deployment);
}

export { errorMessage } from './errors.ts';
