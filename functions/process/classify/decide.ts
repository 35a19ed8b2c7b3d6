import type { Relations } from '../../../schemas/article.ts';
import type { Evidence, StateScore } from './evidence.ts';
import type { Features } from './features.ts';
import { FEATURE_NAMES, featureVector, type FeatureName, type FeatureValue } from './model.ts';
import fitted from './weights.json' with { type: 'json' };
import { once } from '../../lib/once.ts';

/**
 * A logistic model over the named features of model.ts: z = bias + Σ weight × value, bilateral
 * when z > 0 and two states are named. Weights and the calibration temperature are fitted by
 * `npm run train:classify`; the confidence is the calibrated probability that the call is right.
 */
export interface Model {
  readonly bias: number;
  readonly weights: Readonly<Record<FeatureName, number>>;
  /** Scales z so that the probabilities match held-out outcomes (fitted on cross-validation folds). */
  readonly temperature: number;
}

/** The committed model, checked on first use (so that training can run while the file is stale). */
export const fittedModel = once((): Model => checked(fitted));

export type Decision = Pick<Relations, 'kind' | 'countries' | 'pair' | 'kazakhstanInvolved' | 'confidence' | 'signals'>;

function score(values: readonly FeatureValue[], model: Model): number {
  return values.reduce((z, v) => z + model.weights[v.name] * v.value, model.bias);
}

export function decide(ev: Evidence, f: Features, model: Model = fittedModel()): Decision {
  const values = featureVector(ev, f);
  const z = score(values, model);
  const bilateral = f.a !== null && f.b !== null && z > 0;
  const confidence = round(1 / (1 + Math.exp(-model.temperature * Math.abs(z))));
  // Strongest first: the parts that pushed toward the decision before those against it.
  const parts = values
    .map((v) => ({ points: model.weights[v.name] * v.value, signals: v.signals }))
    .filter((p) => p.points !== 0)
    .sort((p, q) => (bilateral ? q.points - p.points : p.points - q.points));
  const signals = [...new Set(parts.flatMap((p) => p.signals))];
  if (bilateral) {
    const countries = [(f.a as StateScore).code, (f.b as StateScore).code].sort();
    return { kind: 'bilateral', countries, pair: countries.join('-'), kazakhstanInvolved: countries.includes('KZ'), confidence, signals };
  }
  const multi = isMultilateral(f);
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

/** Not about two states: a summit or organisation, or three or more states acting together. */
function isMultilateral(f: Features): boolean {
  const thirdActs = f.b !== null && f.third !== null && !f.kazakhstanHosts && f.third.score >= 0.5 * f.b.score && f.third.score >= 2;
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

/** The committed weights must name every feature: a stale file fails at load, not silently. */
function checked(raw: { bias: number; weights: Record<string, number>; temperature: number }): Model {
  for (const name of FEATURE_NAMES) {
    if (typeof raw.weights[name] !== 'number') throw new Error(`classify/weights.json: no weight for feature "${name}"; run npm run train:classify`);
  }
  return { bias: raw.bias, weights: raw.weights as Record<FeatureName, number>, temperature: raw.temperature };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
