import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIngestState, saveIngestState } from '../../functions/ingest/index.ts';
import { keys } from '../../functions/lib/keys.ts';
import { StoreError } from '../../functions/lib/store.ts';
import { LEASE_TTL_MS, runPipeline } from '../../functions/pipeline.ts';
import { buildDailyArchive, updateManifest } from '../../functions/lib/archive.ts';
import { ArchiveManifest } from '../../schemas/manifest.ts';
import type { IngestState } from '../../schemas/state.ts';
import { auditStore, cleanAudit } from '../support/audit.ts';
import type { Fault, ProxyRequest } from '../support/fault-proxy.ts';
import { type FaultyStack, snapshot, startFaultyStack } from '../support/faulty-stack.ts';
import { type SiteSubset, sampleSiteSubset } from '../support/site-subset.ts';

let site: SiteSubset;
beforeAll(async () => {
  site = await sampleSiteSubset(['rss/rus.xml', 'rss/eng.xml']);
});
afterAll(async () => {
  process.stderr.write(`S3 faults injected: ${injected.total} (${Object.entries(injected.byKind).map(([k, n]) => `${k}: ${n}`).join(', ')})\n`);
  await rm(site.dir, { recursive: true, force: true });
});

/** Faults injected across this file, for docs/reliability.md. */
const injected = { total: 0, byKind: {} as Record<string, number> };
function note(fault: Fault): Fault {
  const kind = typeof fault === 'string' ? fault : 'status' in fault ? String(fault.status) : Object.keys(fault)[0] as string;
  injected.total += 1;
  injected.byKind[kind] = (injected.byKind[kind] ?? 0) + 1;
  return fault;
}

async function withStack(s3Semantics: boolean, test: (stack: FaultyStack) => Promise<void>, feeds?: string[]): Promise<void> {
  const stack = await startFaultyStack({ siteDir: site.dir, proxy: { enforceConditionalWrites: s3Semantics } });
  if (feeds) stack.config.feeds = stack.config.feeds.filter((f) => 'url' in f && feeds.some((path) => f.url.endsWith(path)));
  try {
    await test(stack);
  } finally {
    await stack.close();
  }
}

const later = () => new Date(Date.now() + LEASE_TTL_MS + 60_000);
const all = () => site.ids.length;
const inFeed = (feed: string) => site.articles.filter((a) => a.feed === feed).length;
const expectedCounts = () => ({ seen: all(), fetched: all(), new: all(), accepted: all(), bilateral: site.bilateralIds.length, rejected: 0, errors: 0, blocked: 0 });

describe('transient S3 failures are retried', () => {
  it('completes a run in which every distinct S3 request fails once (500, 503, reset, truncated body, answer lost after the write)', async () => {
    await withStack(true, async (stack) => {
      const faulted = new Set<string>();
      const reads: Fault[] = [{ status: 500 }, 'drop', { truncate: 7 }];
      const writes: Fault[] = [{ status: 500 }, 'drop', 'apply-then-drop'];
      let n = 0;
      stack.proxy.rule = (req) => {
        const id = `${req.method} ${req.path}`;
        if (faulted.has(id)) return undefined;
        faulted.add(id);
        // A few throttling answers too (the SDK waits longer after those, so only a few).
        if (n++ % 25 === 0) return note({ status: 503, code: 'SlowDown' });
        const cycle = req.method === 'GET' || req.method === 'HEAD' ? reads : writes;
        return note(cycle[n % cycle.length] as Fault);
      };
      const report = await runPipeline(stack.config, { store: stack.store });
      expect(report.counts).toEqual(expectedCounts());
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
      const kinds = new Set(stack.proxy.log.map((e) => e.fault));
      expect([...kinds].sort()).toEqual(['apply-then-drop', 'drop', 'pass', '{"status":500}', '{"status":503,"code":"SlowDown"}', '{"truncate":7}'].sort());
    });
  });

  it('abandons an S3 request that stalls (before the answer, or in the middle of the body) and retries it', async () => {
    await withStack(true, async (stack) => {
      let stalledPut = false;
      let stalledGet = false;
      stack.proxy.rule = (req: ProxyRequest) => {
        if (!stalledPut && req.method === 'PUT' && req.key === keys.ingestState) return (stalledPut = true), note('stall');
        if (!stalledGet && req.method === 'GET' && req.key === keys.members) return (stalledGet = true), note({ stallAfter: 1 });
        return undefined;
      };
      const report = await runPipeline(stack.config, { store: stack.store });
      expect([stalledPut, stalledGet]).toEqual([true, true]);
      expect(report.counts).toEqual(expectedCounts());
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    });
  });
});

