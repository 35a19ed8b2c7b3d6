import { describe, expect, it } from 'vitest';
import { TOPICS, type Topic } from '../../schemas/article.ts';
import { classify } from '../../functions/process/classify/index.ts';
import type { CueScore, Evidence } from '../../functions/process/classify/evidence.ts';
import type { CueKind, CueLabel } from '../../functions/process/classify/lexicon/types.ts';
import { chooseTopics, fittedTopicModel, MAX_TOPICS, pickTopics, TOPIC_FEATURES, topicFeatures, topicProbabilities, topicReads, type TopicFeature, type TopicModel } from '../../functions/process/classify/topics.ts';

/** Probabilities: the given topics, every other one 0. */
function probs(given: Partial<Record<Topic, number>>): Record<Topic, number> {
  return Object.fromEntries(TOPICS.map((t) => [t, given[t] ?? 0])) as Record<Topic, number>;
}

const mention = { role: 'lead' as const, surface: '', weight: 1, kind: 'cue' };

/** Hand-made evidence: topic scores, and cue kinds with their score, front part and labels. */
function evidence(topics: Partial<Record<Topic, number>>, cues: Partial<Record<CueKind, { score: number; front?: number; labels?: Array<[CueLabel, number]> }>> = {}): Evidence {
  const cueMap = new Map<CueKind, CueScore>(Object.entries(cues).map(([kind, c]) => [kind as CueKind, {
    score: c.score,
    front: c.front ?? 0,
    labels: (c.labels ?? []).map(([label, score]) => ({ label, score, front: 0, best: mention })),
  }]));
  return { states: [], pairs: new Map(), cues: cueMap, lists: 0, listed: new Set(), topics: new Map(Object.entries(topics) as Array<[Topic, number]>) };
}

/** A model in which each topic's probability rises with its own score alone: sigmoid(score − 2); "other" at bias 0 (one half). */
const zeros = Object.fromEntries(TOPIC_FEATURES.map((f) => [f, 0])) as Record<TopicFeature, number>;
const byScore: TopicModel = {
  topics: Object.fromEntries(TOPICS.map((t) => [t, t === 'other' ? { bias: 0, weights: zeros } : { bias: -2, weights: { ...zeros, score: 1 } }])) as TopicModel['topics'],
};

describe('the decision rule on topic probabilities', () => {
  it('takes one topic when the second would lower the expected overlap', () => {
    // One: 0.9 / (1 + 0.3) = 0.69; two: 1.2 / 2 = 0.6.
    expect(pickTopics(probs({ trade: 0.9, energy: 0.3 }))).toEqual(['trade']);
  });

  it('takes two when the second raises it, most probable first', () => {
    // One: 0.9 / 1.5 = 0.6; two: 1.4 / 2 = 0.7; three: 1.4 / 3.
    expect(pickTopics(probs({ energy: 0.5, trade: 0.9 }))).toEqual(['trade', 'energy']);
  });

  it('takes at most three, however many are probable', () => {
    expect(pickTopics(probs({ diplomacy: 0.99, trade: 0.98, energy: 0.97, water: 0.96, culture: 0.95 }))).toEqual(['diplomacy', 'trade', 'energy']);
    expect(MAX_TOPICS).toBe(3);
  });

  it('takes at least one, however improbable all are; ties in the vocabulary\'s order', () => {
    expect(pickTopics(probs({}))).toEqual(['diplomacy']);
    // Two equally probable: together they are expected to overlap more (0.02 / 2 against 0.01 / 1.01).
    expect(pickTopics(probs({ water: 0.01, energy: 0.01 }))).toEqual(['energy', 'water']);
  });

  it('always gives one to three distinct topics, the most probable first', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 500; i++) {
      const p = Object.fromEntries(TOPICS.map((t) => [t, random() ** 3])) as Record<Topic, number>;
      const chosen = pickTopics(p);
      expect(chosen.length).toBeGreaterThanOrEqual(1);
      expect(chosen.length).toBeLessThanOrEqual(3);
      expect(new Set(chosen).size).toBe(chosen.length);
      expect(p[chosen[0] as Topic]).toBe(Math.max(...Object.values(p)));
    }
  });
});

