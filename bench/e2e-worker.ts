/**
 * One whole local pipeline run (runPipeline: ingest, process every new item, publish) in a fresh
 * process, against the services of bench/services.ts: `node bench/e2e-worker.ts <json>` with
 * `{ endpoint, bucket, feedUrls }`. Answers wall time, the run's counts, S3 requests by operation
 * and this process's peak RSS (getrusage maxRSS: the pipeline alone; the S3 and site servers run
 * in the services process).
 */
import { resolveConfig } from '../functions/lib/config.ts';
import { createS3Client, Store } from '../functions/lib/store.ts';
import { runPipeline } from '../functions/pipeline.ts';
import { answer, peakRssMb } from './lib.ts';

export interface E2eResult {
  seconds: number;
  counts: Record<string, number>;
  requests: Record<string, number>;
  peakRssMb: number;
  /** Peak RSS before the run started (modules loaded, nothing processed). */
  baselineRssMb: number;
  published: boolean;
  /** Seconds and RSS at the end of each phase, seen through the run's log lines. */
  phases: { phase: string; atSeconds: number; rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number; requests: Record<string, number> }[];
}

/** A logger that notes when each phase of runPipeline ends: feeds polled, items processed, published. */
function phaseLogger(t0: () => number, total: () => number, requests: () => Record<string, number>) {
  const phases: E2eResult['phases'] = [];
  const mark = (phase: string) => {
    const m = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 2 ** 17) / 8;
    phases.push({ phase, atSeconds: (performance.now() - t0()) / 1000, rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), requests: { ...requests() } });
  };
  let polled = false;
  let processed = 0;
  const info = (message: string) => {
    if (!polled && message.startsWith('feed ')) {
      polled = true;
      mark('ingest');
    } else if (message.startsWith('[')) {
      processed += 1;
      if (processed === total() || processed % Math.max(250, Math.ceil(total() / 10)) === 0) mark(`process ${processed}`);
    } else if (message.startsWith('published ')) mark('publish');
  };
  return { phases, mark, log: { info, warn: info, error: info } };
}

await answer(async (): Promise<E2eResult> => {
  const input = JSON.parse(process.argv[2] ?? '{}') as { endpoint: string; bucket: string; feedUrls: string[] };
  const client = createS3Client({ bucket: input.bucket, endpoint: input.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' } });
  const store = new Store(client, input.bucket);
  const config = resolveConfig({
    feeds: input.feedUrls.map((url) => ({ url })),
    allowHosts: [...new Set(input.feedUrls.map((url) => new URL(url).host))],
    publicBaseUrl: 'http://127.0.0.1:8080',
    // One run takes every generated item: the bench measures a run of N new items, not the
    // per-run bound that spreads a backlog over several runs.
    newItemsPerRun: 10_000,
    maxItemsPerSource: 50_000,
  });
  const baselineRssMb = peakRssMb();
  let t0 = 0;
  let items = 0;
  const phases = phaseLogger(() => t0, () => items, () => store.requests);
  const feedLine = phases.log.info;
  phases.log.info = (message: string) => {
    const m = /^feed .*, (\d+) new$/.exec(message);
    if (m) items += Number(m[1]);
    feedLine(message);
  };
  t0 = performance.now();
  // Nor the processing budget that leaves the rest of a long run's items to the next run.
  const report = await runPipeline(config, { store, log: phases.log, processBudgetMs: 60 * 60_000 });
  const seconds = (performance.now() - t0) / 1000;
  phases.mark('done');
  client.destroy();
  return { seconds, counts: report.counts, requests: { ...store.requests }, peakRssMb: peakRssMb(), baselineRssMb, published: report.published, phases: phases.phases };
});
