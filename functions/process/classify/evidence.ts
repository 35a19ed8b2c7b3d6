import type { Topic } from '../../../schemas/article.ts';
import { turkicSkeleton, type Family } from './fold.ts';
import { CUES, type CueKind, type CueLabel, type MentionKind } from './lexicon/types.ts';
import type { Hit, Scan } from './scan.ts';
import type { Zone, ZoneRole } from './zones.ts';

/** How much one mention says that the article is about that state. */
const KIND_WEIGHT: Readonly<Record<MentionKind, number>> = {
  name: 1, leader: 1, side: 0.8, adjective: 0.7, capital: 0.5, region: 0.5, ethnonym: 0.4, self: 0.4,
};
/** A place named as a venue ("in Qingdao, China") says less about who is a party. */
const LOCATIVE_WEIGHT = 0.5;
/** "Kazakh-Turkmen", «Астана–Ашхабад», 中哈 say more than "Kazakhstan and Turkmenistan". */
const COMPOUND_WEIGHT = 3;
const COORDINATION_WEIGHT = 2;

export interface Evidence {
  /** Best first: everything said about it, the title and lead part, and its strongest mention. */
  readonly states: readonly StateScore[];
  readonly pairs: ReadonlyMap<string, PairScore>;
  readonly cues: ReadonlyMap<CueKind, CueScore>;
  /** Enumerations of three or more states (a list of visitors, a draw), zone-weighted. */
  readonly lists: number;
  /** The states named in those enumerations. */
  readonly listed: ReadonlySet<string>;
  readonly topics: ReadonlyMap<Topic, number>;
}

export interface StateScore {
  readonly code: string;
  readonly score: number;
  readonly head: number;
  readonly best: Mention;
}

export interface Mention {
  readonly role: ZoneRole;
  readonly surface: string;
  readonly weight: number;
  readonly kind: string;
}

export interface PairScore {
  readonly pair: string;
  readonly score: number;
  readonly head: number;
  readonly best: Mention;
}

export interface CueScore {
  readonly score: number;
  /** Title, lead and the first body paragraph: what the article is about. */
  readonly front: number;
  /** Strongest first. */
  readonly labels: ReadonlyArray<{ readonly label: CueLabel; readonly score: number; readonly front: number; readonly best: Mention }>;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

export function gatherEvidence(raw: Scan, zones: readonly Zone[]): Evidence {
  const scan = withSummitFormats(raw);
  const states = new Map<string, { score: number; head: number; best: Mention }>();
  const cueLabels = new Map<CueLabel, { score: number; front: number; best: Mention }>();
  const topics = new Map<Topic, number>();
  const isHead = (z: number) => (zones[z] as Zone).role !== 'body';
  const firstBody = zones.findIndex((zone) => zone.role === 'body');
  const isFront = (z: number) => isHead(z) || z === firstBody;

  for (const hit of scan.hits) {
    const zone = zones[hit.zone] as Zone;
    const t = hit.target;
    if (t.type === 'country') {
      const weight = KIND_WEIGHT[t.kind] * zone.weight * (hit.locative ? LOCATIVE_WEIGHT : 1);
      const s = states.get(t.code) ?? { score: 0, head: 0, best: { role: zone.role, surface: hit.surface, weight: 0, kind: t.kind } };
      s.score += weight;
      if (isHead(hit.zone) && t.kind !== 'ethnonym' && t.kind !== 'self' && !venue(t.kind, hit.locative)) s.head += weight;
      if (weight > s.best.weight) s.best = { role: zone.role, surface: hit.surface, weight, kind: t.kind };
      states.set(t.code, s);
    } else if (t.type === 'cue') {
      const weight = CUES[t.label].weight * zone.weight;
      const c = cueLabels.get(t.label) ?? { score: 0, front: 0, best: { role: zone.role, surface: hit.surface, weight: 0, kind: 'cue' } };
      c.score += weight;
      if (isFront(hit.zone)) c.front += weight;
      if (weight > c.best.weight) c.best = { role: zone.role, surface: hit.surface, weight, kind: 'cue' };
      cueLabels.set(t.label, c);
    } else if (t.type === 'topic') {
      topics.set(t.topic, (topics.get(t.topic) ?? 0) + zone.weight);
    }
  }

  const cues = new Map<CueKind, { score: number; front: number; labels: Array<{ label: CueLabel; score: number; front: number; best: Mention }> }>();
  for (const [label, c] of cueLabels) {
    const kind = CUES[label].kind;
    const k = cues.get(kind) ?? { score: 0, front: 0, labels: [] };
    k.score += c.score;
    k.front += c.front;
    k.labels.push({ label, score: c.score, front: c.front, best: c.best });
    cues.set(kind, k);
  }
  for (const k of cues.values()) k.labels.sort((a, b) => b.score - a.score);

  const { pairs, lists, listed } = linkStates(scan, zones);
  return {
    states: [...states].map(([code, s]) => ({ code, ...s })).sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1)),
    pairs,
    cues,
    lists,
    listed,
    topics,
  };
}