describe('the topic features', () => {
  it('are the topic\'s score, its share of the strongest subject, whether it is that one, and what the article says besides', () => {
    const ev = evidence({ trade: 6, energy: 3, diplomacy: 8 }, {
      bilateral: { score: 4, labels: [['trade turnover', 2]] },
      meeting: { score: 1 },
      sport: { score: 0, front: 4.5 },
    });
    const f = topicFeatures(ev, 'bilateral');
    const named = (t: Topic) => Object.fromEntries(TOPIC_FEATURES.map((n, i) => [n, f[t][i]]));
    const cues = { diplomaticCues: Math.log1p(5), turnover: Math.log1p(2), sport: 0.5 };
    const none = { diplomaticCues: 0, turnover: 0, sport: 0 };
    const kind = { bilateral: 1, multilateral: 0 };
    const subjects = Math.log1p(6);
    expect(named('trade')).toEqual({ score: Math.log1p(6), share: 1, strongest: 1, subjects, ...none, turnover: cues.turnover, ...kind });
    expect(named('energy')).toEqual({ score: Math.log1p(3), share: 0.5, strongest: 0, subjects, ...none, ...kind });
    // Diplomacy is measured against the strongest topic of all, itself here, and reads the cues.
    expect(named('diplomacy')).toEqual({ score: Math.log1p(8), share: 1, strongest: 1, subjects, ...cues, ...kind });
    expect(named('water')).toEqual({ score: 0, share: 0, strongest: 0, subjects, ...none, ...kind });
    expect(named('other')).toEqual({ score: 0, share: 0, strongest: 0, subjects, ...cues, turnover: 0, ...kind });
  });

  it('are zero but for the kind when nothing is found', () => {
    const f = topicFeatures(evidence({}), 'multilateral');
    for (const t of TOPICS) expect(f[t]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe('the topics chosen by a model', () => {
  it('follow the probabilities of the model given', () => {
    // trade: sigmoid(log 7 − 2) = 0.49, energy: sigmoid(log 4 − 2) = 0.35, other 0.5, the rest 0.12.
    const ev = evidence({ trade: 6, energy: 3 });
    const p = topicProbabilities(ev, 'none', byScore);
    expect(p.other).toBe(0.5);
    expect(p.trade).toBeCloseTo(1 / (1 + Math.exp(2 - Math.log(7))), 12);
    expect(chooseTopics(ev, 'none', byScore)).toEqual(['other', 'trade', 'energy']);
    expect(chooseTopics(evidence({ trade: 60 }), 'none', byScore)).toEqual(['trade', 'other']);
  });
});

describe('the committed topic model', () => {
  it('weighs, for every topic, just the features it reads', () => {
    const model = fittedTopicModel();
    for (const t of TOPICS) {
      expect(Number.isFinite(model.topics[t].bias)).toBe(true);
      const read = topicReads(t);
      expect(Object.keys(model.topics[t].weights).sort(), t).toEqual([...read].sort());
      for (const f of read) expect(Number.isFinite(model.topics[t].weights[f]), `${t} ${f}`).toBe(true);
    }
  });

  it('calls a match between national teams "other"', () => {
    const r = classify({
      language: 'en',
      title: 'Kazakhstan national team to play friendly match against Uzbekistan',
      summary: 'ASTANA. KAZINFORM – The Kazakhstan national football team will play a friendly match against Uzbekistan in Almaty.',
      paragraphs: ['The match will take place on Tuesday.'],
    });
    expect(r.topics).toEqual(['other']);
  });

  it('calls an article on no subject "other"', () => {
    expect(classify({ language: 'en', title: 'Snow expected tomorrow', summary: 'Forecasters expect snow and strong wind.', paragraphs: [] }).topics).toEqual(['other']);
  });

  it('finds the subjects of talks between two states', () => {
    const r = classify({
      language: 'en',
      title: 'Kazakhstan and Uzbekistan discuss trade and water',
      summary: 'ASTANA. KAZINFORM – The foreign ministers of Kazakhstan and Uzbekistan held talks in Astana on trade turnover and the use of transboundary rivers.',
      paragraphs: ['The sides noted that mutual trade grew by 20 per cent. Water from the Syr Darya river and irrigation were discussed.'],
    });
    // Both all but certain: which comes first is not asserted.
    expect([...r.topics].sort()).toEqual(['trade', 'water']);
    const rail = classify({
      language: 'ru',
      title: 'Казахстан и Китай обсудили транспортные коридоры',
      summary: 'Министры транспорта Казахстана и Китая обсудили развитие железных дорог и транзит грузов.',
      paragraphs: ['Стороны договорились увеличить грузоперевозки.'],
    });
    expect(rail.topics).toEqual(['transport']);
  });
});
