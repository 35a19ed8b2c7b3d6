import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedS3, startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { READ_AHEAD, storedJson } from '../../functions/lib/dated-keys.ts';
import type { UnreadableObject } from '../../functions/lib/store.ts';
import { CountingStore } from '../support/counting-store.ts';
import * as z from '../../schemas/zod.ts';

const Numbered = z.object({ n: z.number() });

describe('storedJson', () => {
  let home: string;
  let s3: EmbeddedS3;
  const key = (day: number, n: number) => `rejected/2025/11/0${day}/item-${String(n).padStart(2, '0')}.json`;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-dated-keys-'));
    s3 = await startEmbeddedS3(home);
    for (const day of [1, 2]) {
      for (let n = 0; n < 30; n++) await s3.store.putJson(key(day, n), { n: day * 100 + n });
    }
    await s3.store.put(key(1, 7), '{"n":', { contentType: 'application/json' });
    await s3.store.put(key(2, 3), '{"n":"three"}', { contentType: 'application/json' });
    await s3.store.put('rejected/2025/11/02/notes.txt', 'not JSON, not read', { contentType: 'text/plain' });
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('yields every readable object in key order, names the unreadable ones in order, and reads ahead at most READ_AHEAD at once', async () => {
    const store = new CountingStore(s3.store);
    const unreadable: string[] = [];
    const read: string[] = [];
    for await (const { key: at, value } of storedJson(store, 'rejected', Numbered, undefined, undefined, (error: UnreadableObject) => unreadable.push(error.key))) {
      read.push(at);
      const [, day, n] = /\/0(\d)\/item-(\d\d)\.json$/.exec(at) ?? [];
      expect(value.n).toBe(Number(day) * 100 + Number(n));
    }
    const all = [1, 2].flatMap((day) => Array.from({ length: 30 }, (_, n) => key(day, n)));
    expect(unreadable).toEqual([key(1, 7), key(2, 3)]);
    expect(read).toEqual(all.filter((k) => !unreadable.includes(k)));
    expect(store.mostInFlight).toBeGreaterThan(1);
    expect(store.mostInFlight).toBeLessThanOrEqual(READ_AHEAD);
  });

  it('reads only the days asked for, and fails on an unreadable object when no one takes it', async () => {
    const days: string[] = [];
    for await (const { key: at } of storedJson(s3.store, 'rejected', Numbered, '2025-11-02', '2025-11-02', () => {})) days.push(at.slice(9, 19));
    expect(new Set(days)).toEqual(new Set(['2025/11/02']));
    await expect(async () => {
      for await (const _ of storedJson(s3.store, 'rejected', Numbered, '2025-11-01', '2025-11-01'));
    }).rejects.toThrow(`${key(1, 7)}`);
  });
});
