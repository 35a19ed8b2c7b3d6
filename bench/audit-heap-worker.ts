/**
 * What `kazfeed check` holds in memory while it reads a store: its audit (auditStore) in a process
 * of its own, `node --expose-gc bench/audit-heap-worker.ts <json>` with `{ endpoint, bucket }`.
 * Every 500 objects read it collects garbage and notes the heap in use, so the peak is what the
 * audit keeps, not garbage not yet collected (peak RSS says more about how lazily V8 collects).
 */
import { auditStore } from '../functions/check/audit.ts';
import { resolveConfig } from '../functions/lib/config.ts';
import { createS3Client, Store } from '../functions/lib/store.ts';
import { publishedFeedSize } from '../functions/publish/index.ts';
import { answer, round } from './lib.ts';

export interface AuditHeap {
  objects: number;
  findings: number;
  /** Heap in use before the audit (modules loaded), after a collection. */
  baselineHeapMb: number;
  /** The most heap in use, after a collection, at any sample while the audit read. */
  peakHeapMb: number;
  samples: number;
}

const SAMPLE_EVERY = 500;

await answer(async (): Promise<AuditHeap> => {
  const { gc } = globalThis;
  if (!gc) throw new Error('run with node --expose-gc');
  const input = JSON.parse(process.argv[2] ?? '{}') as { endpoint: string; bucket: string };
  const client = createS3Client({ bucket: input.bucket, endpoint: input.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' } });
  const store = new Store(client, input.bucket);
  const heapMb = () => {
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const baseline = heapMb();
  let peak = baseline;
  let samples = 0;
  let sampledAt = 0;
  // As `kazfeed check` judges the feeds: by the size they were published with.
  const feedSize = (await publishedFeedSize(store)) ?? resolveConfig().feedSize;
  const audit = await auditStore(store, {
    feedSize,
    progress: (read) => {
      if (read - sampledAt < SAMPLE_EVERY) return;
      sampledAt = read;
      samples += 1;
      peak = Math.max(peak, heapMb());
    },
  });
  return { objects: audit.objects, findings: audit.findings.length, baselineHeapMb: round(baseline), peakHeapMb: round(peak), samples };
});
