import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { acquireLease, LeaseHeld } from '../../functions/lib/lease.ts';
import { kazfeed, kazfeedUntil } from '../support/cli.ts';
import { SAMPLE_SITE, sampleSiteIndex } from '../support/stack.ts';

const ROUNDS = 20;
/** Rounds run side by side, each on its own home. */
const AT_ONCE = 4;

async function inBatches(count: number, size: number, round: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += size) {
    await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, i) => round(start + i)));
  }
}

describe('commands on one KAZFEED_HOME share one store, as clients of one bucket do', () => {
  let site: ReplaySite;
  let articles: number;
  const homes: string[] = [];
  const newHome = async () => {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-shared-'));
    homes.push(home);
    return home;
  };
  const runFlags = (feeds: string[]) => ['run', ...feeds.flatMap((url) => ['--feed', url]), '--allow-host', new URL(site.origin).host];

  beforeAll(async () => {
    site = await startReplaySite(SAMPLE_SITE);
    articles = (await sampleSiteIndex()).articles.length;
  });
  afterAll(async () => {
    await site?.close();
    for (const home of homes) await rm(home, { recursive: true, force: true });
  });

  it('serve left running sees what a run stores at once: a new ETag and Last-Modified, 304 only while unchanged', async () => {
    const home = await newHome();
    const first = await kazfeed(runFlags(site.feedUrls.slice(0, 1)), { KAZFEED_HOME: home });
    expect(first.code, first.stderr).toBe(0);
    const serve = kazfeedUntil(['serve', '--port', '0'], { KAZFEED_HOME: home }, /serving .* on (http:\/\/127\.0\.0\.1:\d+)/);
    try {
      const origin = await serve.started;
      const before = await fetch(`${origin}/feeds/all.json`);
      const etag = before.headers.get('etag') as string;
      const shown = ((await before.json()) as { items: unknown[] }).items.length;
      const unchanged = await fetch(`${origin}/feeds/all.json`, { headers: { 'if-none-match': etag } });
      // A 304 repeats the validators and the Cache-Control of the 200 (RFC 9110 §15.4.5).
      expect([unchanged.status, unchanged.headers.get('etag'), unchanged.headers.get('cache-control')]).toEqual([304, etag, before.headers.get('cache-control')]);
      // Weak comparison: the same ETag marked weak by a proxy on the way still matches.
      expect((await fetch(`${origin}/feeds/all.json`, { headers: { 'if-none-match': `"x", W/${etag}` } })).status).toBe(304);
      const lastModified = before.headers.get('last-modified') as string;
      expect(Date.parse(lastModified)).not.toBeNaN();
      expect((await fetch(`${origin}/feeds/all.json`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
      // HTTP dates have whole seconds: the next write must fall in a later one to be told apart.
      await new Promise((resolve) => setTimeout(resolve, 1_100));

      const second = await kazfeed(runFlags(site.feedUrls), { KAZFEED_HOME: home });
      expect(second.code, second.stderr).toBe(0);
      const after = await fetch(`${origin}/feeds/all.json`, { headers: { 'if-none-match': etag } });
      expect(after.status).toBe(200);
      const newEtag = after.headers.get('etag') as string;
      expect(newEtag).not.toBe(etag);
      expect(((await after.json()) as { items: unknown[] }).items.length).toBeGreaterThan(shown);
      expect((await fetch(`${origin}/feeds/all.json`, { headers: { 'if-none-match': newEtag } })).status).toBe(304);
      const since = await fetch(`${origin}/feeds/all.json`, { headers: { 'if-modified-since': lastModified } });
      expect(since.status).toBe(200);
      expect(Date.parse(since.headers.get('last-modified') as string)).toBeGreaterThan(Date.parse(lastModified));
    } finally {
      serve.child.kill('SIGINT');
      expect(await serve.exited).toBe(0);
    }
  }, 60_000);

  it('conditional writes are honoured as S3 honours them: If-None-Match: * and If-Match answer 412 on conflict', async () => {
    const home = await newHome();
    const s3 = await connectEmbeddedS3(home);
    try {
      const { store } = s3;
      expect(await store.put('state/x.json', 'a', { contentType: 'text/plain', ifNoneMatch: '*' })).toBe(true);
      expect(await store.put('state/x.json', 'b', { contentType: 'text/plain', ifNoneMatch: '*' })).toBe(false);
      const current = await store.get('state/x.json');
      expect(await store.put('state/x.json', 'c', { contentType: 'text/plain', ifMatch: '"0123456789abcdef0123456789abcdef"' })).toBe(false);
      expect(await store.put('state/x.json', 'd', { contentType: 'text/plain', ifMatch: current?.etag })).toBe(true);
      expect(await store.put('state/y.json', 'e', { contentType: 'text/plain', ifMatch: current?.etag })).toBe(false);
      expect(new TextDecoder().decode((await store.get('state/x.json'))?.body)).toBe('d');
      // Two commands racing for a free lease: exactly one gets it, every time.
      for (let round = 0; round < 10; round++) {
        const other = await connectEmbeddedS3(home);
        const won = await Promise.allSettled([acquireLease(store, `a-${round}`, 60_000), acquireLease(other.store, `b-${round}`, 60_000)]);
        expect(won.filter((w) => w.status === 'fulfilled'), `round ${round}`).toHaveLength(1);
        expect((won.find((w) => w.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(LeaseHeld);
        await (won.find((w) => w.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value.release();
        await other.stop();
      }
    } finally {
      await s3.stop();
    }
  });

  it(`two runs started at the same instant, ${ROUNDS} times: one proceeds, the other says so and exits 0; nothing lost or left unpublished`, async () => {
    const outcomes: string[] = [];
    await inBatches(ROUNDS, AT_ONCE, async (round) => {
      const home = await newHome();
      const both = await Promise.all([kazfeed(runFlags(site.feedUrls), { KAZFEED_HOME: home }), kazfeed(runFlags(site.feedUrls), { KAZFEED_HOME: home })]);
      expect(both.map((r) => r.code), both.map((r) => r.stderr).join('\n')).toEqual([0, 0]);
      const waited = both.filter((r) => /^kazfeed: another run is in progress \(.+\); this one did nothing$/m.test(r.stderr));
      const ran = both.filter((r) => /run .*: \d+ items seen/.test(r.stderr));
      outcomes.push(`${ran.length} ran, ${waited.length} stood aside`);
      expect([ran.length, waited.length], `round ${round}`).toEqual([1, 1]);
      const check = await kazfeed(['check'], { KAZFEED_HOME: home });
      expect(check.stdout, `round ${round}`).toBe('');
      expect(check.code, check.stderr).toBe(0);
      const exported = await kazfeed(['export', '--strict'], { KAZFEED_HOME: home });
      expect([exported.code, exported.stdout.trim().split('\n').length], `round ${round}: ${exported.stderr}`).toEqual([0, articles]);
    });
    process.stderr.write(`two runs at once, ${ROUNDS} rounds: ${[...new Set(outcomes)].map((o) => `${outcomes.filter((x) => x === o).length}× ${o}`).join(', ')}\n`);
  }, 300_000);

  it(`a run killed with SIGKILL at a random moment, ${ROUNDS} times: no object cut short, and check is clean after the next run`, async () => {
    const delays: number[] = [];
    await inBatches(ROUNDS, AT_ONCE, async (round) => {
      const home = await newHome();
      const run = kazfeedUntil(runFlags(site.feedUrls), { KAZFEED_HOME: home }, /store: /);
      await run.started;
      const delay = Math.floor(Math.random() * 2_500);
      delays.push(delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      run.child.kill('SIGKILL');
      await run.exited;
      const next = await kazfeed(runFlags(site.feedUrls), { KAZFEED_HOME: home });
      expect(next.code, `round ${round} (killed after ${delay} ms): ${next.stderr}`).toBe(0);
      const check = await kazfeed(['check'], { KAZFEED_HOME: home });
      expect(check.stdout, `round ${round} (killed after ${delay} ms)`).toBe('');
      expect(check.code, check.stderr).toBe(0);
      expect((await kazfeed(['export', '--strict'], { KAZFEED_HOME: home })).stdout.trim().split('\n')).toHaveLength(articles);
    });
    process.stderr.write(`kill -9 of kazfeed run after ${delays.sort((a, b) => a - b).join(', ')} ms: every next run completed, every check clean\n`);
  }, 300_000);
});