describe('a store that stays down', () => {
  it('fails the run at once with a StoreError naming the key, and changes nothing', async () => {
    await withStack(true, async (stack) => {
      await runPipeline(stack.config, { store: stack.store });
      const before = await snapshot(stack.s3.store);
      stack.proxy.rule = () => note({ status: 500 });
      const error = await runPipeline(stack.config, { store: stack.store }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ operation: 'GET', key: keys.lease });
      expect((error as Error).message).toMatch(/^S3 GET state\/lease\.json failed: /);
      stack.proxy.rule = () => undefined;
      expect(await snapshot(stack.s3.store)).toEqual(before);
    }, ['rss/rus.xml']);
  });

  it('that goes down in the middle of a run fails it with the key, leaves what was stored as it was, and the next run completes', async () => {
    await withStack(true, async (stack) => {
      // A first run stores the Russian feed's articles.
      stack.config.feeds = stack.config.feeds.filter((f) => 'url' in f && f.url.endsWith('rss/rus.xml'));
      const first = await runPipeline(stack.config, { store: stack.store });
      expect(first.counts.accepted).toBe(inFeed('rss/rus.xml'));
      const before = await snapshot(stack.s3.store);

      // The second, over both feeds, meets a store that is down from its first page onwards.
      stack.config.feeds = stack.site.feedUrls.map((url) => ({ url }));
      let down = false;
      stack.proxy.rule = (req) => {
        if (req.method === 'PUT' && req.key?.startsWith('raw/')) down = true;
        return down ? note({ status: 500 }) : undefined;
      };
      const error = await runPipeline(stack.config, { store: stack.store }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).operation).toBe('PUT');
      expect((error as StoreError).key).toMatch(/^raw\/\d{4}\/\d{2}\/\d{2}\/en-[0-9a-f]+\.html\.gz$/);
      stack.proxy.rule = () => undefined;
      const after = await snapshot(stack.s3.store);
      // Everything stored before is byte for byte the same; the only new object is the failed run's lease.
      expect(Object.fromEntries(Object.entries(after).filter(([key]) => key in before))).toEqual(before);
      expect(Object.keys(after).filter((key) => !(key in before))).toEqual([keys.lease]);

      // Once the store is back and the dead run's lease has expired, the next run does the rest.
      const next = await runPipeline(stack.config, { store: stack.store, now: later });
      expect(next.counts).toMatchObject({ new: inFeed('rss/eng.xml'), accepted: inFeed('rss/eng.xml'), errors: 0 });
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    });
  });
});

