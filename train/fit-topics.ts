/**
 * Fitting the topic model of functions/process/classify/topics.ts: one L2-penalised logistic
 * regression per topic (one against the rest) over the features of `topicFeatures` (the decision
 * rule, `pickTopics`, has no parameter). Fitted on the tune parts only, like the bilateral weights; measured
 * by cross-validation repeated over the same fixed seeds, the bilateral decision's kind itself
 * coming from a model fitted on the training folds alone (train/topics-cv.ts prints them).
 */
import { decide, type Model } from '../functions/process/classify/decide.ts';
import type { Evidence } from '../functions/process/classify/evidence.ts';
import { MAX_TOPICS, pickTopics, rankTopics, TOPIC_FEATURES, topicFeatures, topicProbabilities, topicReads, type TopicFeature, type TopicModel } from '../functions/process/classify/topics.ts';
import { TOPICS, type Relations, type Topic } from '../schemas/article.ts';
import { topicFigures, type Labelled, type TopicFigures } from '../tests/classify/corpus.ts';
import { foldOf } from '../tests/classify/split.ts';
import { analysed, REPEAT_SEEDS, train } from './fit-classifier.ts';
import { fitLogistic } from './logistic.ts';

/**
 * The L2 penalty, fixed: chosen among 0.1, 0.3, 1, 3, 10, 30 by the mean Jaccard overlap of the
 * repeated 5-fold cross-validation over the tune parts (`node train/topics-cv.ts --grid`):
 * 0.632, 0.633, 0.632, 0.619, 0.585, 0.474. Stronger penalties shrink the rare topics' weights
 * toward never choosing them. (Every topic reading every feature scored 0.639 at 0.3, within
 * the noise, with spurious weights such as energy's against trade turnover: see TOPIC_READS.)
 */
export const TOPIC_LAMBDA = 0.3;
export const FOLDS = 5;

/** What the topic model sees of an article: its evidence, the decision's kind, and the gold topics. */
export interface TopicItem {
  readonly id: string;
  readonly evidence: Evidence;
  readonly kind: Relations['kind'];
  readonly gold: readonly Topic[];
}

/** The articles with the kind the given bilateral model decides for them. */
export function topicItems(articles: readonly Labelled[], model: Model): TopicItem[] {
  return articles.map((a) => {
    const { evidence, features } = analysed(a);
    return { id: a.id, evidence, kind: decide(evidence, features, model).kind, gold: a.label.topics };
  });
}

/** One logistic regression per topic, shrunk toward zero weights (the bias free). */
export function fitTopics(items: readonly TopicItem[], lambda = TOPIC_LAMBDA): TopicModel {
  const vectors = items.map((i) => topicFeatures(i.evidence, i.kind));
  const topics = {} as Record<Topic, { bias: number; weights: Partial<Record<TopicFeature, number>> }>;
  const examplesOf = (t: Topic) => items.map((item, n) => ({ x: (vectors[n] as Record<Topic, number[]>)[t], y: item.gold.includes(t) ? (1 as const) : (0 as const) }));
  for (const t of TOPICS) {
    const fit = fitLogistic(examplesOf(t), TOPIC_FEATURES.length, lambda);
    // Only the features the topic reads (the others are zero for it, and so are their weights).
    const read = topicReads(t);
    topics[t] = { bias: round(fit.bias), weights: Object.fromEntries(TOPIC_FEATURES.flatMap((f, i) => (read.has(f) ? [[f, round(fit.weights[i] as number)]] : []))) };
  }
  return { topics };
}

/** The rule the fitted model replaced (hand-set shares and minimum), kept to be measured against. */
export function handSetTopics(ev: Evidence, kind: Relations['kind']): Topic[] {
  if ((ev.cues.get('sport')?.front ?? 0) >= 3) return ['other'];
  const scores = new Map(ev.topics);
  const diplomatic = (['bilateral', 'meeting', 'multilateral'] as const).reduce((sum, k) => sum + (ev.cues.get(k)?.score ?? 0), 0);
  scores.set('diplomacy', (scores.get('diplomacy') ?? 0) + 0.5 * diplomatic);
  const turnover = ev.cues.get('bilateral')?.labels.find((l) => l.label === 'trade turnover')?.score ?? 0;
  if (turnover > 0) scores.set('trade', (scores.get('trade') ?? 0) + 0.5 * turnover);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const top = ranked[0]?.[1] ?? 0;
  const topSubject = ranked.find(([t]) => t !== 'diplomacy')?.[1] ?? 0;
  const chosen = ranked.filter(([t, s]) => s >= 2 && s >= 0.35 * (t === 'diplomacy' ? top : topSubject)).slice(0, 3).map(([t]) => t);
  if (chosen.length > 0) return chosen;
  return [kind === 'none' ? 'other' : 'diplomacy'];
}

