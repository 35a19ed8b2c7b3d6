/**
 * `npm run eval:classify`: the classifier's figures on the shared labelled sample,
 * per language and overall, with the misclassified ids and their signals.
 * Skips (exit 0) when ../shared/corpus is absent.
 */
import { classify } from '../../functions/process/classify/index.ts';
import { CORPUS_FILE, classifyAll, corpusAvailable, figures, loadCorpus, misclassified, type Figures, type Outcome } from '../classify/corpus.ts';

if (!corpusAvailable()) {
  console.log(`eval:classify skipped: no labelled corpus at ${CORPUS_FILE}`);
  process.exit(0);
}

const outcomes = classifyAll(loadCorpus(), classify);
const languages = [...new Set(outcomes.map((o) => o.article.language))];

const pct = (x: number) => x.toFixed(3);
const header = ['language', 'n', 'bilat', 'precision', 'recall', 'F1', 'pair acc', 'pair/gold', 'KZ acc', 'topics J', 'Brier'];
const row = (name: string, f: Figures) => [
  name, String(f.articles), String(f.goldBilateral), pct(f.precision), pct(f.recall), pct(f.f1),
  pct(f.pairAccuracy), pct(f.pairRecall), pct(f.kazakhstanAccuracy), pct(f.topicOverlap), pct(f.brier),
];
const rows = [header, ...languages.map((l) => row(l, figures(outcomes.filter((o) => o.article.language === l)))), row('overall', figures(outcomes))];
const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
for (const r of rows) console.log(r.map((cell, i) => cell.padStart(widths[i] as number)).join('  '));

console.log('\ncalibration (confidence that the bilateral call is right):');
for (let tenth = 5; tenth < 10; tenth++) {
  const bin = outcomes.filter((o) => Math.min(9, Math.floor(o.relations.confidence * 10)) === tenth);
  if (bin.length === 0) continue;
  const right = bin.filter((o) => (o.relations.kind === 'bilateral') === o.article.label.bilateral).length;
  console.log(`  ${(tenth / 10).toFixed(1)}–${((tenth + 1) / 10).toFixed(1)}: ${String(bin.length).padStart(3)} articles, ${pct(right / bin.length)} right`);
}

const wrong = misclassified(outcomes);
console.log(`\nmisclassified: ${wrong.length}`);
for (const o of wrong) console.log(describe(o));

function describe({ article, relations }: Outcome): string {
  const gold = article.label.bilateral ? `bilateral ${article.label.pair}` : 'not bilateral';
  const said = relations.kind === 'bilateral' ? `bilateral ${relations.pair}` : relations.kind;
  return `  ${article.id}: label ${gold}, said ${said} (confidence ${relations.confidence})\n` +
    relations.signals.slice(0, 6).map((s) => `      ${s}`).join('\n');
}
