/**
 * Counting fuzz cases: every property run through `countFuzzRuns` adds each case it executes to
 * a per-name tally, which `reportFuzzRuns` prints (and appends to `$FUZZ_COUNT_FILE` as JSON
 * lines, for the figures in docs/reliability.md). `FUZZ_SCALE=10` runs ten times as many cases.
 */
import { appendFileSync } from 'node:fs';
import type fc from 'fast-check';

const tally = new Map<string, number>();

/** The number of runs for a property, scaled by `FUZZ_SCALE` (default 1). */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Returns the property with a hook that counts every case it executes (shrinking included). */
export function countFuzzRuns<Ts extends unknown[]>(name: string, property: fc.IPropertyWithHooks<Ts>): fc.IPropertyWithHooks<Ts>;
export function countFuzzRuns<Ts extends unknown[]>(name: string, property: fc.IAsyncPropertyWithHooks<Ts>): fc.IAsyncPropertyWithHooks<Ts>;
export function countFuzzRuns<Ts extends unknown[]>(name: string, property: fc.IPropertyWithHooks<Ts> | fc.IAsyncPropertyWithHooks<Ts>) {
  tally.set(name, tally.get(name) ?? 0);
  const count = () => void tally.set(name, (tally.get(name) ?? 0) + 1);
  if (property.isAsync()) {
    return (property as fc.IAsyncPropertyWithHooks<Ts>).beforeEach(async (previous) => {
      count();
      await previous();
    });
  }
  return (property as fc.IPropertyWithHooks<Ts>).beforeEach((previous) => {
    count();
    previous();
  });
}

/** Prints the cases run per property name in this test file and their total. */
export function reportFuzzRuns(file: string): void {
  const entries = [...tally.entries()];
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  process.stderr.write(`fuzz ${file}: ${total} cases (${entries.map(([name, n]) => `${name}: ${n}`).join(', ')})\n`);
  if (process.env.FUZZ_COUNT_FILE) {
    appendFileSync(process.env.FUZZ_COUNT_FILE, `${JSON.stringify({ file, total, properties: Object.fromEntries(entries) })}\n`);
  }
}
