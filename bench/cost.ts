/**
 * Monthly AWS cost of the deployed stack (infra/stack.ts) at a given volume: a pure function of
 * stated inputs. Request counts per stage and durations come from the benchmark's measurements
 * (bench/run.ts passes them in); prices are us-east-1 list prices; everything else is an explicit
 * assumption with its reason (DEFAULT_ASSUMPTIONS). Two totals: list price (no free tier: an account
 * whose free allowances are already used by other workloads) and with the always-free allowances
 * that do not expire (Lambda, SQS, EventBridge Scheduler, CloudWatch, KMS requests, CloudFront;
 * S3 has none since the July 2025 free-tier change, only credits for new accounts).
 */

/** us-east-1 list prices, USD (aws.amazon.com/<service>/pricing, as of 2025-2026). */
export interface Prices {
  /** Lambda arm64, per GB-second. */
  lambdaArmGbSecond: number;
  lambdaRequestsPerMillion: number;
  s3StandardGbMonth: number;
  /** PUT, COPY, POST, LIST. */
  s3PutPer1000: number;
  /** GET, SELECT, HEAD and other requests (DELETE is free). */
  s3GetPer1000: number;
  sqsRequestsPerMillion: number;
  schedulerInvocationsPerMillion: number;
  cloudWatchMetricMonth: number;
  /** Per standard-resolution alarm and metric it reads (an alarm on metric math pays for each). */
  cloudWatchAlarmMonth: number;
  cloudWatchLogsIngestGb: number;
  cloudWatchLogsStorageGbMonth: number;
  kmsKeyMonth: number;
  cloudFrontGbOut: number;
  cloudFrontHttpsPer10000: number;
}

export const PRICES_US_EAST_1: Prices = {
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestsPerMillion: 0.2,
  s3StandardGbMonth: 0.023,
  s3PutPer1000: 0.005,
  s3GetPer1000: 0.0004,
  sqsRequestsPerMillion: 0.4,
  schedulerInvocationsPerMillion: 1.0,
  cloudWatchMetricMonth: 0.3,
  cloudWatchAlarmMonth: 0.1,
  cloudWatchLogsIngestGb: 0.5,
  cloudWatchLogsStorageGbMonth: 0.03,
  kmsKeyMonth: 1.0,
  cloudFrontGbOut: 0.085,
  cloudFrontHttpsPer10000: 0.01,
};

/** Allowances that never expire (per account and month). */
export const ALWAYS_FREE = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  sqsRequests: 1_000_000,
  schedulerInvocations: 14_000_000,
  cloudWatchMetrics: 10,
  cloudWatchAlarms: 10,
  cloudWatchLogsGb: 5,
  cloudFrontGb: 1000,
  cloudFrontRequests: 10_000_000,
};

export interface S3Requests {
  put: number;
  get: number;
  list: number;
  delete: number;
}

