/**
 * `npm run bench`: speed, memory and cost, side by side with what users would use instead.
 * Writes bench/results/latest.json and bench/results/latest.md. See bench/README.md for what each
 * part measures and how; every part runs in child processes of its own (see bench/lib.ts).
 *
 * Options (environment): BENCH_QUICK=1 runs small sizes only (a smoke test, not a result);
 * BENCH_PROFILE=1 adds --cpu-prof to the workers (profiles in bench/results/profiles/);
 * BENCH_E2E_NODE_OPTIONS overrides the heap budget of the end-to-end runs (see HEAP_BUDGET).
 */
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveArticles, cloneArticle, idFactory, templateArticles, writeArchive } from './archive.ts';
import { type BundleResult, measureBundles } from './bundles.ts';
import { measureCliStart } from './cli-start.ts';
import { generateCorpus, loadFixtures } from './corpus.ts';
import { type CostInputs, DEFAULT_ASSUMPTIONS, monthlyCost, PRICES_US_EAST_1 } from './cost.ts';
import type { E2eResult } from './e2e-worker.ts';
import { BENCH_DIR, FIXTURES_DIR, log, median, round, runWorker, startWorker, type WorkerOptions } from './lib.ts';
import { type CorpusKind, measureProcessing, type Processing, processingPages } from './processing.ts';
import type { PublishWorkerResult } from './publish-worker.ts';
import { renderMarkdown } from './report.ts';
import type { Services } from './services.ts';
import { writeSite } from './site.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const PROFILE = process.env.BENCH_PROFILE === '1';
const SEED = 20251124;
const E2E_SIZES = QUICK ? [200] : [1000, 10000];
const PUBLISH_SIZES = QUICK ? [1000, 5000] : [1000, 10000, 100000];
/**
 * The heap budget the end-to-end runs get: V8 sizes its heap from the machine's memory (4 GB
 * limit here), so without a budget a long run's RSS is mostly garbage not yet collected. The
 * 1,000-item run is measured both ways; the 10,000-item run with the budget (time limit).
 */
const HEAP_BUDGET = (process.env.BENCH_E2E_NODE_OPTIONS ?? '--max-old-space-size=192 --max-semi-space-size=2').split(' ').filter(Boolean);
/**
 * New articles per publish: three batches of 10 (one 10-minute run's worth, generously; the median
 * of their times counts) and one of 20, so that S3 requests per pending article can be told apart
 * from the fixed part (see s3Coefficients).
 */
const PUBLISH_BATCH_SIZES = [10, 10, 10, 20];
const ARCHIVE_PER_DAY = 400;
const ARCHIVE_TODAY_SO_FAR = 200;
const STOCK_FAUXQS_BODY_LIMIT = 11 * 1_048_576;

const RESULTS_DIR = join(BENCH_DIR, 'results');
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');

function profiled(name: string, options: WorkerOptions = {}): WorkerOptions {
  if (!PROFILE) return options;
  return { ...options, nodeArgs: [...(options.nodeArgs ?? []), '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] };
}

async function dirBytes(dir: string, suffix = '.data'): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return { files, bytes };
  }
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith(suffix)) continue;
    files += 1;
    bytes += (await stat(join(e.parentPath, e.name))).size;
  }
  return { files, bytes };
}

// ── 1. Processing: ours vs Readability on jsdom and on linkedom, one core each (processing.ts) ─
function processing(work: string, corpus: CorpusKind) {
  return measureProcessing(work, { corpus, pages: processingPages(QUICK)[corpus], rounds: 3, worker: (engine) => profiled(`processing-${corpus}-${engine}`, { cpu: 1 }) });
}

