/**
 * Deployment settings, read from CDK context (`cdk.json` "context", or `-c key=value` on the
 * command line). Every key is optional; `CONTEXT_DEFAULTS` lists the defaults, and README.md ("Deploying")
 * documents each key. Bad values fail the synth with a one-line message naming the key.
 */
import type { Node } from 'constructs';
import { FeedConfig } from '../schemas/config.ts';
import { DEFAULT_CONFIG } from '../functions/lib/config.ts';

export type RemovalMode = 'retain' | 'destroy';

export interface StackSettings {
  stackName: string;
  /** Feeds to poll, each with an optional language hint. */
  feeds: FeedConfig[];
  /** The only hosts the functions may contact. */
  allowHosts: string[];
  /** EventBridge Scheduler expression for ingest runs. */
  schedule: string;
  /** Items per published feed. */
  feedSize: number;
  /** Receives of one process message before it moves to the dead-letter queue. */
  maxReceiveCount: number;
  /** SQS messages (feed items) per process invocation. */
  processBatchSize: number;
  /** Concurrent process invocations (SQS event source maximum concurrency, at least 2). */
  processMaxConcurrency: number;
  /** Pages one process invocation fetches at once. */
  fetchConcurrency: number;
  /** How long after an ingest run that queued items publish runs (SQS DelaySeconds). */
  publishDelaySeconds: number;
  /** Reserved concurrency of publish; 0 = none (for accounts whose concurrency quota is 10). */
  publishReservedConcurrency: number;
  logRetentionDays: number;
  /** Days after which raw pages move to S3 Glacier Instant Retrieval; 0 = never. */
  rawArchiveDays: number;
  /** Days noncurrent versions of articles, raw pages and rejections are kept. */
  noncurrentVersionDays: number;
  /** Days noncurrent versions of derived objects (feeds, index, state, archive files) are kept. */
  derivedNoncurrentVersionDays: number;
  /** Hours without a stored article before the "no new article" alarm fires. */
  noNewArticleHours: number;
  alarmEmail: string | undefined;
  /**
   * Encrypt the alarm topic with a customer-managed KMS key ($1/month, as much as the rest of the
   * stack at Kazinform's volume). CloudWatch cannot publish to a topic under the AWS-managed SNS key.
   */
  encryptAlarmTopic: boolean;
  /** Custom domain for the CDN; needs `certificateArn` (an ACM certificate in us-east-1). */
  domainName: string | undefined;
  certificateArn: string | undefined;
  /** retain (default): the bucket and logs outlive the stack; destroy: everything is deleted. */
  removalPolicy: RemovalMode;
  /** CloudFront price class: 100 (North America, Europe), 200 (+ Asia, Middle East, Africa), All. */
  priceClass: '100' | '200' | 'All';
}

export const CONTEXT_DEFAULTS: StackSettings = {
  stackName: 'KazinformRelationsFeed',
  feeds: DEFAULT_CONFIG.feeds,
  allowHosts: DEFAULT_CONFIG.allowHosts,
  schedule: 'rate(10 minutes)',
  feedSize: DEFAULT_CONFIG.feedSize,
  maxReceiveCount: DEFAULT_CONFIG.maxAttempts,
  processBatchSize: 5,
  processMaxConcurrency: 2,
  fetchConcurrency: 2,
  publishDelaySeconds: 120,
  publishReservedConcurrency: 1,
  logRetentionDays: 30,
  rawArchiveDays: 30,
  noncurrentVersionDays: 30,
  derivedNoncurrentVersionDays: 1,
  noNewArticleHours: 12,
  alarmEmail: undefined,
  encryptAlarmTopic: false,
  domainName: undefined,
  certificateArn: undefined,
  removalPolicy: 'retain',
  priceClass: '100',
};

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

class ContextError extends Error {
  constructor(key: string, message: string) {
    super(`context "${key}": ${message}`);
    this.name = 'ContextError';
  }
}

function integer(key: string, raw: unknown, min: number, max: number): number {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ContextError(key, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function flag(key: string, raw: unknown): boolean {
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new ContextError(key, `expected true or false, got ${JSON.stringify(raw)}`);
}

function text(key: string, raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') throw new ContextError(key, `expected a string, got ${JSON.stringify(raw)}`);
  return raw.trim();
}

/** A list given as a JSON array, or on the command line as JSON or comma-separated text. */
function list(key: string, raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    if (trimmed.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        throw new ContextError(key, 'is not valid JSON');
      }
    }
    return trimmed.split(',').map((s) => s.trim()).filter(Boolean);
  }
  throw new ContextError(key, `expected a list, got ${JSON.stringify(raw)}`);
}

