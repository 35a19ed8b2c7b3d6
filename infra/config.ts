/**
 * Deployment settings. They live in the settings file (`kazfeed.deploy.json` beside cdk.json, or
 * the file `-c settingsFile=...` names), which is the user's own and outside the code, so a
 * `git pull` and the next `cdk deploy` keep them; CDK context (`-c key=value`, cdk.json "context")
 * overrides the file key by key. Every key is optional: the zod schema below holds the defaults and
 * the rules, README.md ("Settings") documents each key. A bad value fails the synth with a
 * one-line message naming the key and where it came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Node } from 'constructs';
import * as z from 'zod';
import { allowedHost } from '../schemas/addresses.ts';
import { FeedConfig } from '../schemas/config.ts';
import { DEFAULT_CONFIG } from '../functions/lib/config.ts';
import { errorMessage, KazfeedError } from '../functions/lib/errors.ts';
import { PUBLISH_DELAY_SECONDS, PUBLISH_WINDOW_MINUTES } from '../functions/ingest/publish-schedule.ts';

/** Where `cdk synth` and `cdk deploy` look for the settings file, relative to the working directory. */
export const DEFAULT_SETTINGS_FILE = 'kazfeed.deploy.json';

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

// `-c key=value` gives every value as a string: these read "50", "true" and "a,b" as what they say.
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

function wholeNumber(min: number, max: number) {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.preprocess((v) => (typeof v === 'string' ? Number(v.trim()) : v), z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));
}

const flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'expected true or false' }));

/** A list: a JSON array, or on the command line JSON or comma-separated text. */
function list<T extends z.ZodType>(item: T, what: string) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const text = v.trim();
    if (!text.startsWith('[')) return text.split(',').map((s) => s.trim()).filter(Boolean);
    try {
      return JSON.parse(text);
    } catch {
      return v;
    }
  }, z.array(item, { error: 'expected a JSON array or comma-separated values' }).min(1, { error: `needs at least one ${what}` }));
}

/**
 * A recurring EventBridge Scheduler expression, as Scheduler itself would take it: `rate(1 unit)`
 * or `rate(N units)` (Scheduler refuses `rate(5 minute)`), or a six-field `cron(...)`. A one-time
 * `at(...)` would run the pipeline once, and leave its no-new-article alarm on for good.
 */
