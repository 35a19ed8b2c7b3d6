import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import { READ_AHEAD } from '../../functions/lib/dated-keys.ts';
import { keys } from '../../functions/lib/keys.ts';
import type { Store } from '../../functions/lib/store.ts';

/**
 * Copies the store's daily files and series into `dir` (as `daily/<name>`, `series/<name>`),
 * since DuckDB reads files; READ_AHEAD at once, as a year's archive is hundreds of round trips to
 * S3. Only what the views read is copied: files directly under each folder (a key with a further
 * `/` in it, `..` too, names no file of the archive, and is not written outside `dir`).
 */
export async function copyArchive(store: Store, dir: string): Promise<void> {
  const folders = { daily: keys.daily('').replace(/\.ndjson\.gz$/, ''), series: keys.seriesPrefix };
  // The first failure is thrown once the copies under way have ended, so that the caller's removal
  // of `dir` does not race them; no copy starts after it.
  let failure: { error: unknown } | undefined;
  for (const [folder, prefix] of Object.entries(folders)) {
    await mkdir(join(dir, folder), { recursive: true });
    await pMap(store.list(prefix), async (key) => {
      const name = key.slice(prefix.length);
      if (failure || !name || name.includes('/') || name === '..' || name === '.') return;
      try {
        const object = await store.get(key);
        if (object) await writeFile(join(dir, folder, name), object.body);
      } catch (error) {
        failure ??= { error };
      }
    }, { concurrency: READ_AHEAD });
    if (failure) throw failure.error;
  }
}
