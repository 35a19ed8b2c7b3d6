/**
 * The frozen split of a labelled sample: a fixed rule on `id`, decided before any tuning.
 * Within each stratum (language × bilateral or not) articles are ordered by a hash of their id;
 * every third, from the second on, is the held-out test part. Stratifying keeps each language's
 * test share near a third even in a small sample, where a plain hash modulo would not.
 */
import { createHash } from 'node:crypto';

export interface Splittable {
  readonly id: string;
  readonly language: string;
  readonly label: { readonly bilateral: boolean };
}

/**
 * `heldout`: a collection written blind and set aside whole when it was added: never fitted or
 * tuned on, its errors never listed, measured apart from the test part it did not share a draw with.
 */
export const PARTS = ['tune', 'test', 'heldout'] as const;
export type Part = (typeof PARTS)[number];

/** Where articles not yet pinned go: split by the rule, or all to one part. */
export type Unpinned = 'split' | 'tune' | 'heldout';

export interface Parts<T> {
  readonly tune: T[];
  readonly test: T[];
  readonly heldout: T[];
}

const SALT = 'kazfeed-classify-split-v1';

function rank(id: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${id}`).digest('hex');
}

/** Groups by language and label, each group ordered by the hash of its ids. */
function strata<T extends Splittable>(articles: readonly T[], salt: string): T[][] {
  const groups = new Map<string, T[]>();
  for (const a of articles) {
    const key = `${a.language}|${a.label.bilateral}`;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  return [...groups.keys()].sort().map((key) => {
    const group = groups.get(key) as T[];
    return group.map((a) => [rank(a.id, salt), a] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([, a]) => a);
  });
}

/** Which part each article belongs to: about a third `test`, stratified by language and label. */
export function partOf<T extends Splittable>(articles: readonly T[]): Map<string, Part> {
  const parts = new Map<string, Part>();
  for (const group of strata(articles, SALT)) group.forEach((a, i) => parts.set(a.id, i % 3 === 1 ? 'test' : 'tune'));
  return parts;
}

export function split<T extends Splittable>(articles: readonly T[]): Parts<T> {
  return splitPinned(articles, new Map());
}

/**
 * The split of a sample that grows by additions: an article pinned to a part keeps it, and the
 * others are split among themselves by the rule above. Without pins an addition redraws the
 * strata, moving articles that were tuned on into the test part and test articles into training.
 * With `unpinned: 'tune'` the others all go to the tune part: a blind collection whose score on
 * arrival is its held-out measure, tuned on from then on; with `'heldout'` they are set aside whole.
 */
export function splitPinned<T extends Splittable>(articles: readonly T[], pinned: ReadonlyMap<string, Part>, unpinned: Unpinned = 'split'): Parts<T> {
  const fresh = unpinned === 'split' ? partOf(articles.filter((a) => !pinned.has(a.id))) : new Map<string, Part>();
  const part = (a: T) => pinned.get(a.id) ?? (unpinned === 'split' ? fresh.get(a.id) : unpinned);
  return { tune: articles.filter((a) => part(a) === 'tune'), test: articles.filter((a) => part(a) === 'test'), heldout: articles.filter((a) => part(a) === 'heldout') };
}

/**
 * K stratified folds (index 0..k-1 per article), for cross-validation. Seed 0 is the fixed split
 * the weights' fit and the single cross-validation use; other seeds reshuffle within each stratum,
 * for cross-validation repeated over several splits.
 */
export function foldOf<T extends Splittable>(articles: readonly T[], k: number, seed = 0): Map<string, number> {
  const folds = new Map<string, number>();
  let offset = 0;
  // Continuing the count across strata spreads small strata over different folds.
  for (const group of strata(articles, seed === 0 ? `${SALT}:folds` : `${SALT}:folds:${seed}`)) {
    group.forEach((a, i) => folds.set(a.id, (offset + i) % k));
    offset += group.length;
  }
  return folds;
}