// ── 2. End-to-end local runs ────────────────────────────────────────────────────────────────────
async function endToEnd(work: string, items: number, nodeArgs: string[], label: string) {
  const fixtures = await loadFixtures(FIXTURES_DIR);
  const dir = join(work, `e2e-${items}-${label}`);
  const pages = generateCorpus(fixtures, { count: items, seed: SEED + items, itemsPerDay: ARCHIVE_PER_DAY });
  await writeSite(join(dir, 'site'), fixtures, pages);
  const services = startWorker<Services>(join(BENCH_DIR, 'services.ts'), [join(dir, 'home'), join(dir, 'site')]);
  const ready = await services.result;
  log(`end-to-end: ${items} items (${label}: ${nodeArgs.join(' ') || 'node defaults'})`);
  let result: E2eResult;
  try {
    // With Node's compile cache, as `kazfeed` runs (cli/kazfeed.js): the stripped TypeScript is
    // reused and Node's type-stripping compiler (~20 MB resident) is never loaded. The first run
    // (1,000 items, node defaults) fills the cache, as a user's first start does.
    const env = { NODE_COMPILE_CACHE: join(work, 'compile-cache') };
    result = await runWorker<E2eResult>(join(BENCH_DIR, 'e2e-worker.ts'), [JSON.stringify(ready)], profiled(`e2e-${items}-${label}`, { nodeArgs, env }));
  } finally {
    const stopped = new Promise<unknown>((resolve) => services.onMessage(resolve));
    services.send('stop');
    await stopped;
    await services.exited;
  }
  const objects = join(dir, 'home', 's3', 'buckets', ready.bucket, 'objects');
  const [articles, raw, daily, feeds, state] = await Promise.all([
    dirBytes(join(objects, 'articles')),
    dirBytes(join(objects, 'raw')),
    dirBytes(join(objects, 'archive', 'daily')),
    dirBytes(join(objects, 'feeds')),
    dirBytes(join(objects, 'state')),
  ]);
  await rm(dir, { recursive: true, force: true });
  const total = Object.values(result.requests).reduce((s, n) => s + n, 0);
  // Rates are per item the run fetched and stored: the generated site lists a few duplicates.
  const fetched = Math.max(result.counts.fetched ?? 0, 1);
  const phase = (name: string) => result.phases.find((p) => p.phase === name);
  const processed = result.phases.filter((p) => p.phase.startsWith('process ')).at(-1);
  const ingestReq = phase('ingest')?.requests ?? {};
  const processReq: Record<string, number> = {};
  for (const [op, n] of Object.entries(processed?.requests ?? {})) processReq[op] = n - (ingestReq[op] ?? 0);
  log(`  ${round(result.seconds)} s, ${round(fetched / result.seconds)} items/s, peak RSS ${round(result.peakRssMb)} MB, ${round(total / fetched, 2)} S3 requests/article`);
  return {
    items,
    fetched: result.counts.fetched ?? 0,
    seconds: round(result.seconds, 1),
    itemsPerSecond: round(fetched / result.seconds, 1),
    peakRssMb: round(result.peakRssMb),
    s3RequestsPerArticle: round(total / fetched, 2),
    nodeOptions: nodeArgs.join(' ') || '(node defaults)',
    counts: result.counts,
    s3Requests: result.requests,
    s3RequestsInProcessPhasePerArticle: Object.fromEntries(Object.entries(processReq).map(([op, n]) => [op, round(n / fetched, 3)])),
    phases: result.phases.map((p) => ({ phase: p.phase, atSeconds: round(p.atSeconds, 1), rssMb: round(p.rssMb), heapUsedMb: round(p.heapUsedMb) })),
    baselineRssMb: round(result.baselineRssMb),
    storedBytesPerArticle: { article: Math.round(articles.bytes / Math.max(articles.files, 1)), raw: Math.round(raw.bytes / Math.max(raw.files, 1)), dailyArchive: Math.round(daily.bytes / fetched), feeds: feeds.bytes, state: state.bytes },
    measured: 'peak RSS (getrusage maxRSS) of the process running runPipeline; the S3-compatible server and the replay site run in a separate process',
  };
}

