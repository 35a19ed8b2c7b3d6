/**
 * One side of the processing benchmark, in its own process (the parent pins it to one core):
 * `node bench/processing-worker.ts ours|readability|linkedom <corpus.json> [warm-up pages]`.
 *
 * - ours: extractPage + buildArticle (extract, normalise, classify, validate with zod), exactly as
 *   processItem runs them on a fetched page;
 * - readability: what a JavaScript user would write instead: `new JSDOM(html, { url })`, then
 *   `new Readability(document).parse()`, then close the window;
 * - linkedom: the same with a lighter DOM: linkedom's `parseHTML(html)`, then
 *   `new Readability(document).parse()`.
 *
 * Each warms up on the first pages (JIT; 100 unless told), then processes every page once, timed. The answer carries
 * each page's text (ours: summary, headings and paragraphs; Readability: textContent) for the
 * agreement measure.
 */
import { readFile } from 'node:fs/promises';
import { answer, peakRssMb } from './lib.ts';

export interface BenchPage {
  id: string;
  url: string;
  feedUrl: string;
  title: string;
  publishedAt: string;
  html: string;
}

export interface ProcessingResult {
  engine: string;
  pages: number;
  ms: number;
  pagesPerSecond: number;
  /** CPU time of the process during the timed loop (user + system), ms. */
  cpuMs: number;
  peakRssMb: number;
  /** Pages the engine gave up on (ours: failed validation; Readability: parse() returned null). */
  failures: number;
  texts: string[];
}

type Runner = (page: BenchPage) => { text: string; ok: boolean };

async function ours(): Promise<Runner> {
  const { extractPage } = await import('../functions/process/extract/index.ts');
  const { buildArticle } = await import('../functions/process/article.ts');
  return (p) => {
    const page = extractPage(p.html, p.url);
    const { candidate, result } = buildArticle(page, {
      item: { id: p.id, url: p.url, feedUrl: p.feedUrl, title: p.title, publishedAt: p.publishedAt, feedLanguage: null },
      finalUrl: p.url,
      fetchedAt: '2025-11-25T00:00:00.000Z',
      rawKey: `raw/${p.id}.html.gz`,
      pipelineVersion: 'bench',
    });
    const text = [candidate.summary, ...candidate.body.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs])].filter(Boolean).join('\n');
    return { text, ok: result.success };
  };
}

async function readability(): Promise<Runner> {
  const { JSDOM } = await import('jsdom');
  const { Readability } = await import('@mozilla/readability');
  return (p) => {
    const dom = new JSDOM(p.html, { url: p.url });
    const parsed = new Readability(dom.window.document).parse();
    dom.window.close();
    return { text: parsed?.textContent ?? '', ok: parsed !== null };
  };
}

async function linkedom(): Promise<Runner> {
  const { parseHTML } = await import('linkedom');
  const { Readability } = await import('@mozilla/readability');
  return (p) => {
    const { document } = parseHTML(p.html);
    // linkedom's Document is its own class, not lib.dom's; Readability only walks it.
    const parsed = new Readability(document as unknown as Document).parse();
    return { text: parsed?.textContent ?? '', ok: parsed !== null };
  };
}

const ENGINES: Record<string, () => Promise<Runner>> = { ours, readability, linkedom };

await answer(async (): Promise<ProcessingResult> => {
  const [engine = '', corpusFile, warmup = '100'] = process.argv.slice(2);
  const load = ENGINES[engine];
  if (!corpusFile || !load) throw new Error('usage: processing-worker.ts ours|readability|linkedom <corpus.json> [warm-up pages]');
  const pages = JSON.parse(await readFile(corpusFile, 'utf8')) as BenchPage[];
  const run = await load();
  for (const page of pages.slice(0, Number(warmup))) run(page);

  const texts: string[] = new Array(pages.length);
  let failures = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < pages.length; i++) {
    const { text, ok } = run(pages[i] as BenchPage);
    texts[i] = text;
    if (!ok) failures += 1;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { engine, pages: pages.length, ms, pagesPerSecond: pages.length / (ms / 1000), cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peakRssMb(), failures, texts };
});
