/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares), and a one-parameter temperature for calibration. Small, exact and deterministic:
 * the same data give the same weights, so a committed weights file can be checked for staleness.
 */

export interface Example {
  readonly x: readonly number[];
  /** 1 for the positive class. */
  readonly y: 0 | 1;
}

export interface Fit {
  readonly bias: number;
  readonly weights: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(fit: Fit, x: readonly number[]): number {
  return x.reduce((z, v, i) => z + (fit.weights[i] as number) * v, fit.bias);
}

/**
 * Minimises the log loss + (lambda / 2)·|w − prior|² (the bias is not penalised). Shrinking
 * toward a prior (hand-set weights) rather than toward zero lets a small sample correct the
 * hand-set weights where it has evidence, and leaves them where it has none.
 */
export function fitLogistic(examples: readonly Example[], dims: number, lambda: number, prior: readonly number[] = new Array<number>(dims).fill(0), iterations = 50): Fit {
  const size = dims + 1;
  let theta = [0, ...prior];
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(size).fill(0);
    const hess = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (const e of examples) {
      const row = [1, ...e.x];
      const p = sigmoid(row.reduce((z, v, i) => z + (theta[i] as number) * v, 0));
      const r = p - e.y;
      const w = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < size; i++) {
        grad[i] = (grad[i] as number) + r * (row[i] as number);
        const hi = hess[i] as number[];
        for (let j = 0; j < size; j++) hi[j] = (hi[j] as number) + w * (row[i] as number) * (row[j] as number);
      }
    }
    for (let i = 1; i < size; i++) {
      grad[i] = (grad[i] as number) + lambda * ((theta[i] as number) - (prior[i - 1] as number));
      (hess[i] as number[])[i] = ((hess[i] as number[])[i] as number) + lambda;
    }
    // A tiny ridge on the bias too keeps the system solvable when a class is absent.
    (hess[0] as number[])[0] = ((hess[0] as number[])[0] as number) + 1e-6;
    const step = solve(hess, grad);
    theta = theta.map((t, i) => t - (step[i] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { bias: theta[0] as number, weights: theta.slice(1) };
}

/**
 * The temperature T for which sigmoid(T·z) best matches the outcomes (log loss), found by
 * golden-section search: scores from held-out folds are typically over-confident (T < 1).
 */
export function fitTemperature(scores: ReadonlyArray<{ readonly z: number; readonly y: 0 | 1 }>): number {
  const loss = (t: number) => scores.reduce((s, { z, y }) => {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(t * z)));
    return s - (y ? Math.log(p) : Math.log(1 - p));
  }, 0);
  let lo = 0.01;
  let hi = 5;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 100; i++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (loss(a) < loss(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}

/** Gaussian elimination with partial pivoting: A·x = b. */
function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const pc = a[c] as number[];
    const d = pc[c] as number;
    if (Math.abs(d) < 1e-15) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const pr = a[r] as number[];
      const factor = (pr[c] as number) / d;
      if (factor === 0) continue;
      for (let k = c; k <= n; k++) pr[k] = (pr[k] as number) - factor * (pc[k] as number);
    }
  }
  return a.map((row, i) => {
    const d = row[i] as number;
    return Math.abs(d) < 1e-15 ? 0 : (row[n] as number) / d;
  });
}
