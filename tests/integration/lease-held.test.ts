import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEmbeddedS3, type EmbeddedS3 } from '../../cli/embedded-s3.ts';
import { acquireLease, type HeldLease } from '../../functions/lib/lease.ts';
import { kazfeed } from '../support/cli.ts';

describe('commands while a run holds the run lease', () => {
  let home: string;
  let s3: EmbeddedS3;
  let lease: HeldLease;
  const damaged = 'articles/2025/11/24/ru-4c1e9a.json';

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-check-busy-'));
    s3 = await connectEmbeddedS3(home);
    // What a run writes half-way, as check sees it: here an article cut short.
    await s3.store.put(damaged, '{"schemaVersion": 1, "id": "ru-4c', { contentType: 'application/json' });
    lease = await acquireLease(s3.store, 'run:busy', 60_000);
  });
  afterAll(async () => {
    await lease?.release();
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('check --repair repairs nothing and says a run is in progress', async () => {
    const out = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect([out.code, out.stdout]).toEqual([1, '']);
    expect(out.stderr).toMatch(/^kazfeed: another run \(run:busy\) is in progress, its lease until \S+: nothing was repaired; run kazfeed check --repair again once it has ended\n$/);
    expect(await s3.store.exists(damaged)).toBe(true);
  });

  it('check lists what it found and says a run is in progress', async () => {
    const out = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`${damaged}: `);
    expect(out.stderr).toMatch(/warn: another run \(run:busy\) is in progress, its lease until \S+: what it has stored and not yet published shows as problems until it ends; check again then\n/);
  });

  it('run --public-url says it did nothing more than its rebase, which its own line reports', async () => {
    const out = await kazfeed(['run', '--feed', 'http://127.0.0.1:9/rss.xml', '--allow-host', '127.0.0.1:9', '--public-url', 'https://feeds.example.org'], { KAZFEED_HOME: home });
    expect([out.code, out.stdout]).toEqual([0, '']);
    expect(out.stderr).toContain('self links: nothing is published yet; the first publish names https://feeds.example.org\n');
    expect(out.stderr).toMatch(/kazfeed: another run is in progress \(run:busy, lease until \S+\); this one did nothing more \(the "self links" line above says what --public-url did\)\n$/);
  });
});