const SCHEDULE = /^(?:rate\((?:1 (?:minute|hour|day)|(?:[2-9]|[1-9]\d+) (?:minutes|hours|days))\)|cron\((?:\S+ ){5}\S+\))$/;
const SCHEDULE_EXPECTED = 'expected rate(N minutes|hours|days), rate(1 minute|hour|day) or a six-field cron(...); a one-time at(...) would run the pipeline once';
export const StackSettings = z.object({
  /** CloudFormation stack name; two names, two independent pipelines. */
  stackName: z.preprocess(trimmed, z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, { error: 'is not a valid CloudFormation stack name (a letter, then letters, digits and hyphens)' }))
    .default('KazinformRelationsFeed'),
  /** Feeds to poll, each with an optional language hint. */
  feeds: list(z.preprocess((e) => (typeof e === 'string' ? { url: e } : e), FeedConfig), 'feed').default(DEFAULT_CONFIG.feeds),
  /** The only hosts the functions may contact. */
  allowHosts: list(z.string().trim().transform((value, ctx) => {
    try {
      return allowedHost(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: errorMessage(error), input: value });
      return z.NEVER;
    }
  }), 'host').default(DEFAULT_CONFIG.allowHosts),
  /** EventBridge Scheduler expression for ingest runs. */
  schedule: z.preprocess(trimmed, z.string().regex(SCHEDULE, { error: SCHEDULE_EXPECTED })).default('rate(10 minutes)'),
  /** false pauses the pipeline: the schedule is deployed disabled. */
  scheduleEnabled: flag.default(true),
  /** Items per published feed. */
  feedSize: wholeNumber(1, 1000).default(DEFAULT_CONFIG.feedSize),
  /**
   * Receives of one process message before it moves to the dead-letter queue. At most 300: one
   * receive every 30 minutes, 300 take 6.25 days of the queue's 14-day retention, which the
   * dead-letter queue counts from the same first enqueue; a week is left there to look and redrive.
   */
  maxReceiveCount: wholeNumber(1, 300).default(DEFAULT_CONFIG.maxAttempts),
  /** SQS messages (feed items) per process invocation. */
  processBatchSize: wholeNumber(1, 10).default(5),
  /** Concurrent process invocations (the SQS event source's maximum concurrency: at least 2). */
  processMaxConcurrency: wholeNumber(2, 1000).default(2),
  /** Pages one process invocation fetches at once. */
  fetchConcurrency: wholeNumber(1, 32).default(2),
  /** The least time between an ingest run that queued items and its publish (taken as at least 60 s). */
  publishDelaySeconds: wholeNumber(0, PUBLISH_DELAY_SECONDS.max).default(PUBLISH_DELAY_SECONDS.default),
  /**
   * Publish at most once per this many minutes: a run that queued items asks for the publish at
   * the end of the window its delay falls in, and the window's later runs find it already asked
   * for. 0 publishes once per run that queued items. Fewer publishes, fewer S3 requests.
   */
  publishWindowMinutes: wholeNumber(0, PUBLISH_WINDOW_MINUTES.max).default(PUBLISH_WINDOW_MINUTES.default),
  logRetentionDays: wholeNumber(1, 3653)
    .refine((days) => LOG_RETENTION_DAYS.includes(days), { error: `CloudWatch Logs accepts ${LOG_RETENTION_DAYS.join(', ')}` })
    .default(30),
  /** Days after which raw pages move to S3 Glacier Instant Retrieval; 0 = never. */
  rawArchiveDays: wholeNumber(0, 36500).default(30),
  /** Days noncurrent versions of articles, raw pages, rejections and run reports are kept. */
  noncurrentVersionDays: wholeNumber(1, 36500).default(30),
  /** Days noncurrent versions of derived objects (feeds, index, state, archive files) are kept. */
  derivedNoncurrentVersionDays: wholeNumber(1, 36500).default(1),
  /** Hours without a stored article before the "no new article" alarm fires. */
  noNewArticleHours: wholeNumber(1, 168).default(12),
  alarmEmail: z.preprocess(trimmed, z.email({ error: 'is not an e-mail address' })).optional(),
  /**
   * Encrypt the alarm topic with a customer-managed KMS key ($1/month, as much as the rest of the
   * stack at Kazinform's volume). CloudWatch cannot publish to a topic under the AWS-managed SNS key.
   */
  encryptAlarmTopic: flag.default(false),
  /** Custom domain for the CDN; needs `certificateArn` (an ACM certificate in us-east-1). */
  domainName: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { error: 'is not a domain name' })).optional(),
  certificateArn: z.preprocess(trimmed, z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, {
    error: 'must be an ACM certificate ARN in us-east-1 (CloudFront reads certificates only from there)',
  })).optional(),
  /** retain (default): the bucket and logs outlive the stack; destroy: everything is deleted. */
  removalPolicy: z.enum(['retain', 'destroy'], { error: 'expected "retain" or "destroy"' }).default('retain'),
  /** Athena stops a query that would scan more than this many megabytes of the archive (it bills by bytes scanned). */
  athenaScanLimitMb: wholeNumber(10, 1_000_000).default(1024),
  /** CloudFront price class: 100 (North America, Europe), 200 (+ Asia, Middle East, Africa), All. */
  priceClass: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(['100', '200', 'All'], { error: 'expected 100, 200 or All' })).default('100'),
}).superRefine((s, ctx) => {
  if (s.domainName && !s.certificateArn) {
    ctx.addIssue({ code: 'custom', path: ['certificateArn'], message: 'is required with domainName (an ACM certificate in us-east-1 covering the domain)' });
  }
  if (s.certificateArn && !s.domainName) ctx.addIssue({ code: 'custom', path: ['domainName'], message: 'is required with certificateArn' });
});
export type StackSettings = z.output<typeof StackSettings>;

export const SETTING_KEYS = Object.keys(StackSettings.shape) as (keyof StackSettings)[];

/** The defaults: what an empty settings file and no context give. */
export const DEFAULT_SETTINGS: StackSettings = StackSettings.parse({});

/** Settings that are no longer used, with why: a value for one is ignored, with a warning. */
const RETIRED_SETTINGS: Record<string, string> = {
  publishReservedConcurrency: 'publish reserves no concurrency any more (a new account cannot reserve any); its S3 lease runs one publish at a time',
};