/** Held-out probabilities of one seed's k folds, for each penalty: fitted on the other folds. */
function outOfFold(articles: readonly Labelled[], lambdas: readonly number[], seed: number, k = FOLDS) {
  const folds = foldOf(articles, k, seed);
  const out: Array<{ item: TopicItem; probabilities: Array<Record<Topic, number>> }> = [];
  for (let fold = 0; fold < k; fold++) {
    const trainArticles = articles.filter((a) => folds.get(a.id) !== fold);
    // The kind, too, from a bilateral model that has not seen the held-out fold.
    const { model } = train(trainArticles);
    const items = topicItems(articles, model);
    const trainItems = items.filter((i) => folds.get(i.id) !== fold);
    const fits = lambdas.map((lambda) => fitTopics(trainItems, lambda));
    for (const item of items) {
      if (folds.get(item.id) === fold) out.push({ item, probabilities: fits.map((m) => topicProbabilities(item.evidence, item.kind, m)) });
    }
  }
  return out;
}

/** A plain threshold as the decision rule, for comparison: those at least `threshold` probable, one to three. */
export function thresholdTopics(probabilities: Readonly<Record<Topic, number>>, threshold: number): Topic[] {
  const ranked = rankTopics(probabilities);
  const chosen = ranked.filter((t) => probabilities[t] >= threshold).slice(0, MAX_TOPICS);
  return chosen.length > 0 ? chosen : [ranked[0] as Topic];
}

/** A decision rule on the probabilities, named for the report. */
export interface TopicRule {
  readonly name: string;
  readonly pick: (probabilities: Readonly<Record<Topic, number>>) => Topic[];
}

export const EXPECTED_OVERLAP: TopicRule = { name: 'expected overlap', pick: pickTopics };

export interface TopicComparison {
  readonly handSet: TopicFigures;
  /** Per penalty, per rule. */
  readonly fitted: ReadonlyArray<{ lambda: number; rule: string; figures: TopicFigures }>;
  /** Each seed's mean Jaccard overlap: the hand-set rule's, and the fitted ones' in the order of `fitted`. */
  readonly perSeed: ReadonlyArray<{ seed: number; handSet: number; fitted: number[] }>;
}

/**
 * Repeated k-fold cross-validation over the articles: the hand-set rule (on held-out kinds) and
 * the fitted model for each penalty and decision rule; figures pooled over all seeds' held-out outcomes.
 */
export function compareTopics(articles: readonly Labelled[], lambdas: readonly number[] = [TOPIC_LAMBDA], rules: readonly TopicRule[] = [EXPECTED_OVERLAP], seeds: readonly number[] = REPEAT_SEEDS): TopicComparison {
  type Outcomes = Array<{ chosen: Topic[]; gold: readonly Topic[] }>;
  const hand: Outcomes = [];
  const fitted = lambdas.map(() => rules.map((): Outcomes => []));
  const perSeed: Array<{ seed: number; handSet: number; fitted: number[] }> = [];
  for (const seed of seeds) {
    const from = { hand: hand.length, fitted: fitted.map((byRule) => byRule.map((o) => o.length)) };
    for (const { item, probabilities } of outOfFold(articles, lambdas, seed)) {
      hand.push({ chosen: handSetTopics(item.evidence, item.kind), gold: item.gold });
      lambdas.forEach((_, l) => rules.forEach((rule, r) => {
        fitted[l]?.[r]?.push({ chosen: rule.pick(probabilities[l] as Record<Topic, number>), gold: item.gold });
      }));
    }
    perSeed.push({
      seed,
      handSet: topicFigures(hand.slice(from.hand)).jaccard,
      fitted: fitted.flatMap((byRule, l) => byRule.map((o, r) => topicFigures(o.slice(from.fitted[l]?.[r])).jaccard)),
    });
  }
  return {
    perSeed,
    handSet: topicFigures(hand),
    fitted: lambdas.flatMap((lambda, l) => rules.map((rule, r) => ({ lambda, rule: rule.name, figures: topicFigures(fitted[l]?.[r] as Outcomes) }))),
  };
}

/** Four decimals: more would only lengthen the file the process bundle carries. */
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
