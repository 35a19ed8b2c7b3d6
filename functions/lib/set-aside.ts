import type { Store } from './store.ts';

/** `state/ingest.json` → `state/ingest.unreadable-2026-12-06T15-04-05.123Z.json`: kept for a person to look at. */
export function asideKey(key: string, now: Date): string {
  const stamp = now.toISOString().replaceAll(':', '-');
  return key.replace(/(\.json)?$/, `.unreadable-${stamp}$1`);
}

/**
 * Copies an unreadable object's bytes to an aside key next to it; the original stays until the
 * caller replaces it (If-Match the returned ETag) or deletes it. Null when there is no object.
 */
export async function setAside(store: Store, key: string, now: Date): Promise<{ key: string; etag: string | undefined } | null> {
  const object = await store.get(key);
  if (!object) return null;
  const aside = asideKey(key, now);
  await store.put(aside, object.body, { contentType: object.contentType ?? 'application/octet-stream' });
  return { key: aside, etag: object.etag };
}