// ── 3. Publish vs archive size ──────────────────────────────────────────────────────────────────
async function publishBench(work: string, archived: number) {
  const fixtures = await loadFixtures(FIXTURES_DIR);
  const dir = join(work, `publish-${archived}`);
  const templates = templateArticles(fixtures, 120, SEED);
  const nextId = idFactory(SEED + archived);
  const today = '2025-11-24';
  const t0 = performance.now();
  const articles = archiveArticles(templates, { archived, perDay: ARCHIVE_PER_DAY, todaySoFar: ARCHIVE_TODAY_SO_FAR, today, bilateralShare: 0.25, seed: SEED }, nextId);
  const written = writeArchive(join(dir, 'home', 's3'), 'kazfeed', articles, 100, `${today}T12:00:00.000Z`);
  const prepareSeconds = (performance.now() - t0) / 1000;
  // Each batch: new articles of today, after the archive's newest, relations like the archive's.
  let n = 0;
  const batches = PUBLISH_BATCH_SIZES.map((size, b) => Array.from({ length: size }, (_, k) => {
    const template = templates[n % templates.length]!;
    const like = articles[n++ % articles.length]!;
    return cloneArticle(template, nextId(template), `${today}T${String(13 + b).padStart(2, '0')}:${String(k * 2).padStart(2, '0')}:00.000Z`, like.relations);
  }));
  await writeFile(join(dir, 'batches.json'), JSON.stringify(batches));
  log(`publish: ${archived} archived (${written.days} days, feed indexes ${written.recentEntries} entries, largest ${round(written.recentBytes / 1e6)} MB; prepared in ${round(prepareSeconds)} s)`);
  const services = startWorker<Services>(join(BENCH_DIR, 'services.ts'), [join(dir, 'home')], { env: { BENCH_S3_BODY_LIMIT_MB: '512' } });
  const ready = await services.result;
  let result: PublishWorkerResult;
  try {
    result = await runWorker<PublishWorkerResult>(join(BENCH_DIR, 'publish-worker.ts'), [JSON.stringify({ ...ready, batchesFile: join(dir, 'batches.json'), todaySoFar: ARCHIVE_TODAY_SO_FAR })], profiled(`publish-${archived}`));
  } finally {
    const stopped = new Promise<unknown>((resolve) => services.onMessage(resolve));
    services.send('stop');
    await stopped;
    await services.exited;
  }
  await rm(dir, { recursive: true, force: true });
  const all = result.runs;
  const runs = all.filter((r) => r.pending === PUBLISH_BATCH_SIZES[0]);
  const ms = median(runs.map((r) => r.ms));
  const mid = [...runs].sort((x, y) => x.ms - y.ms)[Math.floor(runs.length / 2)]!;
  const total = Object.values(mid.requests).reduce((s, n) => s + n, 0);
  log(`  ${round(ms)} ms, ${total} S3 requests, ${mid.feedFilesWritten} feed files written (${mid.feedFilesChanged} changed)`);
  return {
    archived,
    ms: round(ms),
    s3Requests: total,
    s3RequestsByOperation: mid.requests,
    pending: mid.pending,
    feedFilesWritten: mid.feedFilesWritten,
    feedFilesChanged: mid.feedFilesChanged,
    cpuMs: round(median(runs.map((r) => r.cpuMs))),
    runsMs: runs.map((r) => round(r.ms)),
    archiveDays: written.days,
    recentIndexEntries: written.recentEntries,
    recentIndexBytes: written.recentBytes,
    bytesWrittenPerPublish: result.derivedBytes,
    siteBytes: result.siteBytes,
    largestPageBytes: result.largestPageBytes,
    feedFilesChangedMean: round(runs.reduce((s, r) => s + r.feedFilesChanged, 0) / runs.length, 1),
    s3Coefficients: s3Coefficients(all),
    stockEmbeddedServerOk: result.recentBytes < STOCK_FAUXQS_BODY_LIMIT,
    peakRssMb: round(result.peakRssMb),
  };
}

type Ops = { put: number; get: number; list: number; delete: number };

/**
 * S3 requests of a publish as fixed + perPending × pending (feed files apart): the mean of the
 * 10-article batches against the 20-article one. The batches differ in their articles' pairs too
 * (a new pair adds its pages), which is the noise this averages over.
 */
function s3Coefficients(runs: PublishWorkerResult['runs']): { fixed: Ops; perPending: Ops } | null {
  const small = runs.filter((r) => r.pending === PUBLISH_BATCH_SIZES[0]);
  const large = runs.find((r) => r.pending > (PUBLISH_BATCH_SIZES[0] ?? 0));
  if (small.length === 0 || !large) return null;
  const ops = (r: PublishWorkerResult['runs'][number]): Ops => ({
    put: (r.requests.PUT ?? 0) - r.feedFilesWritten,
    get: (r.requests.GET ?? 0) + (r.requests.HEAD ?? 0),
    list: r.requests.LIST ?? 0,
    delete: r.requests.DELETE ?? 0,
  });
  const pendingSmall = small[0]?.pending ?? 0;
  const keys = ['put', 'get', 'list', 'delete'] as const;
  const perPending = {} as Ops;
  const fixed = {} as Ops;
  for (const k of keys) {
    const a = small.reduce((s, r) => s + ops(r)[k], 0) / small.length;
    const d = ops(large)[k];
    perPending[k] = round(Math.max(0, (d - a) / (large.pending - pendingSmall)), 3);
    fixed[k] = round(Math.max(0, a - perPending[k] * pendingSmall), 3);
  }
  return { fixed, perPending };
}

