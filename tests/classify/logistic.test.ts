import { describe, expect, it } from 'vitest';
import { fitLogistic, fitTemperature, predict, type Example } from '../../train/logistic.ts';

/** A noisy one-feature sample: positive mostly when x > 0.5. */
const examples: Example[] = Array.from({ length: 40 }, (_, i) => {
  const x = i / 39;
  const y = (x > 0.5) !== (i % 10 === 0) ? 1 : 0;
  return { x: [x, 0.3], y: y as 0 | 1 };
});

describe('logistic regression', () => {
  it('learns the direction and the threshold of a feature', () => {
    const fit = fitLogistic(examples, 2, 0.1);
    expect(fit.weights[0]).toBeGreaterThan(2);
    expect(predict(fit, [0.1, 0.3])).toBeLessThan(0);
    expect(predict(fit, [0.9, 0.3])).toBeGreaterThan(0);
  });

  it('stays at the prior where a strong penalty leaves the data no say', () => {
    const fit = fitLogistic(examples, 2, 1e9, [-1, 2]);
    expect(fit.weights[0]).toBeCloseTo(-1, 4);
    expect(fit.weights[1]).toBeCloseTo(2, 4);
  });

  it('is deterministic', () => {
    expect(fitLogistic(examples, 2, 1)).toEqual(fitLogistic(examples, 2, 1));
  });
});

describe('temperature calibration', () => {
  it('shrinks over-confident scores and leaves calibrated ones near 1', () => {
    // Scores of ±4 (p = 0.98) that are right only 3 times in 4 call for T < 1.
    const overconfident = Array.from({ length: 40 }, (_, i) => ({ z: i % 2 ? 4 : -4, y: ((i % 2 === 1) !== (i % 4 === 0) ? 1 : 0) as 0 | 1 }));
    const t = fitTemperature(overconfident);
    expect(t).toBeLessThan(0.5);
    expect(1 / (1 + Math.exp(-t * 4))).toBeCloseTo(0.75, 2);
  });
});
