/**
 * The classifier benchmark's timed side, in its own process (the parent pins it to one core):
 * `node bench/classify-worker.ts`. Classifies every labelled article available (the project's own
 * set, and the shared sample when it is beside the repository: read, never copied) over and over
 * until at least MIN_MS have passed, after a warm-up pass, and reports articles per second.
 */
import { classify } from '../functions/process/classify/index.ts';
import { corpusAvailable, loadCorpus, loadDevSet, toInput } from '../tests/classify/corpus.ts';
import { answer, peakRssMb } from './lib.ts';

export interface ClassifyBenchResult {
  articles: number;
  meanChars: number;
  passes: number;
  ms: number;
  articlesPerSecond: number;
  microsecondsPerArticle: number;
  peakRssMb: number;
}

const MIN_MS = 3000;

await answer(async (): Promise<ClassifyBenchResult> => {
  const labelled = [...loadDevSet(), ...(corpusAvailable() ? loadCorpus() : [])];
  const inputs = labelled.map(toInput);
  let sink = 0;
  for (const input of inputs) sink += classify(input).signals.length;
  let passes = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_MS) {
    for (const input of inputs) sink += classify(input).signals.length;
    passes++;
  }
  const ms = performance.now() - start;
  if (sink < 0) throw new Error('unreachable');
  const classified = passes * inputs.length;
  return {
    articles: inputs.length,
    meanChars: Math.round(labelled.reduce((s, a) => s + a.title.length + a.text.length, 0) / Math.max(1, labelled.length)),
    passes,
    ms: Math.round(ms),
    articlesPerSecond: Math.round((classified / ms) * 1000),
    microsecondsPerArticle: Math.round((ms * 1000) / classified),
    peakRssMb: Math.round(peakRssMb()),
  };
});
