import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DeadlineReached, withDeadline } from '../../functions/lib/deadline.ts';

describe('withDeadline', () => {
  it('gives the value of a task that finishes in time', async () => {
    expect(await withDeadline(1_000, async () => 'page')).toEqual({ done: true, value: 'page' });
  });

  it('stops waiting at the deadline and aborts the task\'s signal with DeadlineReached', async () => {
    let seen: unknown;
    const started = Date.now();
    const outcome = await withDeadline(50, (signal) => new Promise((resolve) => {
      signal.addEventListener('abort', () => (seen = signal.reason));
      setTimeout(resolve, 5_000).unref();
    }));
    expect(outcome).toEqual({ done: false });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(seen).toBeInstanceOf(DeadlineReached);
  });

  it('does not wait for a task that ignores its signal, and its later failure goes unreported', async () => {
    const outcome = await withDeadline(20, async () => {
      await sleep(60);
      throw new Error('failed after the deadline');
    });
    expect(outcome).toEqual({ done: false });
    // Long enough for the task to fail: an unhandled rejection would fail this test file.
    await sleep(100);
  });

  it('passes on the failure of a task that fails before the deadline', async () => {
    await expect(withDeadline(1_000, async () => {
      throw new Error('store unreachable');
    })).rejects.toThrow('store unreachable');
  });
});
