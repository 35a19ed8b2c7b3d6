/**
 * `npm run pin:dev-split`: pins the articles added to the own development set
 * (fixtures/relations-dev) to their part of the frozen split, in fixtures/relations-dev/parts.json.
 * Articles already pinned keep their part; the new ones are split among themselves by the same
 * stratified rule on `id`, so an addition never moves an article between tune and test.
 *
 * `npm run pin:dev-split -- --tune` pins every new article to the tune part instead: for a blind
 * collection whose score on arrival, taken once before any rule is judged on it, is its held-out
 * measure, so the frozen test parts stay the articles they were.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEV_PARTS_FILE, loadDevParts, loadDevSet, splitDevSet } from '../tests/classify/corpus.ts';

const { values } = parseArgs({ options: { tune: { type: 'boolean', default: false } } });
const articles = loadDevSet();
const pinned = loadDevParts();
const testIds = new Set(splitDevSet(articles, pinned, values.tune ? 'tune' : 'split').test.map((a) => a.id));
const parts = Object.fromEntries(articles.map((a) => a.id).sort().map((id) => [id, testIds.has(id) ? 'test' : 'tune']));
const added = articles.filter((a) => !pinned.has(a.id));
writeFileSync(DEV_PARTS_FILE, `${JSON.stringify(parts, null, 1)}\n`);
console.log(`pin:dev-split: ${added.length} new article(s) pinned (${added.filter((a) => testIds.has(a.id)).length} test), ${pinned.size} kept as they were`);