export class SettingsError extends KazfeedError {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Settings from one place: `name` is how messages refer to it ("context", the file's path). */
export interface SettingsSource {
  name: string;
  values: Record<string, unknown>;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Context `settingsFile`: the path of a settings file that must exist. */
const SettingsFileContext = z.preprocess(trimmed, z.string({ error: 'expected the path of a settings file' }).min(1, { error: 'expected the path of a settings file' })).optional();

/** The settings file context `settingsFile` names, if any; a value that is no path fails like any bad setting. */
export function settingsFileContext(node: Node): string | undefined {
  const parsed = SettingsFileContext.safeParse(node.tryGetContext('settingsFile'));
  if (!parsed.success) throw new SettingsError(`context "settingsFile": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The settings keys (and retired keys) set in the construct tree's context. */
export function contextSource(node: Node): SettingsSource {
  const keys = [...SETTING_KEYS, ...Object.keys(RETIRED_SETTINGS)];
  return { name: 'context', values: Object.fromEntries(keys.map((key) => [key, node.tryGetContext(key)])) };
}

/** A settings file's shape: an object of known (or retired) keys; StackSettings checks the values. */
const SettingsFile = z.record(z.string(), z.unknown(), { error: 'expected a JSON object of settings' }).superRefine((values, ctx) => {
  const unknown = Object.keys(values).find((key) => !(SETTING_KEYS as string[]).includes(key) && !(key in RETIRED_SETTINGS));
  if (unknown !== undefined) ctx.addIssue({ code: 'custom', message: `unknown setting "${unknown}" (known: ${SETTING_KEYS.join(', ')})` });
});

/**
 * The settings file as a source, or undefined when it does not exist and is not `required` (a
 * fresh checkout has none). Unknown keys are refused: a misspelt key would otherwise be ignored.
 */
export function readSettingsFile(path: string, name: string, required: boolean): SettingsSource | undefined {
  if (!existsSync(path)) {
    if (required) throw new SettingsError(`settings file ${name} does not exist`);
    return undefined;
  }
  let values: unknown;
  try {
    values = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SettingsError(`${name}: not valid JSON: ${errorMessage(error)}`);
  }
  const shape = SettingsFile.safeParse(values);
  if (!shape.success) throw new SettingsError(`${name}: ${shape.error.issues[0]?.message}`);
  return { name, values: shape.data };
}

/** Something `cdk synth` warns about; `id` is how to acknowledge it (`Annotation::<id>`). */
export interface SettingsWarning {
  id: string;
  message: string;
}

/**
 * Merges the sources (later ones win, key by key; blank values count as unset), applies the
 * defaults and checks every value. Returns the settings and what `cdk synth` should warn about.
 */
export function resolveSettings(sources: readonly SettingsSource[]): { settings: StackSettings; warnings: SettingsWarning[] } {
  const merged: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.values)) {
      if (blank(value)) continue;
      merged[key] = value;
      from[key] = source.name;
    }
  }
  const warnings: SettingsWarning[] = Object.keys(RETIRED_SETTINGS).filter((key) => key in merged).map((key) => ({
    id: `kazfeed:retired:${key}`,
    message: `${from[key]} "${key}" is no longer used and is ignored: ${RETIRED_SETTINGS[key]}. Remove it.`,
  }));

  const parsed = StackSettings.safeParse(Object.fromEntries(Object.entries(merged).filter(([key]) => !(key in RETIRED_SETTINGS))));
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const [key = '', ...rest] = issue.path.map(String);
    const where = from[key] ?? sources.at(-1)?.name ?? 'context';
    const raw = merged[key];
    throw new SettingsError(`${where} "${key}": ${rest.length ? `${rest.join('.')}: ` : ''}${issue.message}${raw === undefined ? '' : `, got ${JSON.stringify(raw)}`}`);
  }
  if (!parsed.data.alarmEmail) {
    warnings.push({
      id: 'kazfeed:noAlarmEmail',
      message: 'no alarmEmail is set: the alarms notify an SNS topic nobody is subscribed to. Set "alarmEmail" in the settings file (README.md, "First deploy").',
    });
  }
  return { settings: parsed.data, warnings };
}
