import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedS3, startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { copyArchive } from '../../cli/query/mirror.ts';
import { READ_AHEAD } from '../../functions/lib/dated-keys.ts';
import { keys } from '../../functions/lib/keys.ts';
import { StoreError } from '../../functions/lib/store.ts';
import { CountingStore } from '../support/counting-store.ts';

describe("kazfeed query's copy of the archive", () => {
  let home: string;
  let s3: EmbeddedS3;
  const days = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2025, 9, 1 + i)).toISOString().slice(0, 10));

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-mirror-'));
    s3 = await startEmbeddedS3(home);
    for (const day of days) await s3.store.put(keys.daily(day), `lines of ${day}`, { contentType: 'application/gzip' });
    await s3.store.putJson(keys.series('KZ-TM'), { pair: 'KZ-TM' });
    await s3.store.put('archive/daily/nested/2025-10-01.ndjson.gz', 'not read by the views', { contentType: 'application/gzip' });
    await s3.store.putJson(keys.manifest, { files: [] });
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('copies every daily file and series byte for byte, several at once and at most READ_AHEAD, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kazfeed-mirror-copy-'));
    try {
      const store = new CountingStore(s3.store);
      await copyArchive(store, dir);
      expect((await readdir(dir)).sort()).toEqual(['daily', 'series']);
      expect((await readdir(join(dir, 'daily'))).sort()).toEqual(days.map((day) => `${day}.ndjson.gz`).sort());
      expect(await readFile(join(dir, 'daily', `${days[7]}.ndjson.gz`), 'utf8')).toBe(`lines of ${days[7]}`);
      expect(JSON.parse(await readFile(join(dir, 'series', 'kz-tm.json'), 'utf8'))).toEqual({ pair: 'KZ-TM' });
      expect(store.mostInFlight).toBeGreaterThan(1);
      expect(store.mostInFlight).toBeLessThanOrEqual(READ_AHEAD);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails with the first failed read, once the reads under way have ended, and starts none after it', async () => {
    const failing = keys.daily(days[20] as string);
    class FailingStore extends CountingStore {
      started: string[] = [];
      override async get(key: string) {
        this.started.push(key);
        if (key === failing) throw new StoreError('GET', key, new Error('socket hang up'));
        return super.get(key);
      }
    }
    const store = new FailingStore(s3.store);
    const dir = await mkdtemp(join(tmpdir(), 'kazfeed-mirror-copy-'));
    try {
      await expect(copyArchive(store, dir)).rejects.toThrow(`S3 GET ${failing} failed: socket hang up`);
      expect(store.inFlight).toBe(0);
      expect(store.started.length).toBeLessThanOrEqual(days.indexOf(days[20] as string) + READ_AHEAD);
      expect(store.started).not.toContain(keys.series('KZ-TM'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
