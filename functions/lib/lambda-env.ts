/**
 * The contract between the CDK stack and the Lambda handlers: environment variable names, the
 * metric namespace and names, and parsing of the environment into typed settings. No AWS SDK or
 * Powertools import here: the CDK app imports this file too.
 */
import { publicBaseUrl as checkedBaseUrl } from '../../schemas/addresses.ts';
import { errorMessage, firstIssue, KazfeedError } from './errors.ts';
import * as z from '../../schemas/zod.ts';
import { PipelineConfig } from '../../schemas/config.ts';
import { resolveConfig } from './config.ts';

export const ENV = {
  /** The pipeline bucket. */
  bucket: 'KAZFEED_BUCKET',
  /** JSON of a partial PipelineConfig (feeds, allowHosts, feedSize, ...); defaults fill the rest. */
  config: 'KAZFEED_CONFIG',
  processQueueUrl: 'KAZFEED_PROCESS_QUEUE_URL',
  /** The publish function, the role Scheduler invokes it with, and where undeliverable invocations go. */
  publishFunctionArn: 'KAZFEED_PUBLISH_FUNCTION_ARN',
  publishScheduleRoleArn: 'KAZFEED_PUBLISH_SCHEDULE_ROLE_ARN',
  publishDeadLetterArn: 'KAZFEED_PUBLISH_DEAD_LETTER_ARN',
  /** The stack's schedule group, where ingest creates the one-time publish schedules. */
  scheduleGroup: 'KAZFEED_SCHEDULE_GROUP',
  publishDelaySeconds: 'KAZFEED_PUBLISH_DELAY_SECONDS',
  /** Publishes are coalesced to at most one per this many minutes (0: one per run that asks). */
  publishWindowMinutes: 'KAZFEED_PUBLISH_WINDOW_MINUTES',
  /** Where feeds are served from (the CloudFront or custom domain), for self links. */
  publicBaseUrl: 'KAZFEED_PUBLIC_BASE_URL',
  /** Metric dimension telling deployments (stacks) apart. */
  deployment: 'KAZFEED_DEPLOYMENT',
  /** S3-compatible endpoint (path-style), for running the handlers against a local server. */
  s3Endpoint: 'S3_ENDPOINT',
  /** SQS-compatible endpoint, likewise. */
  sqsEndpoint: 'SQS_ENDPOINT',
  /** EventBridge Scheduler endpoint, likewise (tests answer CreateSchedule on loopback). */
  schedulerEndpoint: 'SCHEDULER_ENDPOINT',
} as const;

export const METRIC_NAMESPACE = 'KazinformRelationsFeed';

/**
 * Custom metrics the handlers publish: only what AWS's own metrics cannot see, and two of them (a
 * name with its service and deployment dimensions is one metric, billed for the hours it is sent
 * in). FeedErrors is sent only when a source failed, so a healthy month pays for
 * ArticlesUnversioned alone. Failed items need none: they return to the process queue, whose age
 * AWS measures. The counts that only inform (items seen and queued, failed, bilateral, rejected,
 * published) are log fields.
 */
export const METRICS = {
  /** ingest, by a run that polled and found failing sources: how many failed or answered with a bot challenge. */
  feedErrors: 'FeedErrors',
  /**
   * process, one value per article stored: 1 when it fit no dated version of the Kazinform
   * extractor (stored from a generic fallback), 0 when one did. So SampleCount is the articles
   * stored, Sum those that fit no version, Average their share: one metric serves the
   * no-new-article alarm and the layout alarm.
   */
  articlesUnversioned: 'ArticlesUnversioned',
} as const;

export interface LambdaSettings {
  bucket: string;
  config: PipelineConfig;
  region: string;
  deployment: string;
  s3Endpoint: string | undefined;
  sqsEndpoint: string | undefined;
  schedulerEndpoint: string | undefined;
}

export class LambdaEnvError extends KazfeedError {
  constructor(message: string) {
    super(message);
    this.name = 'LambdaEnvError';
  }
}

type Env = Record<string, string | undefined>;

export function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new LambdaEnvError(`environment variable ${name} is not set`);
  return value;
}

/** An optional setting: undefined when unset, else what `check` makes of it; a refusal names the variable and the value. */
function optional(env: Env, name: string, check: (value: string) => string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  try {
    return check(value);
  } catch (error) {
    throw new LambdaEnvError(`${name}: ${errorMessage(error)}; got ${value}`);
  }
}

/** An endpoint the SDK clients are pointed at (a local S3, SQS or scheduler). */
function httpUrl(value: string): string {
  if (!z.url({ protocol: /^https?$/ }).safeParse(value).success) throw new Error('not an http(s) URL');
  return value;
}

/** Settings every handler needs; throws LambdaEnvError naming the variable that is wrong. */
export function readLambdaSettings(env: Env = process.env): LambdaSettings {
  const bucket = required(env, ENV.bucket);
  let overrides: unknown = {};
  const rawConfig = env[ENV.config]?.trim();
  if (rawConfig) {
    try {
      overrides = JSON.parse(rawConfig);
    } catch (error) {
      throw new LambdaEnvError(`${ENV.config} is not JSON: ${(error as Error).message}`);
    }
  }
  const partial = z.partial(PipelineConfig).safeParse(overrides);
  if (!partial.success) {
    throw new LambdaEnvError(`${ENV.config}: ${firstIssue(partial.error.issues)}`);
  }
  const publicBaseUrl = optional(env, ENV.publicBaseUrl, checkedBaseUrl);
  const config = resolveConfig({ ...partial.data, ...(publicBaseUrl ? { publicBaseUrl } : {}) });
  return {
    bucket,
    config,
    region: env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || 'us-east-1',
    deployment: env[ENV.deployment]?.trim() || 'default',
    s3Endpoint: optional(env, ENV.s3Endpoint, httpUrl),
    sqsEndpoint: optional(env, ENV.sqsEndpoint, httpUrl),
    schedulerEndpoint: optional(env, ENV.schedulerEndpoint, httpUrl),
  };
}

/** A whole number from 0 to `max` (of `unit`), as the settings file allows for that setting. */
export function readWholeNumber(env: Env, name: string, fallback: number, max: number, unit: string): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new LambdaEnvError(`${name} must be a whole number of ${unit} from 0 to ${max}, got "${raw}"`);
  return value;
}