export interface CostInputs {
  /** New feed items per day, all polled feeds together. */
  itemsPerDay: number;
  /** Share of items arriving during the active hours (the rest spread over the night). */
  activeShare: number;
  activeHoursPerDay: number;
  scheduleMinutes: number;
  /** Publishes are coalesced to one per window of this many minutes with new articles (0: one per run with items). */
  publishWindowMinutes: number;
  /** S3 requests of one ingest run (lease, state, release; functions/ingest/handler.ts). */
  s3PerIngestRun: S3Requests;
  /** S3 requests of processing one item (process stage, measured). */
  s3PerItem: S3Requests;
  /** S3 requests of one publish that do not depend on the batch (measured). */
  s3PerPublishFixed: S3Requests;
  /** Per pending article folded in (measured). */
  s3PerPendingArticle: S3Requests;
  /** Feed files written per publish (2 per feed spec; measured at the steady-state archive). */
  feedFilesPerPublish: number;
  /** Function memory, MB (infra/stack.ts). */
  memoryMb: { ingest: number; process: number; publish: number };
  processBatchSize: number;
  fetchConcurrency: number;
  /** Fetching one Kazinform page from us-east-1 (TLS to Kazakhstan, ~150 KB), ms. */
  fetchMsPerPage: number;
  /** Polling one feed (mostly a 304), ms. */
  fetchMsPerFeed: number;
  feeds: number;
  /** CPU time to extract + classify + normalise + validate one page on this machine (measured), ms. */
  cpuMsPerItem: number;
  /** How much slower a 1024 MB Lambda runs single-threaded code than this machine (CPU share grows with memory up to one vCPU at 1769 MB). */
  lambdaCpuFactor: number;
  /** One S3 request from Lambda, ms (sequential requests add up). */
  s3LatencyMs: number;
  /** Publish CPU time besides waiting for S3, ms on this machine (measured on loopback; scaled by lambdaCpuFactor). */
  publishCpuMs: number;
  /** Share of invocations that start cold, and the init they bill (runtime + bundle import), ms. */
  coldShare: number;
  initMs: { ingest: number; process: number; publish: number };
  /** Bytes stored per article: canonical JSON, raw page (gzip), daily archive line (gzip). */
  articleBytes: number;
  rawBytes: number;
  archiveBytesPerArticle: number;
  /** Bytes rewritten per publish (feeds + their indexes), kept 1 day as noncurrent versions. */
  derivedBytesPerPublish: number;
  /** Bytes of state/ingest.json, rewritten every run, kept 1 day as noncurrent versions. */
  stateBytes: number;
  /** Months of accumulated archive (storage is billed on what has accumulated). */
  monthsStored: number;
  /** Lambda event source mappings long-poll SQS even when idle: requests per queue and month. */
  sqsIdlePollsPerQueueMonth: number;
  queues: number;
  /**
   * Custom metrics, billed by the hour for the hours they are sent in: those sent with every stored
   * article, and those sent only when something failed.
   */
  customMetrics: { perStoredArticle: number; onFailure: number };
  /** Share of hours in which some source or item fails (and the failure metrics are sent). */
  failureHourShare: number;
  /** Metrics the alarms read, summed over alarms: CloudWatch bills an alarm once per metric. */
  alarmMetrics: number;
  kmsKeys: number;
  /** Log bytes per item, per ingest run and per publish (Powertools JSON lines + EMF blobs). */
  logBytes: { perItem: number; perIngestRun: number; perPublish: number };
  /** Readers: subscribers polling one feed every `readerPollMinutes`, average bytes per response. */
  readers: number;
  readerPollMinutes: number;
  bytesPerReaderResponse: number;
  /** Feed files CloudFront fetches from S3 on a miss (TTL 5 min) and edge locations serving them. */
  feedFilesRead: number;
  edgeLocations: number;
}

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
  /** After the always-free allowance (the same as usd where there is none). */
  usdWithFreeTier: number;
}

export interface CostResult {
  /** List price, no free tier. */
  totalUsd: number;
  totalUsdWithFreeTier: number;
  /** Pipeline only (without serving readers through CloudFront). */
  pipelineUsd: number;
  byService: Record<string, number>;
  lines: CostLine[];
  derived: {
    itemsPerMonth: number;
    ingestRunsPerMonth: number;
    publishesPerMonth: number;
    processInvocationsPerMonth: number;
    lambdaGbSeconds: number;
    s3PutClassRequests: number;
    s3GetClassRequests: number;
    storedGb: number;
  };
}

const DAYS_PER_MONTH = 365 / 12;

/** P(N = n) for a Poisson variable of mean `mean`. */
function poisson(mean: number, n: number): number {
  let p = Math.exp(-mean);
  for (let k = 1; k <= n; k++) p *= mean / k;
  return p;
}

/** E[f(N); N >= 1] for N ~ Poisson(mean), summed far enough into the tail. */
function expectPositive(mean: number, f: (n: number) => number): number {
  let total = 0;
  const limit = Math.ceil(mean + 12 * Math.sqrt(mean + 1) + 20);
  for (let n = 1; n <= limit; n++) total += poisson(mean, n) * f(n);
  return total;
}

function sum(r: S3Requests): number {
  return r.put + r.get + r.list + r.delete;
}

function scale(r: S3Requests, k: number): S3Requests {
  return { put: r.put * k, get: r.get * k, list: r.list * k, delete: r.delete * k };
}

function add(...rs: S3Requests[]): S3Requests {
  return rs.reduce((a, b) => ({ put: a.put + b.put, get: a.get + b.get, list: a.list + b.list, delete: a.delete + b.delete }), { put: 0, get: 0, list: 0, delete: 0 });
}

