import { pairKey, type Evidence, type StateScore } from './evidence.ts';
import type { CueKind, CueLabel } from './lexicon/types.ts';

/** The few numbers the decision rests on besides the evidence itself, all zone-weighted. */
export interface Features {
  /** The two states most likely related, stronger first; b is null when fewer than two are named. */
  readonly a: StateScore | null;
  readonly b: StateScore | null;
  /** The strongest state outside the pair. */
  readonly third: StateScore | null;
  /** Talks, meetings, calls and visits in the title, lead or first paragraph. */
  readonly talksFront: number;
  /** Every other kind of cue in the title, lead or first paragraph. */
  readonly front: Readonly<Record<Exclude<CueKind, 'bilateral' | 'host'>, number>>;
  /** States named in the title or lead by name, adjective, leader or capital. */
  readonly headStates: number;
  /** Kazakhstan is the strongest state outside the pair and hosts or mediates the pair's talks. */
  readonly kazakhstanHosts: boolean;
  readonly lists: number;
}

const TALKS: ReadonlySet<CueLabel> = new Set(['talks', 'meeting', 'phone call', 'state visit', 'official visit', 'visit']);

/** Below this a state is a passing mention, not a party. */
const PRESENT = 1;

export function extractFeatures(ev: Evidence): Features {
  const present = ev.states.filter((s) => s.score >= PRESENT);
  const candidates = present.slice(0, 4);
  let best: { a: StateScore; b: StateScore; value: number } | null = null;
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const a = candidates[i] as StateScore;
      const b = candidates[j] as StateScore;
      // A pair named together can outrank a third state mentioned more often.
      const value = Math.min(a.score, b.score) + (ev.pairs.get(pairKey(a.code, b.code))?.score ?? 0);
      if (!best || value > best.value) best = { a, b, value };
    }
  }
  const a = best ? best.a : (present[0] ?? null);
  const b = best ? best.b : null;
  const third = present.find((s) => s !== a && s !== b) ?? null;
  const front = (kind: CueKind) => ev.cues.get(kind)?.front ?? 0;
  return {
    a,
    b,
    third,
    talksFront: (ev.cues.get('bilateral')?.labels ?? []).filter((l) => TALKS.has(l.label)).reduce((sum, l) => sum + l.front, 0),
    front: {
      meeting: front('meeting'),
      multilateral: front('multilateral'),
      trilateral: front('trilateral'),
      sport: front('sport'),
      company: front('company'),
      digest: front('digest'),
      conflict: front('conflict'),
      reaction: front('reaction'),
    },
    headStates: ev.states.filter((s) => s.head >= PRESENT).length,
    kazakhstanHosts: third?.code === 'KZ' && (ev.cues.get('host')?.score ?? 0) > 0,
    lists: ev.lists,
  };
}
