import { pMapIterable, pMapSkip } from 'p-map';
import type * as z from '../../schemas/zod.ts';
import { datePrefixes } from './keys.ts';
import { readJson, type Store, type UnreadableObject } from './store.ts';

type DatedRoot = 'articles' | 'raw' | 'rejected';

const DATED_KEY = /^[a-z]+\/(\d{4})\/(\d{2})\/(\d{2})\//;

/** The `YYYY-MM-DD` a dated key (`articles/2025/11/24/<id>.json`) belongs to, or null. */
export function keyDay(key: string): string | null {
  const match = DATED_KEY.exec(key);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/**
 * The keys under a dated root whose day is within [from, to] (inclusive, either end optional):
 * the fewest listings of years, months and days covering them when both ends are given, else one
 * listing of the root.
 */
export async function* datedKeys(store: Store, root: DatedRoot, from?: string, to?: string): AsyncGenerator<{ key: string; day: string }> {
  const prefixes = from && to ? datePrefixes(root, from, to) : [`${root}/`];
  for (const prefix of prefixes) {
    for await (const key of store.list(prefix)) {
      const day = keyDay(key);
      if (!day || (from && day < from) || (to && day > to)) continue;
      yield { key, day };
    }
  }
}

/**
 * Objects read at once by `storedJson`: each read is a round trip to S3 (tens of milliseconds from
 * outside AWS), so a year of articles read one at a time takes the better part of an hour.
 */
export const READ_AHEAD = 16;

/**
 * The JSON objects under a dated root within [from, to], read with their schema, in key order, each with its key.
 * An object that does not parse or fit the schema is passed to `unreadable` and skipped, so one
 * damaged object does not hide the rest; without `unreadable` it fails the read. Up to READ_AHEAD
 * objects are read ahead of the one yielded.
 */
export async function* storedJson<T extends z.core.$ZodType>(
  store: Store, root: 'articles' | 'rejected', schema: T, from?: string, to?: string, unreadable?: (error: UnreadableObject) => void,
): AsyncGenerator<{ key: string; value: z.infer<T> }> {
  const reads = pMapIterable(datedKeys(store, root, from, to), async ({ key }) => {
    if (!key.endsWith('.json')) return pMapSkip;
    const read = await readJson(store, key, schema);
    if (read?.error && !unreadable) throw read.error;
    return read ?? pMapSkip;
  }, { concurrency: READ_AHEAD });
  for await (const { key, value, error } of reads) {
    if (error) unreadable?.(error);
    else yield { key, value: value as z.infer<T> };
  }
}
