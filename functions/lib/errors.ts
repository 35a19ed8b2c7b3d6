/**
 * Named errors that carry what a run report or a rejection record needs
 * (URL, kind, whether a later attempt may succeed), with the cause chained.
 */

export type FetchErrorKind =
  | 'timeout'
  | 'too-large'
  | 'status'
  | 'network'
  | 'host-not-allowed'
  | 'redirect'
  | 'content-type'
  /** A bot challenge or block page was served instead: retried by a later run, not within this one. */
  | 'blocked';

export interface FetchErrorOptions {
  status?: number;
  cause?: unknown;
}

/** Transient failures: a later attempt (in this run or the next) may succeed. */
export function isTransient(kind: FetchErrorKind, status?: number): boolean {
  if (kind === 'timeout' || kind === 'network') return true;
  if (kind === 'status' && status !== undefined) return status === 429 || status >= 500;
  return false;
}

/**
 * The base of the pipeline's own errors, each carrying what its caller needs as fields (URL, key,
 * kind): `instanceof KazfeedError` tells them from bugs and library failures.
 */
export class KazfeedError extends Error {}

export class FetchError extends KazfeedError {
  readonly url: string;
  readonly kind: FetchErrorKind;
  readonly status?: number;
  readonly retryable: boolean;

  /** `detail` says what went wrong; the URL is appended to the message. */
  constructor(kind: FetchErrorKind, url: string, detail: string, options: FetchErrorOptions = {}) {
    super(`${detail}: ${url}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FetchError';
    this.url = url;
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    this.retryable = isTransient(kind, options.status);
  }
}

export type ProcessingStage = 'extract' | 'normalise' | 'classify';

/**
 * An exception raised while a fetched page was being turned into an article (a bug meeting
 * hostile input): the item is rejected on its first attempt, its raw page kept for reprocessing.
 */
export class ProcessingError extends KazfeedError {
  readonly stage: ProcessingStage;

  constructor(stage: ProcessingStage, cause: unknown) {
    super(`${stage} failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { cause });
    this.name = 'ProcessingError';
    this.stage = stage;
  }
}

/** Runs one processing stage, so that whatever it throws names the stage (the innermost one wins). */
export function during<T>(stage: ProcessingStage, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof ProcessingError ? error : new ProcessingError(stage, error);
  }
}

/** The first frame of an error's stack (where it was thrown), or null when it has none. */
export function firstFrame(error: unknown): string | null {
  const stack = error instanceof Error ? error.stack : undefined;
  return stack?.split('\n').find((line) => line.trimStart().startsWith('at '))?.trim() ?? null;
}

/** A thrown value's message, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "path.to.field: message" of a validation's first issue: errors name the field that failed. */
export function firstIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'invalid';
}
