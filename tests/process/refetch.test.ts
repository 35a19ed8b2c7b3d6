import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedS3, startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import { resolveConfig } from '../../functions/lib/config.ts';
import { httpClientFor } from '../../functions/lib/http.ts';
import { LeaseHeld } from '../../functions/lib/lease.ts';
import { recordGivenUp } from '../../functions/process/index.ts';
import { refetch } from '../../functions/process/refetch.ts';

describe('refetch under a lease it loses', () => {
  let home: string;
  let s3: EmbeddedS3;
  let site: Server;
  let origin: string;
  let hits = 0;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-refetch-lease-'));
    s3 = await startEmbeddedS3(home);
    site = createServer((_req, res) => void (hits++, res.writeHead(503).end()));
    origin = `127.0.0.1:${await listenOnLoopback(site, 0)}`;
  });
  afterAll(async () => {
    await closeServer(site);
    await s3.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('fetches nothing more once a renewal fails, and fails with that error', async () => {
    const keys = [];
    for (const n of [1, 2, 3]) {
      const item = { id: `u-${n}`, url: `http://${origin}/ru/item-${n}`, title: `Item ${n}`, publishedAt: '2025-11-24T04:00:00.000Z', feedUrl: `http://${origin}/feed.xml`, feedLanguage: 'ru' };
      keys.push(await recordGivenUp(s3.store, item, 'gave up after 5 attempts; the last: HTTP 503', '2025-11-25T00:00:00.000Z'));
    }
    let renewals = 0;
    const lost = new LeaseHeld('run:other', '2025-11-25T00:10:00.000Z', 'the run lease was taken over by run:other');
    // Renewed once after the listing; every later renewal is due at once (ttl 0) and fails.
    const lease = { ttlMs: 0, renew: async () => { if (++renewals > 1) throw lost; } };
    const http = httpClientFor(resolveConfig({ allowHosts: [origin], retries: 0 }));
    try {
      await expect(refetch(s3.store, http, { concurrency: 1, pipelineVersion: 'test', lease })).rejects.toBe(lost);
    } finally {
      http.close();
    }
    expect(hits).toBe(0);
    for (const key of keys) expect(await s3.store.exists(key), key).toBe(true);
  });
});