function feeds(raw: unknown): FeedConfig[] {
  const entries = list('feeds', raw).map((entry) => (typeof entry === 'string' ? { url: entry } : entry));
  if (entries.length === 0) throw new ContextError('feeds', 'needs at least one feed');
  return entries.map((entry, i) => {
    const parsed = FeedConfig.safeParse(entry);
    if (!parsed.success) throw new ContextError('feeds', `entry ${i}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  });
}

/** Reads every setting from the construct tree's context, applying defaults. */
export function settingsFrom(node: Node): StackSettings {
  const get = (key: keyof StackSettings): unknown => node.tryGetContext(key);
  const d = CONTEXT_DEFAULTS;
  const or = <T>(key: keyof StackSettings, fallback: T, parse: (raw: unknown) => T): T => {
    const raw = get(key);
    return raw === undefined || raw === null || raw === '' ? fallback : parse(raw);
  };

  const schedule = or('schedule', d.schedule, (raw) => text('schedule', raw) as string);
  if (!/^(rate|cron|at)\(.+\)$/.test(schedule)) throw new ContextError('schedule', `expected rate(...), cron(...) or at(...), got "${schedule}"`);

  const logRetentionDays = or('logRetentionDays', d.logRetentionDays, (raw) => integer('logRetentionDays', raw, 1, 3653));
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw new ContextError('logRetentionDays', `CloudWatch Logs accepts ${LOG_RETENTION_DAYS.join(', ')}`);
  }

  const removalPolicy = or('removalPolicy', d.removalPolicy, (raw) => raw as RemovalMode);
  if (removalPolicy !== 'retain' && removalPolicy !== 'destroy') throw new ContextError('removalPolicy', `expected "retain" or "destroy", got ${JSON.stringify(removalPolicy)}`);

  const priceClass = or('priceClass', d.priceClass, (raw) => String(raw) as StackSettings['priceClass']);
  if (!['100', '200', 'All'].includes(priceClass)) throw new ContextError('priceClass', `expected 100, 200 or All, got ${JSON.stringify(priceClass)}`);

  const alarmEmail = text('alarmEmail', get('alarmEmail'));
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) throw new ContextError('alarmEmail', `"${alarmEmail}" is not an e-mail address`);

  const domainName = text('domainName', get('domainName'))?.toLowerCase();
  const certificateArn = text('certificateArn', get('certificateArn'));
  if (domainName && !certificateArn) throw new ContextError('certificateArn', 'is required with domainName (an ACM certificate in us-east-1 covering the domain)');
  if (certificateArn && !domainName) throw new ContextError('domainName', 'is required with certificateArn');
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new ContextError('certificateArn', 'must be an ACM certificate ARN in us-east-1 (CloudFront reads certificates only from there)');
  }

  const stackName = or('stackName', d.stackName, (raw) => text('stackName', raw) as string);
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) throw new ContextError('stackName', `"${stackName}" is not a valid CloudFormation stack name`);

  const allowHosts = or('allowHosts', d.allowHosts, (raw) => list('allowHosts', raw).map(String).map((h) => h.trim().toLowerCase()).filter(Boolean));
  if (allowHosts.length === 0) throw new ContextError('allowHosts', 'needs at least one host');

  return {
    stackName,
    feeds: or('feeds', d.feeds, feeds),
    allowHosts,
    schedule,
    feedSize: or('feedSize', d.feedSize, (raw) => integer('feedSize', raw, 1, 1000)),
    maxReceiveCount: or('maxReceiveCount', d.maxReceiveCount, (raw) => integer('maxReceiveCount', raw, 1, 1000)),
    processBatchSize: or('processBatchSize', d.processBatchSize, (raw) => integer('processBatchSize', raw, 1, 10)),
    processMaxConcurrency: or('processMaxConcurrency', d.processMaxConcurrency, (raw) => integer('processMaxConcurrency', raw, 2, 1000)),
    fetchConcurrency: or('fetchConcurrency', d.fetchConcurrency, (raw) => integer('fetchConcurrency', raw, 1, 32)),
    publishDelaySeconds: or('publishDelaySeconds', d.publishDelaySeconds, (raw) => integer('publishDelaySeconds', raw, 0, 900)),
    publishReservedConcurrency: or('publishReservedConcurrency', d.publishReservedConcurrency, (raw) => integer('publishReservedConcurrency', raw, 0, 1)),
    logRetentionDays,
    rawArchiveDays: or('rawArchiveDays', d.rawArchiveDays, (raw) => integer('rawArchiveDays', raw, 0, 36500)),
    noncurrentVersionDays: or('noncurrentVersionDays', d.noncurrentVersionDays, (raw) => integer('noncurrentVersionDays', raw, 1, 36500)),
    derivedNoncurrentVersionDays: or('derivedNoncurrentVersionDays', d.derivedNoncurrentVersionDays, (raw) => integer('derivedNoncurrentVersionDays', raw, 1, 36500)),
    noNewArticleHours: or('noNewArticleHours', d.noNewArticleHours, (raw) => integer('noNewArticleHours', raw, 1, 168)),
    alarmEmail,
    encryptAlarmTopic: or('encryptAlarmTopic', d.encryptAlarmTopic, (raw) => flag('encryptAlarmTopic', raw)),
    domainName,
    certificateArn,
    removalPolicy,
    priceClass,
  };
}
