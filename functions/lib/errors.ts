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
function isTransient(kind: FetchErrorKind, status?: number): boolean {
  if (kind === 'timeout' || kind === 'network') return true;
  if (kind === 'status' && status !== undefined) return status === 429 || status >= 500;
  return false;
}

export class FetchError extends Error {
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

export class ExtractError extends Error {
  readonly url: string;
  readonly field?: string;

  constructor(url: string, detail: string, options: { field?: string; cause?: unknown } = {}) {
    super(`${options.field === undefined ? '' : `${options.field}: `}${detail}: ${url}`,
      options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExtractError';
    this.url = url;
    if (options.field !== undefined) this.field = options.field;
  }
}

export class ValidationRejected extends Error {
  readonly url: string;
  readonly issues: unknown[];

  constructor(url: string, issues: unknown[], options: { cause?: unknown } = {}) {
    super(`validation failed with ${issues.length} issue${issues.length === 1 ? '' : 's'}: ${url}`,
      options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ValidationRejected';
    this.url = url;
    this.issues = issues;
  }
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