// ── 5. Cost ─────────────────────────────────────────────────────────────────────────────────────
type EndToEnd = Awaited<ReturnType<typeof endToEnd>>;
type Publish = Awaited<ReturnType<typeof publishBench>>;

function costInputs(p: Processing | null, e2e: EndToEnd[], pub: Publish[], bundles: BundleResult[]): { inputs: CostInputs; measured: string[] } {
  const inputs: CostInputs = structuredClone(DEFAULT_ASSUMPTIONS.inputs);
  const measured: string[] = [];
  if (p) {
    inputs.cpuMsPerItem = p.msPerPage;
    measured.push('cpuMsPerItem');
  }
  const run = e2e.find((r) => r.items === Math.max(...e2e.map((x) => x.items)));
  if (run) {
    const per = run.s3RequestsInProcessPhasePerArticle;
    inputs.s3PerItem = { put: per.PUT ?? 0, get: (per.GET ?? 0) + (per.HEAD ?? 0), list: per.LIST ?? 0, delete: per.DELETE ?? 0 };
    inputs.articleBytes = run.storedBytesPerArticle.article;
    inputs.archiveBytesPerArticle = run.storedBytesPerArticle.dailyArchive;
    // state/ingest.json keeps every item seen in the last 45 days.
    inputs.stateBytes = Math.round((run.storedBytesPerArticle.state / Math.max(run.counts.seen ?? 0, 1)) * inputs.itemsPerDay * 45);
    measured.push('s3PerItem', 'articleBytes', 'archiveBytesPerArticle', 'stateBytes');
  }
  const steady = pub.find((r) => r.archived === Math.max(...pub.map((x) => x.archived)));
  if (steady) {
    inputs.feedFilesPerPublish = steady.feedFilesWritten;
    if (steady.s3Coefficients) {
      inputs.s3PerPublishFixed = steady.s3Coefficients.fixed;
      inputs.s3PerPendingArticle = steady.s3Coefficients.perPending;
      measured.push('s3PerPublishFixed', 's3PerPendingArticle');
    }
    inputs.publishCpuMs = steady.cpuMs;
    inputs.derivedBytesPerPublish = steady.bytesWrittenPerPublish;
    measured.push('feedFilesPerPublish', 'publishCpuMs', 'derivedBytesPerPublish');
  }
  const init = (name: string, mb: number) => {
    const b = bundles.find((x) => x.name === name);
    return b ? Math.round(150 + b.initMs * (1769 / mb)) : undefined;
  };
  inputs.initMs = {
    ingest: init('ingest', inputs.memoryMb.ingest) ?? inputs.initMs.ingest,
    process: init('process', inputs.memoryMb.process) ?? inputs.initMs.process,
    publish: init('publish', inputs.memoryMb.publish) ?? inputs.initMs.publish,
  };
  if (bundles.length) measured.push('initMs');
  return { inputs, measured };
}

