import { KazfeedError } from './errors.ts';

/** The deadline a task was given has passed (the reason its signal aborts with). */
export class DeadlineReached extends KazfeedError {
  constructor(ms: number) {
    super(`deadline of ${ms} ms reached`);
    this.name = 'DeadlineReached';
  }
}

export type DeadlineOutcome<T> = { done: true; value: T } | { done: false };

/**
 * Runs `task` with a signal that aborts `ms` from now, and stops waiting for it then: resolves to
 * `{ done: false }` at the deadline whether or not the task heeds its signal. A task that does not
 * is left to finish or fail on its own, unobserved, so it must be safe to stop at any point.
 * A task that fails before the deadline rejects as usual.
 */
export async function withDeadline<T>(ms: number, task: (signal: AbortSignal) => Promise<T>): Promise<DeadlineOutcome<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DeadlineOutcome<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DeadlineReached(ms));
      resolve({ done: false });
    }, ms);
  });
  const work = task(controller.signal).then((value): DeadlineOutcome<T> => ({ done: true, value }));
  // Observed here so that a task failing after the deadline, when nobody waits for it, is no unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
