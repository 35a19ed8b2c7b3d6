import { pairKey, type CueScore, type Evidence, type Mention, type StateScore } from './evidence.ts';
import type { Features } from './features.ts';
import { CUES, type CueKind, type CueLabel } from './lexicon/types.ts';

/**
 * The hand-built evidence as a fixed vector of named features, each scaled to about 0..1 and
 * capped so that no single repeated word decides alone. Their weights are fitted
 * (`npm run train:classify` → weights.json); what each one means stays readable, so the
 * parts that carried a decision can be named as signals.
 */
export const FEATURE_NAMES = [
  'weakerParty',
  'strongerParty',
  'bothInHead',
  'pairNamedTogether',
  'pairTogetherInHead',
  'bilateralCues',
  'talksInFront',
  'twoSides',
  'leadersGesture',
  'meetingAtEvent',
  'multilateral',
  'multilateralSidelines',
  'multilateralTwoAlone',
  'multilateralOutweighed',
  'trilateral',
  'sport',
  'company',
  'digest',
  'conflict',
  'reaction',
  'thirdState',
  'thirdStrongest',
  'kazakhstanOutsidePair',
  'severalStatesInHead',
  'stateLists',
  'passingMention',
  'noPair',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * The hand-set weights the fit starts from and is shrunk toward: what each piece of evidence
 * was judged worth before any data (a third state, a sports or summit context weighing
 * against; the pair named together and talks weighing for). Data move them where they can.
 */
export const PRIOR: { readonly bias: number; readonly weights: Readonly<Record<FeatureName, number>> } = {
  bias: -1.5,
  weights: {
    weakerParty: 2.5,
    strongerParty: 0,
    bothInHead: 0,
    pairNamedTogether: 2,
    pairTogetherInHead: 0,
    bilateralCues: 2,
    talksInFront: 0,
    twoSides: 0.5,
    leadersGesture: 0,
    meetingAtEvent: 1.5,
    multilateral: -5.3,
    multilateralSidelines: -1,
    multilateralTwoAlone: -2.5,
    multilateralOutweighed: -1,
    trilateral: -4,
    sport: -6,
    company: -3,
    digest: -6,
    conflict: -2,
    reaction: -1.5,
    thirdState: -4,
    thirdStrongest: -2,
    kazakhstanOutsidePair: 0,
    severalStatesInHead: -6,
    stateLists: -2,
    passingMention: -1.5,
    noPair: -3,
  },
};

export interface FeatureValue {
  readonly name: FeatureName;
  readonly value: number;
  /** What the feature saw, for the decision's signals. */
  readonly signals: readonly string[];
}

const cap = (x: number, max: number) => Math.min(x, max) / max;

/** Cues saying "the two of them": the two countries, the two peoples, both sides. */
const TWO_SIDES: ReadonlySet<CueLabel> = new Set(['two countries', 'two peoples', 'the sides', 'counterpart']);
/** Gestures between leaders. */
const GESTURES: ReadonlySet<CueLabel> = new Set(['message', 'state award']);

export function featureVector(ev: Evidence, f: Features): FeatureValue[] {
  const out: FeatureValue[] = [];
  const add = (name: FeatureName, value: number, signal: string | string[]) => {
    if (value !== 0) out.push({ name, value, signals: typeof signal === 'string' ? [signal] : signal });
  };
  const cueOf = (kind: CueKind) => ev.cues.get(kind);
  const labelSignal = (kind: CueKind, name: string) => {
    const best = cueOf(kind)?.labels[0];
    return best ? `${name}: ${best.label} ${quote(best.best)}` : name;
  };
  const { a, b } = f;

  if (a && b) {
    add('weakerParty', cap(b.score, 10), stateSignal(b));
    add('strongerParty', cap(a.score, 20), stateSignal(a));
    add('bothInHead', a.head >= 1 && b.head >= 1 ? 1 : 0, `title and lead: ${a.code} and ${b.code}`);
    const link = ev.pairs.get(pairKey(a.code, b.code));
    if (link) {
      const signal = `${link.best.kind}: ${link.pair} ${quote(link.best)}`;
      add('pairNamedTogether', cap(link.score, 9), signal);
      add('pairTogetherInHead', link.head > 0 ? 1 : 0, signal);
    }
    const bilateral = cueOf('bilateral');
    if (bilateral) add('bilateralCues', cap(bilateral.score, 16), cueList(bilateral.labels.filter((l) => !TWO_SIDES.has(l.label))));
    add('talksInFront', cap(f.talksFront, 6), 'talks, a visit or a call in the title or lead');
    const sides = (bilateral?.labels ?? []).filter((l) => TWO_SIDES.has(l.label));
    add('twoSides', cap(sides.reduce((s, l) => s + l.score, 0), 6), cueList(sides));
    // A gesture between leaders: a message, or a state order conferred on the other's leader.
    const gestures = (bilateral?.labels ?? []).filter((l) => GESTURES.has(l.label));
    if (gestures.length > 0) add('leadersGesture', cap(gestures.reduce((s, l) => s + l.front, 0), 4), cueList(gestures));
    const meeting = cueOf('meeting');
    if (meeting) add('meetingAtEvent', cap(meeting.score, 6), labelSignal('meeting', 'meeting'));
    const kz = ev.states.find((s) => s.code === 'KZ');
    // Kazakhstan hosting or mediating the pair's talks is the venue, not a third party.
    if (f.third && !f.kazakhstanHosts) add('thirdState', Math.max(0, Math.min(1.2, f.third.score / b.score) - 0.3), `third state: ${f.third.code} ${quote(f.third.best)}`);
    // A third state named more than either party: that state's dealings with each (two ambassadors
    // received in one report), not the pair's relations.
    if (f.third && !f.kazakhstanHosts && f.third.score > a.score) add('thirdStrongest', 1, `third state named most: ${f.third.code} ${quote(f.third.best)}`);
    if (kz && a.code !== 'KZ' && b.code !== 'KZ' && !f.kazakhstanHosts) add('kazakhstanOutsidePair', cap(kz.score / b.score, 2), `Kazakhstan outside the pair ${quote(kz.best)}`);
    if (b.score < PASSING) add('passingMention', 1, `passing mention: ${b.code} ${quote(b.best)}`);
  } else {
    add('noPair', 1, a ? `one state only: ${a.code} ${quote(a.best)}` : 'no state named as a party');
  }
  // A summit weighs differently when the article is about one bilateral meeting held there:
  // one called so ("on the sidelines", "a bilateral meeting"), or a headline summit whose article
  // is mostly the two states' own talks (the pair named together, bilateral cues at least as
  // strong as the summit's), or the two states alone in the title and lead with their talks. In
  // both, at most one other state may be named beyond a passing mention: a summit whose
  // participants are named is about them all, even when a speech there singles out one state.
  const multilateral = cap(f.front.multilateral, 8);
  const sidelines = f.front.meeting >= 1.5;
  const linked = f.a !== null && f.b !== null && ev.pairs.has(pairKey(f.a.code, f.b.code));
  const participants = ev.states.filter((s) => s !== f.a && s !== f.b && s.score >= PASSING).length;
  const outweighed = !sidelines && linked && participants < 2 && distinct(cueOf('bilateral')) >= distinct(cueOf('multilateral'));
  const twoAlone = !sidelines && !outweighed && participants < 2 && f.headStates === 2 && (f.a?.head ?? 0) >= 1 && (f.b?.head ?? 0) >= 1 && f.talksFront >= 1;
  add('multilateral', sidelines || twoAlone || outweighed ? 0 : multilateral, labelSignal('multilateral', 'multilateral'));
  add('multilateralSidelines', sidelines ? multilateral : 0, labelSignal('multilateral', 'multilateral, a bilateral meeting on its sidelines'));
  add('multilateralTwoAlone', twoAlone ? multilateral : 0, labelSignal('multilateral', 'multilateral, only the two states in the title and lead'));
  add('multilateralOutweighed', outweighed ? multilateral : 0, labelSignal('multilateral', 'multilateral, the two states\' own talks outweigh it'));
  add('trilateral', cap(f.front.trilateral, 4), labelSignal('trilateral', 'trilateral'));
  add('sport', cap(f.front.sport, 9), labelSignal('sport', 'sports'));
  add('company', cap(f.front.company, 6), labelSignal('company', 'company'));
  add('digest', cap(f.front.digest, 3), labelSignal('digest', 'digest'));
  add('conflict', cap(f.front.conflict, 3), labelSignal('conflict', 'a statement on a conflict'));
  // Public reaction on social media in front (users, posts, likes): what people said, not the two states' relations.
  add('reaction', cap(f.front.reaction, 3), labelSignal('reaction', 'reactions on social media'));
  add('severalStatesInHead', cap(Math.max(0, f.headStates - 3), 3), `several states in the title and lead: ${f.headStates}`);
  add('stateLists', cap(f.lists, 4), 'a list of three or more states');
  return out;
}

/**
 * What a kind of cue says, each of its cues counted once, wherever and however often it is
 * named: a summit is one event though the headline, the lead and a quote all name it, while a
 * visit, talks and the relations discussed are several things said about the two states.
 */
function distinct(cue: CueScore | undefined): number {
  return (cue?.labels ?? []).reduce((s, l) => s + CUES[l.label].weight, 0);
}

/** Below this the weaker party is a passing mention. */
const PASSING = 2;

function cueList(labels: ReadonlyArray<{ readonly label: CueLabel; readonly best: Mention }>): string[] {
  return labels.slice(0, 4).map((l) => `cue: ${l.label} ${quote(l.best)}`);
}

function stateSignal(s: StateScore): string {
  return `${s.best.role}: country ${s.code} ${quote(s.best)}`;
}

function quote(m: Mention): string {
  return `«${m.surface}»`;
}
