/**
 * Extraction agreement between two texts of the same page: precision, recall and F1 over their
 * bags of words. Words are runs of letters and digits, lower-cased after NFC; Han characters count
 * one by one (Chinese has no spaces). Recall is the share of our words that the other extractor
 * also found, precision the share of its words that we also found.
 */
const TOKEN = /\p{Script=Han}|[\p{L}\p{M}\p{N}]+/gu;

export function tokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.normalize('NFC').toLowerCase().matchAll(TOKEN)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return counts;
}

function size(bag: Map<string, number>): number {
  let n = 0;
  for (const c of bag.values()) n += c;
  return n;
}

export interface Agreement {
  precision: number;
  recall: number;
  f1: number;
}

/** Bag-of-words agreement of `other` with `ours` (1 = the same words, as often). */
export function agreement(ours: string, other: string): Agreement {
  const a = tokens(ours);
  const b = tokens(other);
  let overlap = 0;
  for (const [word, count] of a) overlap += Math.min(count, b.get(word) ?? 0);
  const na = size(a);
  const nb = size(b);
  if (na === 0 && nb === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = nb ? overlap / nb : 0;
  const recall = na ? overlap / na : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function meanAgreement(pairs: readonly Agreement[]): Agreement {
  const n = pairs.length || 1;
  return {
    precision: pairs.reduce((s, p) => s + p.precision, 0) / n,
    recall: pairs.reduce((s, p) => s + p.recall, 0) / n,
    f1: pairs.reduce((s, p) => s + p.f1, 0) / n,
  };
}
