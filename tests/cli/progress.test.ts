import { describe, expect, it } from 'vitest';
import { progressLines } from '../../cli/progress.ts';

describe('progress lines of a long command', () => {
  it('prints nothing for a command that ends within the interval, then at most one line an interval', () => {
    let clock = 1_000;
    const lines: string[] = [];
    const progress = progressLines((line) => lines.push(line), (done: number, of: number) => `${done} of ${of}`, 10_000, () => clock);
    for (const [at, done] of [[1_000, 1], [5_000, 2], [10_999, 3], [11_000, 4], [15_000, 5], [20_999, 6], [21_000, 7], [45_000, 8]] as const) {
      clock = at;
      progress(done, 8);
    }
    expect(lines).toEqual(['4 of 8', '7 of 8', '8 of 8']);
  });
});
