/**
 * `npm run bench:classify`: the relations classifier alone, on one core: articles per second over
 * the labelled articles (best of three runs, each in a fresh process pinned to one CPU), and the
 * bytes it brings into the process function's bundle. Writes bench/results/classify.json.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from './bundles.ts';
import type { ClassifyBenchResult } from './classify-worker.ts';
import { BENCH_DIR, log, runWorker } from './lib.ts';

const RUNS = 3;

const runs: ClassifyBenchResult[] = [];
for (let i = 0; i < RUNS; i++) {
  log(`classify run ${i + 1}/${RUNS}`);
  runs.push(await runWorker<ClassifyBenchResult>(join(BENCH_DIR, 'classify-worker.ts'), [], { cpu: 1 }));
}
const best = runs.reduce((a, b) => (b.articlesPerSecond > a.articlesPerSecond ? b : a));

const work = await mkdtemp(join(tmpdir(), 'kazfeed-bench-classify-'));
const { outfile, metafile } = await bundle('process', 'functions/process/handler.ts', work);
const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
const classifierBytes = Object.entries(output?.inputs ?? {})
  .filter(([path]) => path.includes('functions/process/classify/'))
  .reduce((s, [, input]) => s + input.bytesInOutput, 0);
const processBundleBytes = (await stat(outfile)).size;
await rm(work, { recursive: true, force: true });

const result = {
  measuredAt: new Date().toISOString(),
  classify: { ...best, runs: runs.map((r) => r.articlesPerSecond) },
  bundle: { processBundleBytes, classifierBytes },
};
await writeFile(join(BENCH_DIR, 'results', 'classify.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`classify: ${best.articlesPerSecond} articles/s on one core (${best.microsecondsPerArticle} µs each, ${best.articles} articles of ${best.meanChars} characters on average; runs ${result.classify.runs.join(', ')}), peak RSS ${best.peakRssMb} MB`);
console.log(`process bundle: ${(processBundleBytes / 1024).toFixed(1)} KB, of which the classifier ${(classifierBytes / 1024).toFixed(1)} KB`);