/** Monthly cost at the inputs' volume; see CostInputs for every assumption. */
export function monthlyCost(inputs: CostInputs, prices: Prices = PRICES_US_EAST_1): CostResult {
  const i = inputs;
  const itemsPerMonth = i.itemsPerDay * DAYS_PER_MONTH;
  const ticksPerDay = (24 * 60) / i.scheduleMinutes;
  const activeTicks = (i.activeHoursPerDay * 60) / i.scheduleMinutes;
  const quietTicks = ticksPerDay - activeTicks;
  const periods = [
    { ticks: activeTicks, mean: (i.itemsPerDay * i.activeShare) / activeTicks },
    { ticks: quietTicks, mean: quietTicks > 0 ? (i.itemsPerDay * (1 - i.activeShare)) / quietTicks : 0 },
  ].filter((p) => p.ticks > 0);

  // Per day: publishes (one per window with items, or per run with items without a window), the
  // hours in which an article is stored (and ArticlesUnversioned sent), process invocations
  // (batches of up to processBatchSize), and the process function's billed milliseconds.
  const cpuFactor = (mb: number) => (i.lambdaCpuFactor * 1024) / Math.min(mb, 1769);
  const perItemMs = i.fetchMsPerPage + i.cpuMsPerItem * cpuFactor(i.memoryMb.process) + sum(i.s3PerItem) * i.s3LatencyMs;
  const publishSlotMinutes = i.publishWindowMinutes > 0 ? i.publishWindowMinutes : i.scheduleMinutes;
  let publishesPerDay = 0;
  let hoursWithArticles = 0;
  let invocationsPerDay = 0;
  let processMsPerDay = 0;
  for (const p of periods) {
    const minutes = p.ticks * i.scheduleMinutes;
    const perMinute = (p.mean * p.ticks) / minutes;
    publishesPerDay += (minutes / publishSlotMinutes) * (1 - Math.exp(-perMinute * publishSlotMinutes));
    hoursWithArticles += (minutes / 60) * (1 - Math.exp(-perMinute * 60));
    invocationsPerDay += p.ticks * expectPositive(p.mean, (n) => Math.ceil(n / i.processBatchSize));
    processMsPerDay += p.ticks * expectPositive(p.mean, (n) => {
      let ms = 0;
      for (let left = n; left > 0; left -= i.processBatchSize) {
        ms += Math.ceil(Math.min(left, i.processBatchSize) / i.fetchConcurrency) * perItemMs;
      }
      return ms;
    });
  }
  const ingestRunsPerMonth = ticksPerDay * DAYS_PER_MONTH;
  const publishesPerMonth = publishesPerDay * DAYS_PER_MONTH;
  const processInvocationsPerMonth = invocationsPerDay * DAYS_PER_MONTH;

  // Publish: the fixed part and the pending articles (the daily archive is merged, not rebuilt
  // from the day's articles, so the day's size does not count).
  const pendingPerPublish = itemsPerMonth / Math.max(publishesPerMonth, 1);
  const s3PerPublish = add(
    i.s3PerPublishFixed,
    { put: i.feedFilesPerPublish, get: 0, list: 0, delete: 0 },
    scale(i.s3PerPendingArticle, pendingPerPublish),
  );
  const publishMs = sum(s3PerPublish) * i.s3LatencyMs + i.publishCpuMs * cpuFactor(i.memoryMb.publish);
  const ingestMs = Math.ceil(i.feeds / 4) * i.fetchMsPerFeed + sum(i.s3PerIngestRun) * i.s3LatencyMs + 50;

  const gb = (mb: number) => mb / 1024;
  const initGbs = (fn: 'ingest' | 'process' | 'publish', invocations: number) => (invocations * i.coldShare * i.initMs[fn]) / 1000 * gb(i.memoryMb[fn]);
  const lambdaGbSeconds =
    (ingestRunsPerMonth * ingestMs) / 1000 * gb(i.memoryMb.ingest) + initGbs('ingest', ingestRunsPerMonth)
    + (processMsPerDay * DAYS_PER_MONTH) / 1000 * gb(i.memoryMb.process) + initGbs('process', processInvocationsPerMonth)
    + (publishesPerMonth * publishMs) / 1000 * gb(i.memoryMb.publish) + initGbs('publish', publishesPerMonth);
  const lambdaRequests = ingestRunsPerMonth + processInvocationsPerMonth + publishesPerMonth;

  const s3 = add(scale(i.s3PerIngestRun, ingestRunsPerMonth), scale(i.s3PerItem, itemsPerMonth), scale(s3PerPublish, publishesPerMonth));
  const readerRequests = i.readers * ((24 * 60) / i.readerPollMinutes) * DAYS_PER_MONTH;
  const originGets = i.feedFilesRead * ((24 * 60) / 5) * DAYS_PER_MONTH * i.edgeLocations;
  const s3PutClass = s3.put + s3.list;
  const s3GetClass = s3.get + originGets;

  // Storage after monthsStored months: articles, raw pages, daily archives, plus one day of
  // noncurrent versions of what every publish and every run rewrites (versioned bucket).
  const archivedItems = itemsPerMonth * i.monthsStored;
  const storedBytes = archivedItems * (i.articleBytes + i.rawBytes + i.archiveBytesPerArticle)
    + publishesPerDay * i.derivedBytesPerPublish + ticksPerDay * i.stateBytes;
  const storedGb = storedBytes / 1e9;

  // SQS: idle long polling by the event source mapping, plus the messages themselves (a send per
  // 10 items, receive + delete per batch). Publish is scheduled, not queued: no SQS requests.
  const sqsRequests = i.sqsIdlePollsPerQueueMonth * i.queues + itemsPerMonth / 10 + processInvocationsPerMonth * 2;
  // Scheduler: the ingest ticks and the one-time publish schedules (a run that finds its window's
  // publish already asked for creates none).
  const schedulerInvocations = ingestRunsPerMonth + publishesPerMonth;
  const logGb = (itemsPerMonth * i.logBytes.perItem + ingestRunsPerMonth * i.logBytes.perIngestRun + publishesPerMonth * i.logBytes.perPublish) / 1e9;
  const cloudFrontGb = (readerRequests * i.bytesPerReaderResponse) / 1e9;

  const free = (quantity: number, allowance: number) => Math.max(0, quantity - allowance);
  const lines: CostLine[] = [];
  const line = (service: string, item: string, quantity: number, unit: string, price: number, allowance = 0) => {
    lines.push({ service, item, quantity, unit, usd: quantity * price, usdWithFreeTier: free(quantity, allowance) * price });
  };
  line('Lambda', 'compute (arm64)', lambdaGbSeconds, 'GB-s', prices.lambdaArmGbSecond, ALWAYS_FREE.lambdaGbSeconds);
  line('Lambda', 'requests', lambdaRequests, 'requests', prices.lambdaRequestsPerMillion / 1e6, ALWAYS_FREE.lambdaRequests);
  line('S3', 'PUT/LIST requests', s3PutClass, 'requests', prices.s3PutPer1000 / 1000);
  line('S3', 'GET requests (incl. CloudFront origin fetches)', s3GetClass, 'requests', prices.s3GetPer1000 / 1000);
  line('S3', `storage after ${i.monthsStored} months`, storedGb, 'GB-month', prices.s3StandardGbMonth);
  line('SQS', 'requests (idle polling + messages)', sqsRequests, 'requests', prices.sqsRequestsPerMillion / 1e6, ALWAYS_FREE.sqsRequests);
  line('EventBridge Scheduler', 'invocations (ingest ticks + one-time publishes)', schedulerInvocations, 'invocations', prices.schedulerInvocationsPerMillion / 1e6, ALWAYS_FREE.schedulerInvocations);
  const metricMonths = i.customMetrics.perStoredArticle * Math.min(1, hoursWithArticles / 24) + i.customMetrics.onFailure * i.failureHourShare;
  line('CloudWatch', 'custom metrics (EMF, billed for the hours sent)', metricMonths, 'metric-months', prices.cloudWatchMetricMonth, ALWAYS_FREE.cloudWatchMetrics);
  line('CloudWatch', 'alarms (standard, per metric read)', i.alarmMetrics, 'alarm metrics', prices.cloudWatchAlarmMonth, ALWAYS_FREE.cloudWatchAlarms);
  line('CloudWatch', 'log ingestion', logGb, 'GB', prices.cloudWatchLogsIngestGb, ALWAYS_FREE.cloudWatchLogsGb);
  line('CloudWatch', 'log storage (30-day retention)', logGb, 'GB-month', prices.cloudWatchLogsStorageGbMonth);
  line('KMS', 'customer managed key (alarm topic)', i.kmsKeys, 'keys', prices.kmsKeyMonth);
  line('CloudFront', 'data out to readers', cloudFrontGb, 'GB', prices.cloudFrontGbOut, ALWAYS_FREE.cloudFrontGb);
  line('CloudFront', 'HTTPS requests', readerRequests, 'requests', prices.cloudFrontHttpsPer10000 / 10_000, ALWAYS_FREE.cloudFrontRequests);

  const byService: Record<string, number> = {};
  for (const l of lines) byService[l.service] = (byService[l.service] ?? 0) + l.usd;
  const totalUsd = lines.reduce((s, l) => s + l.usd, 0);
  const serving = lines.filter((l) => l.service === 'CloudFront').reduce((s, l) => s + l.usd, 0) + (originGets * prices.s3GetPer1000) / 1000;
  return {
    totalUsd,
    totalUsdWithFreeTier: lines.reduce((s, l) => s + l.usdWithFreeTier, 0),
    pipelineUsd: totalUsd - serving,
    byService,
    lines,
    derived: {
      itemsPerMonth,
      ingestRunsPerMonth,
      publishesPerMonth,
      processInvocationsPerMonth,
      lambdaGbSeconds,
      s3PutClassRequests: s3PutClass,
      s3GetClassRequests: s3GetClass,
      storedGb,
    },
  };
}

