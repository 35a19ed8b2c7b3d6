import type { Relations } from '../../../schemas/article.ts';
import type { Evidence, Mention, StateScore } from './evidence.ts';
import { pairKey } from './evidence.ts';
import type { Features } from './features.ts';
import type { CueKind } from './lexicon/types.ts';

/**
 * The decision is one score, z: evidence for "these two states' relations" minus
 * evidence for another reading (a summit, a match, a company, a third state, a
 * list). Each part is capped so that no single repeated word decides alone.
 * Bilateral when z > 0; the confidence is the logistic of |z|.
 */
const BIAS = 1.5;
/** The weaker party's score at which presence alone counts fully. */
const PRESENCE_FULL = 10;
/** Below this the weaker party is a passing mention. */
const PASSING = 2;
/** Steepness of the confidence curve (fitted by eye on the shared sample; see tests/eval). */
const CONFIDENCE_SLOPE = 0.9;

export type Decision = Pick<Relations, 'kind' | 'countries' | 'pair' | 'kazakhstanInvolved' | 'confidence' | 'signals'>;

interface Part {
  readonly points: number;
  readonly signal: string;
}

export function decide(ev: Evidence, f: Features): Decision {
  const parts = [...support(ev, f), ...against(ev, f)].filter((p) => p.points !== 0);
  const z = parts.reduce((sum, p) => sum + p.points, -BIAS);
  const bilateral = f.a !== null && f.b !== null && z > 0;
  const confidence = round(1 / (1 + Math.exp(-CONFIDENCE_SLOPE * Math.abs(z))));
  // Strongest first, the parts that carried the decision before those that did not.
  const ordered = [...parts].sort((p, q) => (bilateral ? q.points - p.points : p.points - q.points));
  const signals = ordered.map((p) => p.signal);
  if (bilateral) {
    const countries = [(f.a as StateScore).code, (f.b as StateScore).code].sort();
    return { kind: 'bilateral', countries, pair: countries.join('-'), kazakhstanInvolved: countries.includes('KZ'), confidence, signals };
  }
  const multi = isMultilateral(ev, f);
  return {
    kind: multi ? 'multilateral' : 'none',
    countries: multi ? participants(ev) : [],
    pair: null,
    // As in the labels: Kazakhstan is "involved" when it is one of a pair.
    kazakhstanInvolved: false,
    confidence,
    signals,
  };
}

function support(ev: Evidence, f: Features): Part[] {
  if (!f.a || !f.b) return [];
  const parts: Part[] = [];
  const presence = Math.min(f.b.score, PRESENCE_FULL) / 4;
  parts.push({ points: presence / 2, signal: stateSignal(f.a) });
  parts.push({ points: presence / 2, signal: stateSignal(f.b) });
  const link = ev.pairs.get(pairKey(f.a.code, f.b.code));
  if (link) parts.push({ points: Math.min(link.score, 9) / 4.5, signal: `${link.best.kind}: ${link.pair} ${quote(link.best)}` });
  // "On the sidelines", "a bilateral meeting": the meeting of the two is the news.
  const meeting = ev.cues.get('meeting')?.labels[0];
  if (meeting) parts.push({ points: Math.min(ev.cues.get('meeting')?.score ?? 0, 6) / 4, signal: `meeting: ${meeting.label} ${quote(meeting.best)}` });
  const cues = ev.cues.get('bilateral');
  if (cues) {
    // Shared out over the labels in proportion, so each signal shows its own weight.
    const total = Math.min(cues.score, 16) / 8;
    for (const c of cues.labels.slice(0, 4)) parts.push({ points: (total * c.score) / cues.score, signal: `cue: ${c.label} ${quote(c.best)}` });
  }
  return parts;
}

function against(ev: Evidence, f: Features): Part[] {
  const parts: Part[] = [];
  const cue = (kind: CueKind, points: number, name: string) => {
    const best = ev.cues.get(kind)?.labels[0];
    if (best && points > 0) parts.push({ points: -points, signal: `${name}: ${best.label} ${quote(best.best)}` });
  };
  // A bilateral meeting held at a summit is bilateral when the article is about it: the meeting
  // is called so, or the title and lead name just the two states and their talks.
  const aboutMeeting = f.front.meeting >= 1.5 || (f.headStates === 2 && (f.a?.head ?? 0) >= 1 && (f.b?.head ?? 0) >= 1 && f.talksFront >= 1);
  const meetingThere = aboutMeeting ? 0.3 : 1;
  cue('multilateral', (Math.min(f.front.multilateral, 8) / 1.5) * meetingThere, 'multilateral');
  cue('trilateral', Math.min(f.front.trilateral, 4), 'trilateral');
  cue('sport', Math.min(f.front.sport, 9) / 1.5, 'sports');
  cue('company', Math.min(f.front.company, 6) / 2, 'company');
  cue('digest', Math.min(f.front.digest, 3) / 1.5, 'digest');
  if (f.b && f.third) {
    const ratio = f.third.score / f.b.score;
    if (ratio >= 0.4) parts.push({ points: -Math.min(3, 4 * (ratio - 0.3)), signal: `third state: ${f.third.code} ${quote(f.third.best)}` });
  }
  if (f.headStates >= 4) parts.push({ points: -2 * (f.headStates - 3), signal: `several states in the title and lead: ${f.headStates}` });
  if (f.lists > 0) parts.push({ points: -Math.min(2, f.lists / 2), signal: 'a list of three or more states' });
  if (f.b && f.b.score < PASSING) parts.push({ points: -1.5, signal: `passing mention: ${f.b.code} ${quote(f.b.best)}` });
  if (!f.b) parts.push({ points: -3, signal: f.a ? `one state only: ${f.a.code} ${quote(f.a.best)}` : 'no state named as a party' });
  return parts;
}

/** Not about two states: a summit or organisation, or three or more states acting together. */
function isMultilateral(ev: Evidence, f: Features): boolean {
  const thirdActs = f.b !== null && f.third !== null && f.third.score >= 0.5 * f.b.score && f.third.score >= 2;
  return f.front.multilateral >= 2 || f.front.trilateral > 0 || f.headStates >= 4 || thirdActs;
}

/** The states taking part: those listed together, or named at least a quarter as much as the most named one. */
function participants(ev: Evidence): string[] {
  const top = ev.states[0]?.score ?? 0;
  return ev.states
    .filter((s) => s.score >= 1 && (ev.listed.has(s.code) || s.score >= Math.max(2, top / 4)))
    .slice(0, 12)
    .map((s) => s.code)
    .sort();
}

function stateSignal(s: StateScore): string {
  return `${s.best.role}: country ${s.code} ${quote(s.best)}`;
}

function quote(m: Mention): string {
  return `«${m.surface}»`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
