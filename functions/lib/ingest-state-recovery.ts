import type { IngestState } from '../../schemas/state.ts';
import { datedKeys } from './dated-keys.ts';
import { keys } from './keys.ts';
import type { Logger } from './log.ts';
import { setAside } from './set-aside.ts';
import type { Store } from './store.ts';

/**
 * An ingest state rebuilt from the archive: every stored article and rejected item is done, so no
 * item is fetched again; the sources' validators are gone, so each source is read in full once.
 */
export async function ingestStateFromArchive(store: Store, now: Date): Promise<IngestState> {
  const items: IngestState['items'] = {};
  for (const root of ['articles', 'rejected'] as const) {
    for await (const { key } of datedKeys(store, root)) {
      const id = /([^/]+)\.json$/.exec(key)?.[1];
      if (id) items[id] = { status: 'done', attempts: 1, lastSeenAt: now.toISOString() };
    }
  }
  return { feeds: {}, sources: {}, items };
}

/**
 * An ingest state that does not parse or fit its schema (`reason`) is set aside (copied to a key
 * with a timestamp) and replaced by one rebuilt from the archive, with a warning, instead of
 * failing every run. Call under the run lease.
 */
export async function recoverIngestState(store: Store, reason: string, log: Logger, now: Date): Promise<void> {
  const aside = await setAside(store, keys.ingestState, now);
  if (!aside) return;
  const rebuilt = await ingestStateFromArchive(store, now);
  // If-Match: a state another writer has mended meanwhile is kept.
  await store.putJson(keys.ingestState, rebuilt, aside.etag ? { ifMatch: aside.etag } : {});
  log.warn(`${keys.ingestState} was unreadable (${reason}); set aside as ${aside.key} and rebuilt from the archive (${Object.keys(rebuilt.items).length} items known; each source is read in full once)`);
}
