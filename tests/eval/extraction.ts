/**
 * `npm run eval:extraction`: field-by-field accuracy of the process stage on the sample pages
 * against their hand-written expectations (fixtures/kazinform-site/site.json), per version of the
 * Kazinform markup the pages are written in, then over all of them. `extractor` is a field too:
 * whether the page was read by the version of its markup. A last column reads the newest
 * version's pages with its markers hidden: what the JSON-LD, meta and generic fallbacks alone make
 * of that markup (as they did before the version existed).
 */
import type { Article } from '../../schemas/article.ts';
import { compareWithGolden, type GoldenArticle, goldenArticles, processSamplePage } from '../support/golden.ts';

type Totals = Record<string, { ok: number; all: number }>;
interface Column { pages: number; invalid: number; totals: Totals }

const NEWEST = 'kazinform@2026-08';
/** Renames the container that marks the 2026 markup: no version fits the page any more. */
const hideMarkers = (html: string) => html.replaceAll('article__content', 'article__text');

const goldens = await goldenArticles();
const columns = new Map<string, Column>();
const misses: string[] = [];

async function evaluate(name: string, golden: GoldenArticle, rewrite?: (html: string) => string) {
  const column = columns.get(name) ?? { pages: 0, invalid: 0, totals: {} };
  columns.set(name, column);
  column.pages += 1;
  const { article } = await processSamplePage(golden, rewrite);
  if (!article) {
    column.invalid += 1;
    misses.push(`${name}: ${golden.id}: invalid article`);
    return;
  }
  for (const [field, ok] of Object.entries(compareWithGolden(article as Article, golden))) {
    const t = (column.totals[field] ??= { ok: 0, all: 0 });
    t.all += 1;
    if (ok) t.ok += 1;
    else misses.push(`${name}: ${golden.id}: ${field}`);
  }
}

for (const golden of goldens) {
  await evaluate(golden.expected.extractor, golden);
  await evaluate('all', golden);
}
for (const golden of goldens.filter((g) => g.expected.extractor === NEWEST)) await evaluate(`${NEWEST} pages, fallbacks only`, golden, hideMarkers);

const cell = (t: { ok: number; all: number } | undefined) => (t ? `${`${t.ok}/${t.all}`.padEnd(8)} ${((100 * t.ok) / t.all).toFixed(1)}%` : '-');
const sum = (totals: Totals) => Object.values(totals).reduce((n, t) => ({ ok: n.ok + t.ok, all: n.all + t.all }), { ok: 0, all: 0 });
// The versions, oldest first, then the fallbacks' column, then all pages.
const names = [...[...columns.keys()].filter((n) => n.startsWith('kazinform@') && !n.includes(' ')).sort(), `${NEWEST} pages, fallbacks only`, 'all'];
const headers = names.map((n) => `${n} (${columns.get(n)?.pages} pages, ${columns.get(n)?.invalid} invalid)`);
const row = (first: string, cells: string[]) => [first.padEnd(20), ...cells.map((c, i) => c.padEnd((headers[i] as string).length + 2))].join('').trimEnd();
console.log(`${goldens.length} sample pages`);
console.log(row('field', headers));
for (const field of Object.keys(columns.get('all')?.totals ?? {})) console.log(row(field, names.map((n) => cell(columns.get(n)?.totals[field]))));
console.log(row('all fields', names.map((n) => cell(sum(columns.get(n)?.totals ?? {})))));
if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
