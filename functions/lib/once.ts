/**
 * A value built on its first use, not at import, then kept: patterns, matchers, compiled schemas
 * and formats that cost milliseconds to build and that a cold start may never need (Lambda init
 * time counts; see bench/README.md).
 */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
