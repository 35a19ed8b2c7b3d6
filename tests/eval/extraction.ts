/**
 * `npm run eval:extraction`: field-by-field accuracy of the process stage on the sample pages
 * against their hand-written expectations (fixtures/kazinform-site/site.json).
 */
import type { Article } from '../../schemas/article.ts';
import { compareWithGolden, goldenArticles, processSamplePage } from '../support/golden.ts';

const goldens = await goldenArticles();
const totals: Record<string, { ok: number; all: number }> = {};
const misses: string[] = [];
let invalid = 0;
for (const golden of goldens) {
  const { article } = await processSamplePage(golden);
  if (!article) {
    invalid += 1;
    misses.push(`${golden.id}: invalid article`);
    continue;
  }
  for (const [field, ok] of Object.entries(compareWithGolden(article as Article, golden))) {
    const t = (totals[field] ??= { ok: 0, all: 0 });
    t.all += 1;
    if (ok) t.ok += 1;
    else misses.push(`${golden.id}: ${field}`);
  }
}
console.log(`${goldens.length} sample pages, ${invalid} invalid`);
console.log('field'.padEnd(20), 'accuracy');
for (const [field, t] of Object.entries(totals)) console.log(field.padEnd(20), `${t.ok}/${t.all}`, `${((100 * t.ok) / t.all).toFixed(1)}%`);
const ok = Object.values(totals).reduce((n, t) => n + t.ok, 0);
const all = Object.values(totals).reduce((n, t) => n + t.all, 0);
console.log('all fields'.padEnd(20), `${ok}/${all}`, `${((100 * ok) / all).toFixed(1)}%`);
if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
