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

/** The same per key (a language family, say): each key's value built on its first use, then kept. */
export function oncePer<K, T>(build: (key: K) => T): (key: K) => T {
  const built = new Map<K, T>();
  return (key) => {
    if (!built.has(key)) built.set(key, build(key));
    return built.get(key) as T;
  };
}
