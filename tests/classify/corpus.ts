/**
 * The shared labelled sample (../shared/corpus, evaluation only: never copied into the
 * repository) and the figures computed on it, for the corpus test and `npm run eval:classify`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPICS, type Relations, type Topic } from '../../schemas/article.ts';
import { inputFromText, type ClassifyInput } from '../../functions/process/classify/index.ts';
import { resolveLanguage } from '../../functions/process/normalise/language.ts';
import { type Part, type Parts, splitPinned, type Unpinned } from './split.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_FILE = path.resolve(repoRoot, '../shared/corpus/kazinform-labelled.jsonl');

/** The project's own labelled development set (real articles rewritten for the project; see its README). */
export const DEV_DIR = path.resolve(repoRoot, 'fixtures/relations-dev');

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_FILE);
}

export function loadDevSet(dir = DEV_DIR): Labelled[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => loadCorpus(path.join(dir, f)));
}

/** The part each article of the own set was pinned to when it was added (`npm run pin:dev-split`). */
export const DEV_PARTS_FILE = path.join(DEV_DIR, 'parts.json');

export function loadDevParts(file = DEV_PARTS_FILE): Map<string, Part> {
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Part>));
}

/** The own set's frozen split: pinned articles keep their part, unpinned ones are split among themselves. */
export function splitDevSet(articles = loadDevSet(), parts = loadDevParts(), unpinned: Unpinned = 'split'): Parts<Labelled> {
  return splitPinned(articles, parts, unpinned);
}

export interface Labelled {
  readonly id: string;
  readonly url: string;
  /** As written in the corpus: `kk` is Kazakh Cyrillic, `zh` simplified Chinese. */
  readonly language: string;
  readonly title: string;
  readonly text: string;
  readonly label: {
    readonly bilateral: boolean;
    readonly countries: string[];
    readonly pair: string | null;
    readonly kazakhstanInvolved: boolean;
    readonly topics: Topic[];
  };
}

export function loadCorpus(file = CORPUS_FILE): Labelled[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Labelled);
}

/** As `kazfeed classify` reads a line: the corpus's short tags (kk, zh) name the language, the script decides the rest. */
export function toInput(a: Labelled): ClassifyInput {
  return inputFromText(resolveLanguage(a.text, a.language), a.title, a.text);
}

export interface Outcome {
  readonly article: Labelled;
  readonly relations: Relations;
}

export interface Figures {
  readonly articles: number;
  readonly goldBilateral: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Right pair among the articles both the label and the classifier call bilateral. */
  readonly pairAccuracy: number;
  /** Right pair among all the articles labelled bilateral. */
  readonly pairRecall: number;
  readonly kazakhstanAccuracy: number;
  /** Mean Jaccard overlap of topic sets. */
  readonly topicOverlap: number;
  /** Micro-averaged F1 of the topics chosen against the topics labelled, over all articles. */
  readonly topicF1: number;
  /** Mean squared error of confidence as the probability that the bilateral call is right. */
  readonly brier: number;
}

export function classifyAll(articles: readonly Labelled[], classify: (input: ClassifyInput) => Relations): Outcome[] {
  return articles.map((article) => ({ article, relations: classify(toInput(article)) }));
}

export function figures(outcomes: readonly Outcome[]): Figures {
  let tp = 0, fp = 0, fn = 0, pairRight = 0, kzRight = 0, brier = 0;
  for (const { article, relations } of outcomes) {
    const gold = article.label;
    const said = relations.kind === 'bilateral';
    if (said && gold.bilateral) {
      tp++;
      if (relations.pair === gold.pair) pairRight++;
    } else if (said) fp++;
    else if (gold.bilateral) fn++;
    if (relations.kazakhstanInvolved === gold.kazakhstanInvolved) kzRight++;
    brier += (relations.confidence - (said === gold.bilateral ? 1 : 0)) ** 2;
  }
  const n = outcomes.length;
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const topics = topicFigures(outcomes.map(({ article, relations }) => ({ chosen: relations.topics, gold: article.label.topics })));
  return {
    articles: n,
    goldBilateral: tp + fn,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    pairAccuracy: ratio(pairRight, tp),
    pairRecall: ratio(pairRight, tp + fn),
    kazakhstanAccuracy: ratio(kzRight, n),
    topicOverlap: topics.jaccard,
    topicF1: topics.f1,
    brier: ratio(brier, n),
  };
}

export interface TopicFigures {
  readonly articles: number;
  /** Mean Jaccard overlap of the chosen and the gold sets. */
  readonly jaccard: number;
  readonly exact: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Share of articles whose first topic is a gold one. */
  readonly firstRight: number;
  readonly meanTopics: number;
  /** Per topic: gold, chosen, right. */
  readonly perTopic: Readonly<Record<Topic, { gold: number; chosen: number; right: number }>>;
}

/** Topic figures over chosen and labelled topic sets (Jaccard per article, micro-averaged P/R/F1). */
export function topicFigures(outcomes: ReadonlyArray<{ chosen: readonly Topic[]; gold: readonly Topic[] }>): TopicFigures {
  let jaccard = 0, exact = 0, tp = 0, chosenCount = 0, goldCount = 0, firstRight = 0;
  const perTopic = Object.fromEntries(TOPICS.map((t) => [t, { gold: 0, chosen: 0, right: 0 }])) as Record<Topic, { gold: number; chosen: number; right: number }>;
  for (const outcome of outcomes) {
    const chosen = new Set(outcome.chosen);
    const gold = new Set(outcome.gold);
    const right = [...chosen].filter((t) => gold.has(t)).length;
    const union = new Set([...chosen, ...gold]).size;
    jaccard += union === 0 ? 1 : right / union;
    if (right === chosen.size && right === gold.size) exact++;
    tp += right;
    chosenCount += chosen.size;
    goldCount += gold.size;
    if (gold.has(outcome.chosen[0] as Topic)) firstRight++;
    for (const t of gold) perTopic[t].gold++;
    for (const t of chosen) {
      perTopic[t].chosen++;
      if (gold.has(t)) perTopic[t].right++;
    }
  }
  const n = outcomes.length;
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const precision = ratio(tp, chosenCount);
  const recall = ratio(tp, goldCount);
  return {
    articles: n,
    jaccard: ratio(jaccard, n),
    exact: ratio(exact, n),
    precision,
    recall,
    f1: chosenCount + goldCount === 0 ? 1 : (2 * tp) / (chosenCount + goldCount),
    firstRight: ratio(firstRight, n),
    meanTopics: ratio(chosenCount, n),
    perTopic,
  };
}

/**
 * Expected calibration error of the confidence that the bilateral call is right: outcomes binned
 * by confidence (10 equal bins), the gap between mean confidence and accuracy, weighted by bin size.
 */
export function expectedCalibrationError(outcomes: readonly Outcome[], bins = 10): number {
  const sums = Array.from({ length: bins }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const { article, relations } of outcomes) {
    const bin = sums[Math.min(bins - 1, Math.floor(relations.confidence * bins))] as { n: number; confidence: number; right: number };
    bin.n++;
    bin.confidence += relations.confidence;
    if ((relations.kind === 'bilateral') === article.label.bilateral) bin.right++;
  }
  return sums.reduce((e, b) => e + (b.n === 0 ? 0 : (b.n / outcomes.length) * Math.abs(b.confidence / b.n - b.right / b.n)), 0);
}

/** Wrong on bilateral or on the pair. */
export function misclassified(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes.filter(({ article, relations }) =>
    (relations.kind === 'bilateral') !== article.label.bilateral || (article.label.bilateral && relations.pair !== article.label.pair));
}

