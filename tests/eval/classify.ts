/**
 * `npm run eval:classify`: the relations classifier measured honestly. Side by side, per
 * language: the tune parts it was fitted and adjusted on, the frozen test parts it never was,
 * the own set's held-out part (collections written blind and set aside whole; kept out of every
 * fit, the cross-validations included), and a 5-fold cross-validation (the whole fit repeated
 * per fold) over the tune and test parts of the shared sample and the project's own set
 * together; the expected calibration error out of fold. Then the steadier yardstick rules are
 * judged by: the 5-fold cross-validation repeated over 20 fixed splits of the tune parts alone
 * (mean errors a split), where one split's count moves by one or two with any change that flips
 * an article near the boundary. Errors are listed for the tune parts only, so that the test and
 * held-out parts stay unread. Skips (exit 0) without ../shared/corpus.
 *
 * `npm run eval:classify -- --score FILE` scores one labelled collection (JSON Lines in the
 * corpus format) with the committed classifier instead: per language, F1, right pairs, false
 * bilateral calls and missed ones, no article named. A collection written blind is scored so on
 * arrival, once, before any rule is judged on it; that first score is its held-out measure.
 */
import { parseArgs } from 'node:util';
import { classify } from '../../functions/process/classify/index.ts';
import { crossValidate, repeatedCrossValidate } from '../../train/fit-classifier.ts';
import { CORPUS_FILE, classifyAll, corpusAvailable, expectedCalibrationError, figures, type Labelled, loadCorpus, misclassified, splitDevSet, type Outcome } from '../classify/corpus.ts';
import { split } from '../classify/split.ts';
import { printTable } from './table.ts';

const { values: options } = parseArgs({ options: { score: { type: 'string' } } });
if (options.score !== undefined) {
  let articles: Labelled[];
  try {
    articles = loadCorpus(options.score);
  } catch (error) {
    console.error(`eval:classify: cannot read ${options.score}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  printScores(classifyAll(articles, classify));
  process.exit(0);
}

if (!corpusAvailable()) {
  console.log(`eval:classify skipped: no labelled corpus at ${CORPUS_FILE}`);
  process.exit(0);
}

const shared = split(loadCorpus());
const own = splitDevSet();
const sharedTune = classifyAll(shared.tune, classify);
const ownTune = classifyAll(own.tune, classify);
const cv = crossValidate([...shared.tune, ...shared.test, ...own.tune, ...own.test]);
const columns: Array<[string, Outcome[]]> = [
  ['shared tune', sharedTune],
  ['shared TEST', classifyAll(shared.test, classify)],
  ['own tune', ownTune],
  ['own TEST', classifyAll(own.test, classify)],
  ['own HELD OUT', classifyAll(own.heldout, classify)],
  ['5-fold CV', cv],
];

const languages = [...new Set(columns.flatMap(([, o]) => o.map((x) => x.article.language)))].sort();
const cell = (outcomes: Outcome[]) => {
  if (outcomes.length === 0) return '—';
  const f = figures(outcomes);
  return `${String(f.articles).padStart(3)} ${f.f1.toFixed(3)} ${f.pairAccuracy.toFixed(3)}`;
};
const header = ['language', ...columns.map(([name]) => name)];
const rows = [
  header,
  ['', ...columns.map(() => '  n    F1  pair')],
  ...languages.map((l) => [l, ...columns.map(([, o]) => cell(o.filter((x) => x.article.language === l)))]),
  ['overall', ...columns.map(([, o]) => cell(o))],
];
printTable(rows);

const folds = [0, 1, 2, 3, 4].map((k) => figures(cv.filter((o) => (o as Outcome & { fold: number }).fold === k)));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(`\n5-fold CV, mean over folds: F1 ${mean(folds.map((f) => f.f1)).toFixed(3)}, pair accuracy ${mean(folds.map((f) => f.pairAccuracy)).toFixed(3)}`);
console.log(`expected calibration error out of fold (10 bins): ${expectedCalibrationError(cv).toFixed(3)}`);
console.log(`Brier score out of fold: ${figures(cv).brier.toFixed(3)}`);
const topicCell = ([name, o]: [string, Outcome[]]) => `${name} ${figures(o).topicOverlap.toFixed(3)} / ${figures(o).topicF1.toFixed(3)}`;
// The committed topic model only: the cross-validation refits the bilateral weights, not the topics'.
console.log(`topics, mean overlap (Jaccard) / micro-F1: ${columns.filter(([, o]) => o !== cv).map(topicCell).join(', ')}`);

// Over the tune parts alone: no test or held-out article is trained on or scored.
const tune = [...shared.tune, ...own.tune];
const repeats = repeatedCrossValidate(tune);
const errors = repeats.map((r) => misclassified(r).length);
const near = repeats.map((r) => r.filter((o) => o.relations.confidence < 0.6).length);
console.log(`repeated 5-fold CV over the tune parts (${repeats.length} fixed splits, ${tune.length} articles): errors ${mean(errors).toFixed(2)} a split (${Math.min(...errors)}-${Math.max(...errors)}), F1 ${mean(repeats.map((r) => figures(r).f1)).toFixed(3)}, ECE ${mean(repeats.map((r) => expectedCalibrationError(r))).toFixed(3)}, out-of-fold calls with confidence < 0.6: ${mean(near).toFixed(2)} a split`);

const tuneIds = new Set(tune.map((a) => a.id));
const listed: Array<[string, Outcome[]]> = [
  ['in the tune parts, by the committed model', [...sharedTune, ...ownTune]],
  ['in the tune parts, by models of the cross-validation that did not see them', cv.filter((o) => tuneIds.has(o.article.id))],
];
for (const [what, outcomes] of listed) {
  const wrong = misclassified(outcomes);
  console.log(`\nmisclassified ${what}: ${wrong.length}`);
  for (const o of wrong) describe(o);
}

const wrongIn = new Map<string, number>();
for (const r of repeats) for (const o of misclassified(r)) wrongIn.set(o.article.id, (wrongIn.get(o.article.id) ?? 0) + 1);
console.log(`\nmisclassified in the repeated cross-validation of the tune parts (splits out of ${repeats.length}): ${wrongIn.size} articles`);
for (const [id, n] of [...wrongIn].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) console.log(`  ${id}: ${n}`);

function describe({ article, relations }: Outcome): void {
  const gold = article.label.bilateral ? `bilateral ${article.label.pair}` : 'not bilateral';
  const said = relations.kind === 'bilateral' ? `bilateral ${relations.pair}` : relations.kind;
  console.log(`  ${article.id}: label ${gold}, said ${said} (confidence ${relations.confidence})`);
  for (const s of relations.signals.slice(0, 5)) console.log(`      ${s}`);
}

function printScores(outcomes: readonly Outcome[]): void {
  const said = (o: Outcome) => o.relations.kind === 'bilateral';
  const row = (name: string, os: readonly Outcome[]) => {
    const f = figures(os);
    const falseCalls = os.filter((o) => said(o) && !o.article.label.bilateral).length;
    const missed = os.filter((o) => !said(o) && o.article.label.bilateral).length;
    return [name, String(os.length), f.f1.toFixed(3), f.pairAccuracy.toFixed(3), String(falseCalls), String(missed)];
  };
  const languages = [...new Set(outcomes.map((o) => o.article.language))].sort();
  printTable([
    ['language', 'n', 'F1', 'pair', 'false bilateral', 'missed'],
    ...languages.map((l) => row(l, outcomes.filter((o) => o.article.language === l))),
    row('overall', outcomes),
  ]);
}
