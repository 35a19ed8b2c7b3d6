/**
 * Publish with an archive already in the store: `node bench/publish-worker.ts <json>` with
 * `{ endpoint, bucket, batchesFile }`, the batches being arrays of new articles. For each batch it
 * stores the articles and their pending markers as the process stage does (through a second,
 * uncounted client), then times one publish() and counts its S3 requests by operation.
 */
import { readFile } from 'node:fs/promises';
import type { Article } from '../schemas/article.ts';
import { keys } from '../functions/lib/keys.ts';
import { createS3Client, Store } from '../functions/lib/store.ts';
import { storeArticle } from '../functions/process/index.ts';
import { indexEntryOf } from '../schemas/index-entry.ts';
import { publish } from '../functions/publish/index.ts';
import { feedKeysOf } from '../functions/publish/select.ts';
import { PUBLIC_BASE_URL } from './archive.ts';
import { answer, peakRssMb } from './lib.ts';

export interface PublishRun {
  ms: number;
  requests: Record<string, number>;
  pending: number;
  feedFilesWritten: number;
  /** Feed files whose items include one of the batch's articles: what a publish must rewrite. */
  feedFilesChanged: number;
  days: number;
  cpuMs: number;
  /** Articles stored on the batch's day (today) when this publish ran, the batch included. */
  sameDayArticles: number;
}

export interface PublishWorkerResult {
  runs: PublishRun[];
  /** Bytes under feeds/ plus the largest index object after the last publish. */
  derivedBytes: number;
  recentBytes: number;
  /** Bytes under site/ (the atlas pages) after the last publish, and the largest page. */
  siteBytes: number;
  largestPageBytes: number;
  peakRssMb: number;
}

const FEED_SIZE = 100;

await answer(async (): Promise<PublishWorkerResult> => {
  const input = JSON.parse(process.argv[2] ?? '{}') as { endpoint: string; bucket: string; batchesFile: string; todaySoFar: number };
  const batches = JSON.parse(await readFile(input.batchesFile, 'utf8')) as Article[][];
  const location = { bucket: input.bucket, endpoint: input.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' } };
  const setup = new Store(createS3Client(location), input.bucket);
  const measured = new Store(createS3Client(location), input.bucket);
  const runs: PublishRun[] = [];
  let today = input.todaySoFar;
  for (const batch of batches) {
    today += batch.length;
    for (const article of batch) await storeArticle(setup, article, { overwrite: true });
    const changed = new Set(batch.flatMap((a) => feedKeysOf(indexEntryOf(a, keys.article(a.id, a.publishedAt))))).size * 2;

    const before = { ...measured.requests };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // As the publish Lambda runs it: the atlas too.
    const result = await publish(measured, { feedSize: FEED_SIZE, publicBaseUrl: PUBLIC_BASE_URL, site: true });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const requests: Record<string, number> = {};
    for (const [op, n] of Object.entries(measured.requests)) requests[op] = n - (before[op] ?? 0);
    runs.push({ ms, requests, pending: result.pending, feedFilesWritten: result.feeds.length, feedFilesChanged: changed, days: result.days.length, cpuMs: (cpu.user + cpu.system) / 1000, sameDayArticles: today });
  }
  let derivedBytes = 0;
  for await (const key of setup.list('feeds/')) derivedBytes += (await setup.get(key))?.body.byteLength ?? 0;
  // The largest index object: what must stay under the embedded server's 11 MiB body limit.
  let recentBytes = 0;
  for await (const key of setup.list('index/')) if (!key.startsWith(keys.pendingPrefix)) recentBytes = Math.max(recentBytes, (await setup.get(key))?.body.byteLength ?? 0);
  let siteBytes = 0;
  let largestPageBytes = 0;
  for await (const key of setup.list('site/')) {
    const bytes = (await setup.get(key))?.body.byteLength ?? 0;
    siteBytes += bytes;
    largestPageBytes = Math.max(largestPageBytes, bytes);
  }
  setup.client.destroy();
  measured.client.destroy();
  return { runs, derivedBytes: derivedBytes + recentBytes, recentBytes, siteBytes, largestPageBytes, peakRssMb: peakRssMb() };
});