function costSection(p: Processing | null, e2e: EndToEnd[], pub: Publish[], bundles: BundleResult[]) {
  const { inputs, measured } = costInputs(p, e2e, pub, bundles);
  const base = monthlyCost(inputs);
  const steady = pub.find((r) => r.archived === Math.max(...pub.map((x) => x.archived)));
  // What the changes proposed in bench/README.md would make of it (derived, not measured). The
  // publish-side ones only apply if this run's publish does not do them already.
  const changes: string[] = [];
  let fixed: CostInputs = { ...inputs };
  if (steady && steady.feedFilesWritten > steady.feedFilesChangedMean * 1.5) {
    const share = steady.feedFilesChangedMean / Math.max(steady.feedFilesWritten, 1);
    fixed = { ...fixed, feedFilesPerPublish: steady.feedFilesChangedMean, derivedBytesPerPublish: Math.round(inputs.derivedBytesPerPublish * share), publishCpuMs: inputs.publishCpuMs * share };
    changes.push('publish rewrites only the feeds a batch changes');
  }
  if (inputs.kmsKeys > 0) {
    fixed = { ...fixed, kmsKeys: 0 };
    changes.push('the alarm topic without a customer managed KMS key');
  }
  const withFixes = monthlyCost(fixed);
  const sensitivity = [300, 500].map((itemsPerDay) => ({ itemsPerDay, usd: round(monthlyCost({ ...inputs, itemsPerDay }).totalUsd, 2) }));
  return {
    costUsdPerMonth: round(base.totalUsd, 2),
    cost: {
      model: 'bench/cost.ts monthlyCost(): us-east-1 list prices, month 12 of operation (a year of archive stored)',
      volume: `${inputs.itemsPerDay} items/day`,
      totalUsd: round(base.totalUsd, 2),
      totalUsdWithAlwaysFreeTier: round(base.totalUsdWithFreeTier, 2),
      pipelineUsd: round(base.pipelineUsd, 2),
      byService: Object.fromEntries(Object.entries(base.byService).map(([k, v]) => [k, round(v, 3)])),
      lines: base.lines.map((l) => ({ ...l, quantity: round(l.quantity, 3), usd: round(l.usd, 3), usdWithFreeTier: round(l.usdWithFreeTier, 3) })),
      derived: Object.fromEntries(Object.entries(base.derived).map(([k, v]) => [k, round(v, 1)])),
      sensitivity,
      withProposedFixes: {
        totalUsd: round(withFixes.totalUsd, 2),
        totalUsdWithAlwaysFreeTier: round(withFixes.totalUsdWithFreeTier, 2),
        changes: changes.join('; ') || 'none left',
      },
      inputs,
      measuredInputs: measured,
      assumptions: DEFAULT_ASSUMPTIONS.why,
      prices: PRICES_US_EAST_1,
    },
  };
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────
async function section<T>(name: string, errors: Record<string, string>, f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (error) {
    errors[name] = error instanceof Error ? error.message : String(error);
    log(`${name} failed: ${errors[name]}`);
    return null;
  }
}

const started = performance.now();
const loadAtStart = loadavg();
await mkdir(RESULTS_DIR, { recursive: true });
if (PROFILE) await mkdir(PROFILE_DIR, { recursive: true });
const work = await mkdtemp(join(tmpdir(), 'kazfeed-bench-'));
const errors: Record<string, string> = {};
try {
  log(`work directory ${work}${QUICK ? ' (quick mode: small sizes, not a result)' : ''}`);
  const bundles = (await section('bundles', errors, async () => {
    log('bundles: esbuild + cold init, median of 10');
    return measureBundles(work, QUICK ? 3 : 10);
  })) ?? [];
  const cliStart = await section('cliStart', errors, async () => {
    log('cli start: kazfeed --version, --help, run --help, npx, node -e 0; interleaved');
    return measureCliStart(QUICK ? 5 : 21);
  });
  const proc = await section('processing', errors, () => processing(work, 'small'));
  const procFull = await section('processing full-size', errors, () => processing(work, 'full-size'));
  const e2e: EndToEnd[] = [];
  const e2eDefaults: EndToEnd[] = [];
  for (const items of E2E_SIZES) {
    if (items === E2E_SIZES[0]) {
      const plain = await section(`endToEnd ${items} node defaults`, errors, () => endToEnd(work, items, [], 'defaults'));
      if (plain) e2eDefaults.push(plain);
    }
    const budget = await section(`endToEnd ${items}`, errors, () => endToEnd(work, items, HEAP_BUDGET, 'budget'));
    if (budget) e2e.push(budget);
  }
  const pub: Publish[] = [];
  for (const archived of PUBLISH_SIZES) {
    const r = await section(`publish ${archived}`, errors, () => publishBench(work, archived));
    if (r) pub.push(r);
  }
  const { costUsdPerMonth, cost } = costSection(proc, e2e, pub, bundles);

  const result = {
    processing: proc,
    processingFullSize: procFull,
    endToEnd: e2e,
    endToEndNodeDefaults: e2eDefaults,
    publish: pub,
    bundles: bundles.map((b) => ({ ...b, initMs: round(b.initMs), initMsSourceMaps: round(b.initMsSourceMaps), ownInitMs: round(b.ownInitMs), externalsInitMs: round(b.externalsInitMs), processMs: round(b.processMs) })),
    cliStart,
    costUsdPerMonth,
    cost,
    machine: {
      cores: availableParallelism(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 2 ** 30, 1),
      loadAverageAtStart: loadAtStart.map((l) => round(l, 2)),
      loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
    },
    date: new Date().toISOString(),
    benchSeconds: round((performance.now() - started) / 1000),
    quick: QUICK,
    errors,
  };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const markdown = renderMarkdown(result);
  const suffix = QUICK ? '-quick' : '';
  await writeFile(join(RESULTS_DIR, `latest${suffix}.json`), json);
  await writeFile(join(RESULTS_DIR, `latest${suffix}.md`), markdown);
  process.stdout.write(markdown);
  log(`done in ${round(result.benchSeconds)} s; wrote bench/results/latest${suffix}.json and .md`);
  if (Object.keys(errors).length) process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
