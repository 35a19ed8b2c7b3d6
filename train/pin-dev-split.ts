/**
 * `npm run pin:dev-split`: pins the articles added to the own development set
 * (fixtures/relations-dev) to their part of the frozen split, in fixtures/relations-dev/parts.json.
 * Articles already pinned keep their part; the new ones are split among themselves by the same
 * stratified rule on `id`, so an addition never moves an article between tune and test.
 *
 * `npm run pin:dev-split -- --tune` pins every new article to the tune part instead: for a blind
 * collection whose score on arrival, taken once before any rule is judged on it, is its held-out
 * measure, so the frozen test parts stay the articles they were. `-- --held-out` sets every new
 * article aside in the held-out part: never fitted or tuned on, measured on its own.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEV_PARTS_FILE, loadDevParts, loadDevSet, splitDevSet } from '../tests/classify/corpus.ts';
import { type Part, PARTS } from '../tests/classify/split.ts';

const { values } = parseArgs({ options: { tune: { type: 'boolean', default: false }, 'held-out': { type: 'boolean', default: false } } });
if (values.tune && values['held-out']) {
  console.error('pin:dev-split: give --tune or --held-out, not both');
  process.exit(1);
}
const articles = loadDevSet();
const pinned = loadDevParts();
const split = splitDevSet(articles, pinned, values.tune ? 'tune' : values['held-out'] ? 'heldout' : 'split');
const pinnedNow = new Map<string, Part>(PARTS.flatMap((part) => split[part].map((a) => [a.id, part] as const)));
writeFileSync(DEV_PARTS_FILE, `${JSON.stringify(Object.fromEntries([...pinnedNow].sort(([x], [y]) => (x < y ? -1 : 1))), null, 1)}\n`);
const added = articles.filter((a) => !pinned.has(a.id));
const count = (part: Part) => added.filter((a) => pinnedNow.get(a.id) === part).length;
console.log(`pin:dev-split: ${added.length} new article(s) pinned (${count('tune')} tune, ${count('test')} test, ${count('heldout')} held out), ${pinned.size} kept as they were`);
