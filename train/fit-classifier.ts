/**
 * Fitting the relations classifier's weights on labelled articles: the feature vectors of
 * model.ts, a logistic regression (logistic.ts) with a fixed regularisation toward the hand-set
 * prior, and a temperature fitted on held-out folds so that the confidence is
 * calibrated. Used by `npm run train:classify`, the eval command and the staleness test.
 */
import type { Model } from '../functions/process/classify/decide.ts';
import { analyse, classifyAnalysed, type Analysis } from '../functions/process/classify/index.ts';
import { FEATURE_NAMES, featureVector, PRIOR, type FeatureName } from '../functions/process/classify/model.ts';
import type { Relations } from '../schemas/article.ts';
import { toInput, type Labelled, type Outcome } from '../tests/classify/corpus.ts';
import { foldOf } from '../tests/classify/split.ts';
import { fitLogistic, fitTemperature, predict, type Example, type Fit } from './logistic.ts';

/**
 * The regularisation strength, fixed. It used to be chosen per fit among 0.1-30 by the fewest
 * errors on one inner 5-fold split, and that choice was itself the noise: over the 100 fits of
 * the repeated cross-validation it landed anywhere from 0.1 (a fifth of them) to 30, so adding a
 * feature or an article could swing the whole fit. Mean errors a split over the tune parts' 20
 * splits: chosen per fit 6.65; chosen by log loss 8.30, by the errors of 3 or 5 inner splits 6.05
 * and 6.15; fixed at 1: 8.00, 3: 6.35, 10: 5.80, 30: 6.05, 100: 6.30. The temperature calibrates
 * the confidence afterwards.
 */
const LAMBDA = 10;
const FOLDS = 5;
const PRIOR_VECTOR = FEATURE_NAMES.map((n) => PRIOR.weights[n]);

export interface Trained {
  readonly model: Model;
  readonly lambda: number;
  readonly examples: number;
}

const analyses = new WeakMap<Labelled, Analysis>();

/** The evidence and features of an article, found once: the fit and the cross-validation read them many times. */
export function analysed(a: Labelled): Analysis {
  let analysis = analyses.get(a);
  if (!analysis) analyses.set(a, (analysis = analyse(toInput(a))));
  return analysis;
}

/** An article as the fit sees it; null when fewer than two states are named (never bilateral). */
function exampleOf(a: Labelled): Example | null {
  const { evidence, features } = analysed(a);
  if (!features.a || !features.b) return null;
  const values = new Map(featureVector(evidence, features).map((v) => [v.name, v.value]));
  return { x: FEATURE_NAMES.map((n) => values.get(n) ?? 0), y: a.label.bilateral ? 1 : 0 };
}

function examplesOf(articles: readonly Labelled[]): Array<{ article: Labelled; example: Example }> {
  return articles.flatMap((article) => {
    const example = exampleOf(article);
    return example ? [{ article, example }] : [];
  });
}

function modelOf(fit: Fit, temperature: number): Model {
  const weights = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, round(fit.weights[i] as number)])) as Record<FeatureName, number>;
  return { bias: round(fit.bias), weights, temperature: round(temperature) };
}

/** Held-out scores z from k folds, each fold scored by a fit on the others. */
function outOfFold(items: ReadonlyArray<{ article: Labelled; example: Example }>, lambda: number): Array<{ z: number; y: 0 | 1 }> {
  const folds = foldOf(items.map((i) => i.article), FOLDS);
  const out: Array<{ z: number; y: 0 | 1 }> = [];
  for (let k = 0; k < FOLDS; k++) {
    const train = items.filter((i) => folds.get(i.article.id) !== k).map((i) => i.example);
    const fit = fitLogistic(train, FEATURE_NAMES.length, lambda, PRIOR_VECTOR);
    for (const i of items) if (folds.get(i.article.id) === k) out.push({ z: predict(fit, i.example.x), y: i.example.y });
  }
  return out;
}

/** The deterministic fit: weights on everything, the temperature on held-out folds. */
export function train(articles: readonly Labelled[]): Trained {
  const items = examplesOf(articles);
  const fit = fitLogistic(items.map((i) => i.example), FEATURE_NAMES.length, LAMBDA, PRIOR_VECTOR);
  return { model: modelOf(fit, fitTemperature(outOfFold(items, LAMBDA))), lambda: LAMBDA, examples: items.length };
}

/**
 * K-fold cross-validation of the whole procedure (temperature included): every
 * article classified by a model trained without it.
 */
export function crossValidate(articles: readonly Labelled[], k = FOLDS, seed = 0): Array<Outcome & { fold: number }> {
  const folds = foldOf(articles, k, seed);
  const out: Array<Outcome & { fold: number }> = [];
  for (let fold = 0; fold < k; fold++) {
    const { model } = train(articles.filter((a) => folds.get(a.id) !== fold));
    for (const article of articles) {
      if (folds.get(article.id) !== fold) continue;
      const relations: Relations = classifyAnalysed(analysed(article), model);
      out.push({ article, relations, fold });
    }
  }
  return out;
}

/** Seeds of the repeated cross-validation: fixed, so that its figures are reproducible. */
export const REPEAT_SEEDS: readonly number[] = Array.from({ length: 20 }, (_, i) => i + 1);

/**
 * K-fold cross-validation repeated over several fixed reshufflings of the folds. One split's
 * error count moves by one or two with any change that flips an article near the boundary; the
 * mean over twenty splits much less. One list of held-out outcomes per seed.
 */
export function repeatedCrossValidate(articles: readonly Labelled[], seeds: readonly number[] = REPEAT_SEEDS, k = FOLDS): Array<Array<Outcome & { fold: number }>> {
  return seeds.map((seed) => crossValidate(articles, k, seed));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