const REGION_CUES: ReadonlySet<CueLabel> = new Set(['Central Asia', 'Central Asian states']);
/** Only a dash or a plus between them, maybe inside quotes: «Central Asia – PRC», "Central Asia + Japan". */
const FORMAT_GAP = /^[\s«»"“”'()]*[-‑–—−+][\s«»"“”'()]*$/u;

/**
 * "Central Asia – China", «Центральная Азия – Россия», 中国—中亚: a summit format named after its
 * partner. The partner named there is the format's name, not a party: the mention becomes a
 * multilateral cue (C5+1) instead.
 */
function withSummitFormats(scan: Scan): Scan {
  const byZone = new Map<number, Hit[]>();
  for (const hit of scan.hits) {
    const list = byZone.get(hit.zone);
    if (list) list.push(hit);
    else byZone.set(hit.zone, [hit]);
  }
  const formats = new Set<Hit>();
  for (const [z, hits] of byZone) {
    const text = scan.texts[z] as string;
    const ordered = [...hits].sort((a, b) => a.start - b.start);
    for (let i = 0; i + 1 < ordered.length; i++) {
      const [x, y] = [ordered[i] as Hit, ordered[i + 1] as Hit];
      const region = (h: Hit) => h.target.type === 'cue' && REGION_CUES.has(h.target.label);
      if (!FORMAT_GAP.test(text.slice(x.end, y.start))) continue;
      if (region(x) && y.target.type === 'country') formats.add(y);
      if (region(y) && x.target.type === 'country') formats.add(x);
    }
  }
  if (formats.size === 0) return scan;
  return { ...scan, hits: scan.hits.map((h) => (formats.has(h) ? { ...h, target: { type: 'cue', label: 'C5+1' } } : h)) };
}

/** "in Tianjin", «в Астане»: a city or region named as the venue says where, not who takes part. */
function venue(kind: MentionKind, locative: boolean): boolean {
  return locative && (kind === 'capital' || kind === 'region');
}

type Link = 'dash' | 'conjunction' | 'comma' | null;

const CONJUNCTIONS: Readonly<Record<Family, ReadonlySet<string>>> = {
  en: new Set(['and', 'and the', '&']),
  ru: new Set(['и', 'с', 'со']),
  kk: new Set(['мен', 'пен', 'бен', 'және'].map(turkicSkeleton)),
  uz: new Set(['ва', 'билан', 'ҳамда'].map(turkicSkeleton)),
  zh: new Set(['和', '与', '同', '及', '跟']),
};

/**
 * The word for a region after its name ("Kostanay region and Chelyabinsk region", «Қостанай облысы
 * мен», 阿拉木图州与): the link is the word after it. Kazakh and Uzbek as skeletons.
 */
const REGION_WORD: Readonly<Record<Family, RegExp>> = {
  en: /^(?:region|province|oblast|prefecture|state|city)$/,
  ru: /^(?:област|кра[йяюе]|провинци|округ|республик|город|регион)/,
  kk: /^(?:oblis|olke|aimagh|aimaq|provins|qala|respublik)/,
  uz: /^(?:viloat|olke|provins|shahr|respublik)/,
  zh: /^[州省市区]$/,
};
/** «облысымен»: the region word carrying the "with" ending is itself the conjunction. */
const WITH_ENDING = /(?:men|pen|ben)$/;

function withoutRegionWord(family: Family, gap: string): string {
  const m = family === 'zh' ? /^(.)/u.exec(gap) : /^\s*([\p{L}\p{M}]+)/u.exec(gap);
  if (!m) return gap;
  const word = family === 'kk' || family === 'uz' ? turkicSkeleton(m[1] as string) : (m[1] as string).toLowerCase();
  if (!REGION_WORD[family].test(word)) return gap;
  return family === 'kk' && WITH_ENDING.test(word) ? ' мен ' : gap.slice(m[0].length);
}

/** What joins two consecutive state mentions: a dash (a compound), a conjunction, a comma, or nothing. */
function linkOf(family: Family, rawGap: string, afterRegion: boolean): Link {
  const gap = afterRegion ? withoutRegionWord(family, rawGap) : rawGap;
  if (/^\s*[-‑–—−]\s*$/.test(gap) || (family === 'zh' && gap === '')) return 'dash';
  if (/^\s*[,、，،]\s*$/.test(gap)) return 'comma';
  // The serial comma of "X, Y, and Z" belongs to the conjunction.
  const words = gap.trim().replace(/^,\s*/, '').toLowerCase();
  if (!/^[\s\p{L}&]+$/u.test(words) || words.length > 12) return null;
  const key = family === 'kk' || family === 'uz' ? turkicSkeleton(words) : words;
  return CONJUNCTIONS[family].has(key) ? 'conjunction' : null;
}

/**
 * Pairs named together ("Kazakh-Turkmen", "Kazakhstan and Uzbekistan", 中哈) and
 * enumerations of three or more states, zone by zone.
 */
function linkStates(scan: Scan, zones: readonly Zone[]): { pairs: Map<string, PairScore>; lists: number; listed: Set<string> } {
  const pairs = new Map<string, { pair: string; score: number; head: number; best: Mention }>();
  let lists = 0;
  const listed = new Set<string>();
  const byZone = new Map<number, Hit[]>();
  for (const hit of scan.hits) {
    if (hit.target.type !== 'country') continue;
    const list = byZone.get(hit.zone);
    if (list) list.push(hit);
    else byZone.set(hit.zone, [hit]);
  }
  for (const [z, hits] of byZone) {
    const zone = zones[z] as Zone;
    const text = scan.texts[z] as string;
    hits.sort((a, b) => a.start - b.start);
    let chain: Hit[] = [hits[0] as Hit];
    let links: Link[] = [];
    const close = () => {
      const codes = new Set(chain.map((h) => (h.target.type === 'country' ? h.target.code : '')));
      if (codes.size >= 3) {
        lists += zone.weight;
        for (const code of codes) listed.add(code);
      }
      else if (codes.size === 2 && chain.length === 2 && !chain.some((h) => h.locative)) {
        // "Kazakhstan, Uzbekistan sign..." : in a title a comma joins the two parties.
        const link = links[0] === 'comma' && zone.role === 'title' ? 'conjunction' : links[0];
        if (link === 'dash' || link === 'conjunction') {
          const [a, b] = [...codes] as [string, string];
          const weight = (link === 'dash' ? COMPOUND_WEIGHT : COORDINATION_WEIGHT) * zone.weight;
          const key = pairKey(a, b);
          const p = pairs.get(key) ?? { pair: key, score: 0, head: 0, best: { role: zone.role, surface: '', weight: 0, kind: '' } };
          p.score += weight;
          if (zone.role !== 'body') p.head += weight;
          const surface = text.slice((chain[0] as Hit).start, (chain[1] as Hit).end);
          if (weight > p.best.weight) p.best = { role: zone.role, surface, weight, kind: link === 'dash' ? 'compound' : 'coordination' };
          pairs.set(key, p);
        }
      }
    };
    for (let i = 1; i < hits.length; i++) {
      const prev = hits[i - 1] as Hit;
      const hit = hits[i] as Hit;
      const afterRegion = prev.target.type === 'country' && prev.target.kind === 'region';
      const link = hit.start === prev.start ? null : linkOf(scan.family, text.slice(prev.end, hit.start), afterRegion);
      if (link) {
        chain.push(hit);
        links.push(link);
      } else {
        close();
        chain = [hit];
        links = [];
      }
    }
    close();
  }
  return { pairs, lists, listed };
}
