import type { Target } from './lexicon/types.ts';
import { ZH_ABBREVIATIONS, ZH_OBJECT_ABBREVIATIONS, ZH_OBJECT_BREAKERS, ZH_OBJECT_PREFIXES, ZH_RUN_BREAKERS } from './lexicon/zh.ts';

/** Chinese has no word boundaries: a character trie, matched longest-first at every position. */
interface CharNode {
  readonly next: Map<string, CharNode>;
  targets: Target[] | null;
}

export interface ChineseMatcher {
  readonly root: CharNode;
}

export interface ChineseMatch {
  readonly targets: readonly Target[];
  readonly start: number;
  readonly end: number;
  /** For a one-character abbreviation: every state it may stand for (乌: UZ or UA). */
  readonly candidates?: readonly string[];
}

export function buildChineseMatcher(phrases: ReadonlyMap<string, readonly Target[]>): ChineseMatcher {
  const root: CharNode = { next: new Map(), targets: null };
  for (const [phrase, targets] of phrases) {
    let node = root;
    for (const ch of phrase) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), targets: null }));
      node = child;
    }
    node.targets = [...targets];
  }
  return { root };
}

function longestAt(m: ChineseMatcher, text: string, i: number): { len: number; targets: Target[] } | null {
  let node: CharNode | undefined = m.root;
  let best: { len: number; targets: Target[] } | null = null;
  for (let j = i; j < text.length; j++) {
    node = node.next.get(text[j] as string);
    if (!node) break;
    if (node.targets) best = { len: j - i + 1, targets: node.targets };
  }
  return best;
}

// 日 after a number or a day word is a date (3日, 今日), not Japan.
const DAY_BEFORE = /[0-9０-９〇一二三四五六七八九十今昨明前后每当节生次同]/u;

/**
 * At each position: a full name or a stop phrase of 3+ characters wins; then a run of
 * abbreviations (中哈, 中吉乌) or an abbreviation + 方 (哈方); then a 2-character name.
 */
export function scanChinese(m: ChineseMatcher, text: string): ChineseMatch[] {
  const out: ChineseMatch[] = [];
  for (let i = 0; i < text.length; ) {
    const found = partOfPersonalName(text, i, longestAt(m, text, i));
    if (found && (found.len >= 3 || found.targets.some((t) => t.type === 'stop'))) {
      out.push({ targets: found.targets, start: i, end: i + found.len });
      i += found.len;
      continue;
    }
    const object = prefixedAbbreviation(m, text, i, found);
    if (object.length > 0) {
      out.push(...object);
      i += 2;
      continue;
    }
    const run = abbreviationRun(m, text, i);
    if (run.length > 0) {
      out.push(...run);
      i = (run[run.length - 1] as ChineseMatch).end;
      continue;
    }
    if (found) {
      out.push({ targets: found.targets, start: i, end: i + found.len });
      i += found.len;
    } else i++;
  }
  return out;
}

/**
 * Transliterated personal names join their parts with "·" (沙阿·苏丹·侯赛因): a country
 * name glued to one is a part of a name (苏丹 is also "sultan"), not the state.
 */
function partOfPersonalName(text: string, i: number, found: { len: number; targets: Target[] } | null): { len: number; targets: Target[] } | null {
  if (!found || !found.targets.some((t) => t.type === 'country')) return found;
  return NAME_DOT.has(text[i - 1] ?? '') || NAME_DOT.has(text[i + found.len] ?? '') ? null : found;
}

const NAME_DOT = new Set(['·', '•', '・']);

function abbreviationRun(m: ChineseMatcher, text: string, i: number): ChineseMatch[] {
  if (!isAbbreviation(text, i) || ZH_RUN_BREAKERS.has(text[i - 1] ?? '')) return [];
  let j = i + 1;
  const chars = [text[i] as string];
  while (j < text.length && isAbbreviation(text, j) && !chars.includes(text[j] as string) && (longestAt(m, text, j)?.len ?? 0) < 2) {
    chars.push(text[j] as string);
    j++;
  }
  // 其中俄方: before 方 only the last character is a side (俄方), the rest belongs to another word.
  if (chars.length >= 2 && text[j] === '方') return abbreviationRun(m, text, j - 1);
  // In a run each character stands for its state as an adjective does in "Kazakh-Chinese".
  const kind = chars.length >= 2 ? (ZH_RUN_BREAKERS.has(text[j] ?? '') ? null : 'adjective') : text[j] === '方' ? 'side' : null;
  if (!kind) return [];
  return chars.map((ch, k) => {
    const candidates = ABBREVIATIONS.get(ch) as readonly string[];
    const end = kind === 'side' ? i + 2 : i + k + 1;
    return { targets: [{ type: 'country', code: candidates[0] as string, kind }], start: i + k, end, candidates };
  });
}

/**
 * 访华, 对哈, 驻俄, 与美: a one-character state after a verb or preposition that takes a place or
 * partner. The state counts as a side; what the pair of characters also means (访华: a visit)
 * is kept.
 */
function prefixedAbbreviation(m: ChineseMatcher, text: string, i: number, found: { len: number; targets: Target[] } | null): ChineseMatch[] {
  if (!ZH_OBJECT_PREFIXES.has(text[i] as string)) return [];
  const ch = text[i + 1] ?? '';
  const candidates = ZH_OBJECT_ABBREVIATIONS[ch];
  if (!candidates || ZH_OBJECT_BREAKERS[ch]?.includes(text[i + 2] ?? '') || (longestAt(m, text, i + 1)?.len ?? 0) >= 2) return [];
  const also = found && found.len === 2 ? found.targets.filter((t) => t.type === 'cue') : [];
  return [
    ...(also.length > 0 ? [{ targets: also, start: i, end: i + 2 }] : []),
    { targets: [{ type: 'country', code: candidates[0] as string, kind: 'side' }], start: i + 1, end: i + 2, candidates },
  ];
}

const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(ZH_ABBREVIATIONS));

function isAbbreviation(text: string, i: number): boolean {
  const ch = text[i] as string;
  if (!ABBREVIATIONS.has(ch)) return false;
  return ch !== '日' || !DAY_BEFORE.test(text[i - 1] ?? '');
}