/**
 * The assumptions behind the default inputs; the measured ones are placeholders that bench/run.ts
 * replaces with this run's numbers.
 */
export const DEFAULT_ASSUMPTIONS: { inputs: CostInputs; why: Record<string, string> } = {
  inputs: {
    itemsPerDay: 400,
    activeShare: 0.9,
    activeHoursPerDay: 16,
    scheduleMinutes: 10,
    publishWindowMinutes: 30,
    s3PerIngestRun: { put: 2, get: 4, list: 0, delete: 1 },
    s3PerItem: { put: 3, get: 1, list: 0, delete: 0 },
    s3PerPublishFixed: { put: 4, get: 3, list: 2, delete: 0 },
    s3PerPendingArticle: { put: 0, get: 1, list: 0, delete: 1 },
    feedFilesPerPublish: 100,
    memoryMb: { ingest: 512, process: 512, publish: 1024 },
    processBatchSize: 5,
    fetchConcurrency: 2,
    fetchMsPerPage: 800,
    fetchMsPerFeed: 600,
    feeds: 3,
    cpuMsPerItem: 2,
    lambdaCpuFactor: 1.75,
    s3LatencyMs: 25,
    publishCpuMs: 200,
    coldShare: 0.5,
    initMs: { ingest: 400, process: 500, publish: 450 },
    articleBytes: 8000,
    rawBytes: 35000,
    archiveBytesPerArticle: 2500,
    derivedBytesPerPublish: 5_000_000,
    stateBytes: 3_000_000,
    monthsStored: 12,
    sqsIdlePollsPerQueueMonth: 5 * 3 * 60 * 24 * DAYS_PER_MONTH,
    queues: 1,
    customMetrics: { perStoredArticle: 1, onFailure: 1 },
    failureHourShare: 0.05,
    alarmMetrics: 6,
    kmsKeys: 0,
    logBytes: { perItem: 1750, perIngestRun: 4700, perPublish: 3700 },
    readers: 100,
    readerPollMinutes: 30,
    bytesPerReaderResponse: 20_000,
    feedFilesRead: 10,
    edgeLocations: 2,
  },
  why: {
    itemsPerDay: "Kazinform's older article ids (`_a<7 digits>`) are one site-wide sequence across all editions: a2881536 (2016-03-16) to a2919287 (2016-06-28) is 363 a day, a3601710 (2020-01-08) to a3823445 (2021-08-13) 380 a day, to a4027809 (2023-01-25) 386 a day (ids and dates from inform.kz article URLs and datelines). So ~400 items a day is everything the agency publishes in all its editions; the three default feeds (rus, eng, kaz) carry part of that, so 400 is an upper estimate. The results also give 300 and 500",
    activeShare: '90% of items appear during the 16 working hours of Astana time (07:00-23:00), the rest overnight',
    scheduleMinutes: 'infra/config.ts default schedule rate(10 minutes)',
    publishWindowMinutes: 'infra/config.ts default publishWindowMinutes 30: at most one publish per half hour with new articles',
    s3PerIngestRun: 'functions/ingest/handler.ts: lease GET+PUT+GET, state GET, state PUT, release GET+DELETE',
    s3PerItem: 'measured: the process phase of the end-to-end run (pending-marker check, raw page, article, pending marker)',
    s3PerPublishFixed: 'measured: the publish benchmark\'s batches of 10 and 20 new articles, fitted as fixed + per pending article, feed files apart',
    feedFilesPerPublish: 'measured: every publish rewrites every feed (2 files per feed spec: all, per language, per pair) of the steady-state archive',
    memoryMb: 'infra/stack.ts: ingest 512 MB, process 512 MB, publish 1024 MB, arm64',
    processBatchSize: 'infra/config.ts processBatchSize 5, fetchConcurrency 2',
    fetchMsPerPage: 'us-east-1 to Kazakhstan: ~200 ms RTT, TLS set-up and ~150 KB of HTML',
    cpuMsPerItem: "measured: the processing benchmark's ms per page on this machine",
    lambdaCpuFactor: 'a 1024 MB function gets ~0.58 vCPU (a full vCPU at 1769 MB); the model scales it by 1024 / each function\'s memory',
    s3LatencyMs: 'typical small-object S3 request latency from Lambda in-region; stages issue requests one after another',
    coldShare: 'with a 10-minute schedule, execution environments are often recycled between runs; init is billed since August 2025',
    initMs: 'Lambda runtime start (~150 ms) + measured bundle import at 1769/1024 CPU scaling',
    articleBytes: 'measured: mean size of articles/*.json in the end-to-end run',
    rawBytes: "a real Kazinform page is ~150-200 KB of HTML, ~35 KB gzipped (the generated pages are smaller, so this is assumed, not measured); raw/ objects stay below 128 KB and are not moved to Glacier IR",
    derivedBytesPerPublish: 'measured: feeds/ + the largest index object written by one publish; the bucket is versioned and keeps noncurrent versions of derived objects for 1 day',
    sqsIdlePollsPerQueueMonth: 'an SQS event source mapping long-polls with 5 pollers, 20 s each, even when the queue is empty: ~15 ReceiveMessage requests a minute per queue (the process queue only: publish is a one-time schedule, not a queue)',
    customMetrics: 'functions/lib/lambda-env.ts METRICS: 2 metric names, each with the service + deployment dimensions; CloudWatch bills a custom metric by the hour, for the hours it is sent in. ArticlesUnversioned is sent with every stored article (so in nearly every hour); FeedErrors only when a source failed. The other counts are log fields',
    failureHourShare: 'assumed: some source fails in 1 hour in 20 (Kazinform answering 5xx or timing out now and then); FeedErrors costs $0.30 a month only if a source fails every hour',
    alarmMetrics: 'infra/alarms.ts: 6 alarms of one metric each (runs dead-letter queue, source failing, process queue age, layout broken, process dead-letter queue, no new article); 3 of them read AWS metrics, which cost nothing of themselves (tests/infra checks the count)',
    logBytes: 'Powertools JSON lines and EMF blobs, plus the platform START and REPORT lines (~700 bytes an invocation, system log level INFO): a process invocation handles ~3 items',
    kmsKeys: 'infra/stack.ts: the alarm topic gets a customer-managed key only with context encryptAlarmTopic=true ($1/month, more after yearly rotations); none by default',
    readers: '100 subscribers, each polling one feed every 30 minutes, ~20 KB per response (gzip; many are 304s)',
    feedFilesRead: 'CloudFront refetches a feed from S3 at most every 5 minutes per edge location: 10 popular feed files at 2 edge locations',
  },
};
