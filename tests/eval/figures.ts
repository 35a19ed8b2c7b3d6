/**
 * `npm run eval:figures`: what stated figures measure and for when, measured on the labelled
 * paragraphs of fixtures/figures: precision and recall of (metric, period, value) per language,
 * on the tune part the rules were adjusted on and on the parts they never were: the frozen test
 * part of the first two sets (the same split rule as the classifier's), the held-out fourth set,
 * and both together; with direction and change accuracy. Errors are listed for the tune part only.
 */
import { loadLabelledFigures, scoreParagraph, setOf, splitLabelledFigures, totals } from '../figures/labelled.ts';
import { printTable } from './table.ts';

const all = loadLabelledFigures();
const parts = splitLabelledFigures(all);
const tune = parts.tune.map(scoreParagraph);
const unseen = parts.test.map(scoreParagraph);
const test = unseen.filter((s) => setOf(s.paragraph.id) !== 'h');
const held = unseen.filter((s) => setOf(s.paragraph.id) === 'h');

const cell = (s: ReturnType<typeof scoreParagraph>[]) => {
  if (s.length === 0) return '—';
  const t = totals(s);
  return `${String(t.gold).padStart(3)} ${t.precision.toFixed(3)} ${t.recall.toFixed(3)} ${(t.matched ? t.directionRight / t.matched : 1).toFixed(2)} ${(t.matched ? t.changeRight / t.matched : 1).toFixed(2)}`;
};
const languages = [...new Set(all.map((p) => p.language))].sort();
const columns = [tune, test, held, unseen];
const header = 'gold    P     R   dir  chg';
const rows = [
  ['language', 'tune', 'TEST (sets 1–2)', 'HELD OUT (set 4)', 'TEST + HELD OUT'],
  ['', ...columns.map(() => header)],
  ...languages.map((l) => [l, ...columns.map((c) => cell(c.filter((s) => s.paragraph.language === l)))]),
  ['overall', ...columns.map(cell)],
];
printTable(rows);
console.log('\nP, R: precision and recall of (metric, period, value); dir, chg: direction and change right among figures found.');

// Targets, plans and forecasts, where sets label them (the first, second and fourth).
const plannedCell = (s: ReturnType<typeof scoreParagraph>[]) => {
  const p = totals(s).planned;
  if (p.labelled === 0) return '—';
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b).toFixed(3);
  return `${String(p.labelled).padStart(3)} ${String(p.right + p.missed).padStart(3)} ${ratio(p.right, p.right + p.wrong)} ${ratio(p.right, p.right + p.missed)}`;
};
console.log('\nplanned (a target, plan or forecast), among figures found whose label says:');
printTable([
  ['language', 'tune', 'TEST (sets 1–2)', 'HELD OUT (set 4)', 'TEST + HELD OUT'],
  ['', ...columns.map(() => 'lab true    P     R')],
  ...languages.map((l) => [l, ...columns.map((c) => plannedCell(c.filter((s) => s.paragraph.language === l)))]),
  ['overall', ...columns.map(plannedCell)],
]);

const errors = tune.filter((s) => s.missed.length > 0 || s.wrong.length > 0 || s.plannedErrors.length > 0);
console.log(`\ntune paragraphs with an error: ${errors.length}`);
for (const s of errors) {
  console.log(`  ${s.paragraph.id}`);
  for (const m of s.missed) console.log(`      missed ${m}`);
  for (const w of s.wrong) console.log(`      said   ${w}`);
  for (const e of s.plannedErrors) console.log(`      ${e}`);
}
