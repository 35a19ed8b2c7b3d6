/**
 * The processing benchmark (part 1 of `npm run bench`; alone: `npm run bench:processing`, about
 * 4 minutes, `BENCH_QUICK=1` about 1): our extraction + article building against Readability on
 * jsdom and on linkedom, on two generated corpora: small pages (7-65 KB, the article with a little
 * chrome) and full-size pages (150-400 KB, a real news site's chrome). See bench/README.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agreement, meanAgreement } from './agreement.ts';
import { generateCorpus, loadFixtures } from './corpus.ts';
import { BENCH_DIR, FIXTURES_DIR, log, round, runWorker, type WorkerOptions } from './lib.ts';
import type { BenchPage, ProcessingResult } from './processing-worker.ts';

const SEED = 20251124;
const ORIGIN = 'https://www.inform.kz';
const ENGINES = ['ours', 'readability', 'linkedom'] as const;

export type CorpusKind = 'small' | 'full-size';

export interface ProcessingOptions {
  corpus: CorpusKind;
  pages: number;
  /** Interleaved runs per engine; the best of each counts. */
  rounds: number;
  /** Per engine, the worker options (CPU pinning, profiling). */
  worker: (engine: string) => WorkerOptions;
}

/** The pages of one of the benchmark's corpora, as the processing workers get them. */
export async function benchPages(corpus: CorpusKind, count: number): Promise<(BenchPage & { language: string })[]> {
  const fixtures = await loadFixtures(FIXTURES_DIR);
  return generateCorpus(fixtures, { count, seed: SEED, fullSize: corpus === 'full-size' }).map((p) => ({
    id: p.id,
    url: `${ORIGIN}${p.path}`,
    feedUrl: `${ORIGIN}/${p.feed}`,
    title: p.title,
    publishedAt: p.publishedAt,
    html: p.html.replaceAll('{{origin}}', ORIGIN),
    language: p.language,
  }));
}

/**
 * Generates the corpus, runs each engine `rounds` times interleaved in fresh processes, and returns
 * the best run of each, their ratios and the agreement of our text with Readability's (jsdom).
 */
export async function measureProcessing(work: string, options: ProcessingOptions) {
  const pages = await benchPages(options.corpus, options.pages);
  const corpusFile = join(work, `corpus-${options.corpus}.json`);
  await writeFile(corpusFile, JSON.stringify(pages));
  const sizes = pages.map((p) => Buffer.byteLength(p.html)).sort((a, b) => a - b);
  const languages: Record<string, number> = {};
  for (const p of pages) languages[p.language] = (languages[p.language] ?? 0) + 1;
  const warmup = Math.min(100, Math.ceil(pages.length / 5));

  // Interleaved runs, the best of each: the machine is shared, and interference only ever slows a
  // run down.
  const runs: Record<string, ProcessingResult[]> = { ours: [], readability: [], linkedom: [] };
  for (let round_ = 0; round_ < options.rounds; round_++) {
    for (const engine of ENGINES) {
      log(`processing (${options.corpus}): ${engine} over ${pages.length} pages`);
      const r = await runWorker<ProcessingResult>(join(BENCH_DIR, 'processing-worker.ts'), [engine, corpusFile, String(warmup)], options.worker(engine));
      runs[engine]?.push(r);
      log(`  ${round(r.pagesPerSecond)} pages/s`);
    }
  }
  const best = (list: ProcessingResult[] = []) => list.reduce((a, b) => (b.pagesPerSecond > a.pagesPerSecond ? b : a));
  const a = best(runs.ours);
  const b = best(runs.readability);
  const c = best(runs.linkedom);
  const pairs = a.texts.map((text, i) => agreement(text, b.texts[i] ?? ''));
  const mean = meanAgreement(pairs);
  const byLanguage: Record<string, number> = {};
  for (const lang of Object.keys(languages)) {
    const mine = pairs.filter((_, i) => pages[i]?.language === lang);
    byLanguage[lang] = round(meanAgreement(mine).f1, 3);
  }
  return {
    pagesPerSecond: round(a.pagesPerSecond),
    readabilityPagesPerSecond: round(b.pagesPerSecond),
    linkedomPagesPerSecond: round(c.pagesPerSecond),
    ratio: round(a.pagesPerSecond / b.pagesPerSecond, 2),
    linkedomRatio: round(a.pagesPerSecond / c.pagesPerSecond, 2),
    agreement: round(mean.f1, 3),
    agreementDetail: {
      measure: 'mean bag-of-words F1 between our summary + body and Readability textContent (jsdom; NFC, lower case; Han characters one by one)',
      precision: round(mean.precision, 3),
      recall: round(mean.recall, 3),
      f1ByLanguage: byLanguage,
      pagesBelow08: pairs.filter((p) => p.f1 < 0.8).length,
    },
    corpus: { kind: options.corpus, pages: pages.length, seed: SEED, languages, medianBytes: sizes[Math.floor(sizes.length / 2)] ?? 0, minBytes: sizes[0] ?? 0, maxBytes: sizes.at(-1) ?? 0 },
    msPerPage: round(1000 / a.pagesPerSecond, 3),
    readabilityMsPerPage: round(1000 / b.pagesPerSecond, 2),
    linkedomMsPerPage: round(1000 / c.pagesPerSecond, 2),
    runs: { ours: runs.ours?.map((r) => round(r.pagesPerSecond)) ?? [], readability: runs.readability?.map((r) => round(r.pagesPerSecond)) ?? [], linkedom: runs.linkedom?.map((r) => round(r.pagesPerSecond)) ?? [] },
    failures: { ours: a.failures, readability: b.failures, linkedom: c.failures },
    peakRssMb: { ours: round(a.peakRssMb), readability: round(b.peakRssMb), linkedom: round(c.peakRssMb) },
    method: `each engine in a fresh node process pinned to one CPU (taskset -c 1), ${warmup} warm-up pages, then every page once; ${options.rounds} interleaved runs per engine, the best of each`,
  };
}

export type Processing = Awaited<ReturnType<typeof measureProcessing>>;

/** Page counts per corpus: the full run's, and quick mode's (a smoke test). */
export function processingPages(quick: boolean): Record<CorpusKind, number> {
  return quick ? { small: 200, 'full-size': 40 } : { small: 1000, 'full-size': 200 };
}

if (import.meta.main) {
  const quick = process.env.BENCH_QUICK === '1';
  const work = await mkdtemp(join(tmpdir(), 'kazfeed-bench-processing-'));
  try {
    const counts = processingPages(quick);
    const out: Record<string, Processing> = {};
    for (const corpus of ['small', 'full-size'] as const) {
      out[corpus] = await measureProcessing(work, { corpus, pages: counts[corpus], rounds: 3, worker: () => ({ cpu: 1 }) });
    }
    const summary = Object.entries(out).map(([corpus, p]) => ({
      corpus: `${corpus}, ${p.corpus.pages} pages, median ${round(p.corpus.medianBytes / 1024)} KB`,
      ours: `${p.pagesPerSecond} pages/s (${p.msPerPage} ms/page)`,
      readabilityJsdom: `${p.readabilityPagesPerSecond} pages/s (${p.ratio}×)`,
      readabilityLinkedom: `${p.linkedomPagesPerSecond} pages/s (${p.linkedomRatio}×)`,
      runs: p.runs,
    }));
    await writeFile(join(BENCH_DIR, 'results', `processing${quick ? '-quick' : ''}.json`), `${JSON.stringify({ date: new Date().toISOString(), quick, summary, results: Object.fromEntries(Object.entries(out).map(([k, p]) => [k, { ...p }])) }, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
