import { TOPICS, type Relations, type Topic } from '../../../schemas/article.ts';
import { once } from '../../lib/once.ts';
import type { Evidence } from './evidence.ts';
import fitted from './topic-weights.json' with { type: 'json' };

/**
 * The article's topics from a small fitted model: one logistic regression per topic (one against
 * the rest) over a few features drawn from the evidence (TOPIC_READS: which), then one rule without a parameter: the
 * one, two or three most probable topics, whichever set is expected to overlap the true topics
 * most. The weights are fitted by `npm run train:classify` (train/fit-topics.ts) on the tune
 * parts; "other" has its own model like any topic (a sports match, an article on no subject).
 */
export const TOPIC_FEATURES = [
  /** log(1 + the topic's zone-weighted lexicon score). */
  'score',
  /** Its share of the strongest subject's score (diplomacy: of the strongest topic's). */
  'share',
  /** It is that strongest one. */
  'strongest',
  /** log(1 + the strongest subject's score): how much the article is about any subject. */
  'subjects',
  /** log(1 + the bilateral, meeting and multilateral cue scores): visits, talks, summits. */
  'diplomaticCues',
  /** log(1 + the "trade turnover" cue's score). */
  'turnover',
  /** Sports cues in the title, lead and first paragraph, capped at 9, as 0..1. */
  'sport',
  /** The decision's kind. */
  'bilateral',
  'multilateral',
] as const;

export type TopicFeature = (typeof TOPIC_FEATURES)[number];

export interface TopicWeights {
  readonly bias: number;
  /** The features the topic reads (topicReads); the others weigh nothing. */
  readonly weights: Readonly<Partial<Record<TopicFeature, number>>>;
}

export interface TopicModel {
  readonly topics: Readonly<Record<Topic, TopicWeights>>;
}

/** At most this many topics. */
export const MAX_TOPICS = 3;

/** The committed model, checked on first use (so that training can run while the file is stale). */
export const fittedTopicModel = once((): TopicModel => checked(fitted));

/** What every topic's model reads: how much the article names it and any subject, and the decision's kind. */
const OWN: readonly TopicFeature[] = ['score', 'share', 'strongest', 'subjects', 'bilateral', 'multilateral'];

/**
 * The features each topic's model may read; the others are zero for it, so that a rare topic's
 * fit cannot lean on a cue that says nothing of it (energy less likely with trade turnover, say).
 * Trade reads trade turnover; diplomacy the diplomatic cues, turnover and sports; "other", which
 * has no lexicon, how much any subject is named, the diplomatic and sports cues and the kind.
 */
export const TOPIC_READS: Readonly<Record<'diplomacy' | 'trade' | 'other' | 'subject', ReadonlySet<TopicFeature>>> = {
  diplomacy: new Set([...OWN, 'diplomaticCues', 'turnover', 'sport']),
  trade: new Set([...OWN, 'turnover']),
  other: new Set(['subjects', 'diplomaticCues', 'sport', 'bilateral', 'multilateral']),
  subject: new Set(OWN),
};

export function topicReads(t: Topic): ReadonlySet<TopicFeature> {
  return t === 'diplomacy' || t === 'trade' || t === 'other' ? TOPIC_READS[t] : TOPIC_READS.subject;
}

/** The feature vector of every topic, in TOPIC_FEATURES order; zero where the topic does not read a feature. */
export function topicFeatures(ev: Evidence, kind: Relations['kind']): Record<Topic, number[]> {
  const score = (t: Topic) => ev.topics.get(t) ?? 0;
  const subjects = TOPICS.filter((t) => t !== 'diplomacy' && t !== 'other');
  const topSubject = Math.max(0, ...subjects.map(score));
  const top = Math.max(topSubject, score('diplomacy'));
  const diplomatic = (['bilateral', 'meeting', 'multilateral'] as const).reduce((sum, k) => sum + (ev.cues.get(k)?.score ?? 0), 0);
  const turnover = ev.cues.get('bilateral')?.labels.find((l) => l.label === 'trade turnover')?.score ?? 0;
  const shared = [
    Math.log1p(topSubject),
    Math.log1p(diplomatic),
    Math.log1p(turnover),
    Math.min(ev.cues.get('sport')?.front ?? 0, 9) / 9,
    kind === 'bilateral' ? 1 : 0,
    kind === 'multilateral' ? 1 : 0,
  ];
  const out = {} as Record<Topic, number[]>;
  for (const t of TOPICS) {
    const s = t === 'other' ? 0 : score(t);
    const against = t === 'diplomacy' ? top : topSubject;
    const row = [Math.log1p(s), against > 0 ? s / against : 0, s > 0 && s === against ? 1 : 0, ...shared];
    const read = topicReads(t);
    out[t] = row.map((v, i) => (read.has(TOPIC_FEATURES[i] as TopicFeature) ? v : 0));
  }
  return out;
}

/** Each topic's probability. */
export function topicProbabilities(ev: Evidence, kind: Relations['kind'], model: TopicModel = fittedTopicModel()): Record<Topic, number> {
  const features = topicFeatures(ev, kind);
  const out = {} as Record<Topic, number>;
  for (const t of TOPICS) {
    const m = model.topics[t];
    const z = features[t].reduce((sum, v, i) => sum + (m.weights[TOPIC_FEATURES[i] as TopicFeature] ?? 0) * v, m.bias);
    out[t] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/**
 * The decision rule: of the most probable topic, the two most probable and the three most probable,
 * the set whose expected overlap with the true topics is largest under these probabilities
 * (expected common topics over expected union: Σ chosen p / (chosen + Σ unchosen p)). No
 * threshold to set: a second topic is added when it is probable enough to raise the expected
 * overlap, which depends on how probable the others are.
 */
export function pickTopics(probabilities: Readonly<Record<Topic, number>>): Topic[] {
  const ranked = rankTopics(probabilities);
  const total = TOPICS.reduce((sum, t) => sum + probabilities[t], 0);
  let best = 1;
  let bestOverlap = -1;
  let inside = 0;
  for (let k = 1; k <= MAX_TOPICS; k++) {
    inside += probabilities[ranked[k - 1] as Topic];
    const overlap = inside / (k + total - inside);
    if (overlap > bestOverlap) {
      best = k;
      bestOverlap = overlap;
    }
  }
  return ranked.slice(0, best);
}

/** Every topic, most probable first; ties (hardly ever) in the vocabulary's order, so that a choice is deterministic. */
export function rankTopics(probabilities: Readonly<Record<Topic, number>>): Topic[] {
  return [...TOPICS].sort((a, b) => probabilities[b] - probabilities[a] || TOPICS.indexOf(a) - TOPICS.indexOf(b));
}

/** One to three topics, most probable first. */
export function chooseTopics(ev: Evidence, kind: Relations['kind'], model: TopicModel = fittedTopicModel()): Topic[] {
  return pickTopics(topicProbabilities(ev, kind, model));
}

/** The committed weights must name every topic and the features it reads: a stale file fails at first use, not silently. */
function checked(raw: { topics: Record<string, { bias: number; weights: Record<string, number> }> }): TopicModel {
  for (const t of TOPICS) {
    const m = raw.topics[t];
    if (!m || typeof m.bias !== 'number') throw new Error(`classify/topic-weights.json: no model for topic "${t}"; run npm run train:classify`);
    for (const name of topicReads(t)) {
      if (typeof m.weights[name] !== 'number') throw new Error(`classify/topic-weights.json: no weight for "${t}" feature "${name}"; run npm run train:classify`);
    }
  }
  return { topics: raw.topics as TopicModel['topics'] };
}
