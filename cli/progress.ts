/** How often a long command says how far it has got. */
export const PROGRESS_EVERY_MS = 10_000;

/**
 * A progress line for a long command (a check of a year's store reads for minutes), at most one
 * every `everyMs`: the first once `everyMs` has passed, so a command that ends sooner prints none.
 */
export function progressLines<A extends unknown[]>(write: (line: string) => void, line: (...at: A) => string, everyMs = PROGRESS_EVERY_MS, now: () => number = Date.now): (...at: A) => void {
  let last = now();
  return (...at) => {
    const time = now();
    if (time - last < everyMs) return;
    last = time;
    write(line(...at));
  };
}