describe('conditional writes answered 412, as S3 answers them', () => {
  it('takes a 412 on an article PUT as "already stored": counted as such, not as an error nor as a new article, and the first writer\'s bytes stay', async () => {
    await withStack(true, async (stack) => {
      await runPipeline(stack.config, { store: stack.store });
      const articles = await snapshot(stack.s3.store, 'articles/');
      // A run that lost its state (say, killed before saving it) processes every item again.
      await stack.s3.store.delete(keys.ingestState);
      const mark = stack.proxy.log.length;
      const again = await runPipeline(stack.config, { store: stack.store });
      expect(again.counts).toMatchObject({ new: all(), accepted: 0, duplicates: all(), rejected: 0, errors: 0 });
      const articlePuts = stack.proxy.log.slice(mark).filter((e) => e.method === 'PUT' && e.key?.startsWith('articles/'));
      expect(articlePuts.map((e) => e.status)).toEqual(site.ids.map(() => 412));
      expect(await snapshot(stack.s3.store, 'articles/')).toEqual(articles);
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    });
  });

  it('on the ingest state, re-reads and merges: what the other writer added and what this run did are both kept', async () => {
    await withStack(true, async (stack) => {
      const at = '2026-01-01T00:00:00.000Z';
      const base: IngestState = { feeds: {}, sources: {}, items: { a: { status: 'done', attempts: 1, lastSeenAt: at } } };
      await stack.store.putJson(keys.ingestState, base);
      const { state: ours, etag } = await loadIngestState(stack.store);
      // Another writer gets there first.
      await stack.store.putJson(keys.ingestState, { feeds: { 'https://www.inform.kz/rss/eng.xml': { checkedAt: at, etag: '"x"' } }, items: { ...base.items, b: { status: 'done', attempts: 1, lastSeenAt: at } } });
      ours.items.c = { status: 'retry', attempts: 1, lastSeenAt: at, lastError: 'HTTP 503' };
      const mark = stack.proxy.log.length;
      await saveIngestState(stack.store, ours, etag);
      expect(stack.proxy.log.slice(mark).filter((e) => e.method === 'PUT').map((e) => e.status)).toEqual([412, 200]);
      const saved = (await loadIngestState(stack.s3.store)).state;
      expect(Object.keys(saved.items).sort()).toEqual(['a', 'b', 'c']);
      expect(saved.items.c).toMatchObject({ status: 'retry', lastError: 'HTTP 503' });
      expect(Object.keys(saved.feeds)).toEqual(['https://www.inform.kz/rss/eng.xml']);
    });
  });

  it('on the ingest state during a run, merges the other writer\'s items with the run\'s', async () => {
    await withStack(true, async (stack) => {
      let raced = false;
      stack.proxy.rule = async (req) => {
        if (raced || req.method !== 'PUT' || req.key !== keys.ingestState) return undefined;
        raced = true;
        // Another writer (say, the Lambda ingest) saves the state just before this run does.
        const { state } = await loadIngestState(stack.s3.store);
        state.items['other-1'] = { status: 'done', attempts: 1, lastSeenAt: new Date().toISOString() };
        await stack.s3.store.putJson(keys.ingestState, state);
        return undefined;
      };
      const report = await runPipeline(stack.config, { store: stack.store });
      expect(raced).toBe(true);
      expect(report.counts).toEqual(expectedCounts());
      const statePuts = stack.proxy.log.filter((e) => e.method === 'PUT' && e.key === keys.ingestState);
      expect(statePuts.map((e) => e.status)).toEqual([412, 200]);
      const saved = (await loadIngestState(stack.s3.store)).state;
      expect(Object.keys(saved.items).sort()).toEqual(['other-1', ...site.ids].sort());
      expect(Object.values(saved.items).every((s) => s.status === 'done')).toBe(true);
    });
  });

  it('on the manifest, re-reads and merges: another publisher\'s file and this one\'s are both listed, and match their files', async () => {
    await withStack(true, async (stack) => {
      await runPipeline(stack.config, { store: stack.store });
      const mine = await buildDailyArchive(stack.store, '2025-10-16');
      let raced = false;
      stack.proxy.rule = async (req) => {
        if (raced || req.method !== 'PUT' || req.key !== keys.manifest) return undefined;
        raced = true;
        const theirs = await buildDailyArchive(stack.s3.store, '2020-01-01');
        await updateManifest(stack.s3.store, [theirs]);
        return undefined;
      };
      const mark = stack.proxy.log.length;
      await updateManifest(stack.store, [mine]);
      expect(stack.proxy.log.slice(mark).filter((e) => e.method === 'PUT').map((e) => e.status)).toEqual([412, 200]);
      const manifest = (await stack.s3.store.getJson(keys.manifest, ArchiveManifest))?.value as ArchiveManifest;
      expect(manifest.files.map((f) => f.date)).toContain('2020-01-01');
      expect(manifest.files.map((f) => f.date)).toContain('2025-10-16');
      const audit = await auditStore(stack.s3.store, site.ids, site.bilateralIds);
      expect(audit.manifestMismatches).toEqual([]);
    });
  });
});
