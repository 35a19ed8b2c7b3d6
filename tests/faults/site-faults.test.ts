import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIngestState } from '../../functions/ingest/index.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import { auditStore, cleanAudit } from '../support/audit.ts';
import { type Fault, type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { type SiteSubset, sampleSiteSubset } from '../support/site-subset.ts';

let site: SiteSubset;
beforeAll(async () => {
  site = await sampleSiteSubset(['rss/rus.xml', 'rss/eng.xml']);
});
afterAll(async () => {
  process.stderr.write(`site faults injected: ${injected}\n`);
  await rm(site.dir, { recursive: true, force: true });
});
let injected = 0;

/** The pipeline stack, with a fault proxy between the pipeline and the replay site. */
async function withFaultySite(test: (stack: FaultyStack, proxy: FaultProxy) => Promise<void>, config: { retries: number; maxAttempts?: number }) {
  const stack = await startFaultyStack({ siteDir: site.dir });
  const proxy = await startFaultProxy({ upstream: stack.site.origin, rewriteOrigin: true });
  stack.config.feeds = stack.site.feedUrls.map((url) => ({ url: url.replace(stack.site.origin, proxy.url) }));
  stack.config.allowHosts = [new URL(proxy.url).host];
  stack.config.headersTimeoutMs = 400;
  stack.config.bodyTimeoutMs = 400;
  stack.config.retries = config.retries;
  if (config.maxAttempts) stack.config.maxAttempts = config.maxAttempts;
  try {
    await test(stack, proxy);
  } finally {
    await proxy.close();
    await stack.close();
  }
}

describe('a site that fails transiently', () => {
  it('is retried within the run: every feed and page failing once (reset, 500, 503, truncated, stalled headers, stalled body) costs nothing', async () => {
    await withFaultySite(async (stack, proxy) => {
      const faults: Fault[] = ['drop', { status: 500 }, { status: 503 }, { truncate: 40 }, 'stall', { stallAfter: 40 }];
      const seen = new Set<string>();
      let n = 0;
      proxy.rule = (req) => {
        if (seen.has(req.path)) return undefined;
        seen.add(req.path);
        injected++;
        return faults[n++ % faults.length];
      };
      const report = await runPipeline(stack.config, { store: stack.store });
      const all = site.ids.length;
      expect(report.counts).toEqual({ seen: all, fetched: all, new: all, accepted: all, bilateral: site.bilateralIds.length, rejected: 0, errors: 0, blocked: 0 });
      expect(new Set(proxy.log.map((e) => e.fault)).size).toBe(faults.length + 1);
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    }, { retries: 2 });
  });
});

describe('a site that keeps failing', () => {
  it('counts a page that fails every attempt as an error, retries it in later runs, and gives up after maxAttempts without storing anything twice', async () => {
    await withFaultySite(async (stack, proxy) => {
      const broken = site.articles[0]!.path;
      let down = true;
      proxy.rule = (req) => (down && req.path.startsWith(broken) ? (injected++, { status: 503 }) : undefined);

      const first = await runPipeline(stack.config, { store: stack.store });
      expect(first.counts).toMatchObject({ accepted: site.ids.length - 1, rejected: 0, errors: 1 });
      expect(first.errors).toEqual([{ stage: 'process', url: `${proxy.url}${broken}`, message: `HTTP 503 on attempt 2 of 2: ${proxy.url}${broken}` }]);
      const id = site.articles[0]!.id;
      expect((await loadIngestState(stack.s3.store)).state.items[id]).toMatchObject({ status: 'retry', attempts: 1 });

      const warnings: string[] = [];
      const log = { info: () => {}, warn: (message: string) => void warnings.push(message), error: () => {} };
      const second = await runPipeline(stack.config, { store: stack.store, log });
      expect(second.counts).toMatchObject({ new: 1, accepted: 0, errors: 1 });
      expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^gave up after 2 attempts: ${id} is recorded under rejected/\\d{4}/\\d{2}/\\d{2}/${id}\\.json \\(kazfeed refetch fetches it again\\)$`)));
      expect((await loadIngestState(stack.s3.store)).state.items[id]).toMatchObject({ status: 'failed', attempts: 2, lastError: expect.stringContaining('HTTP 503') });
      // Giving up leaves a trace where rejections are kept.
      const rejected = [];
      for await (const key of stack.s3.store.list('rejected/')) rejected.push((await stack.s3.store.getJson(key, RejectedItem))!.value);
      expect(rejected).toEqual([expect.objectContaining({ id, reason: `gave up after 2 attempts; the last: HTTP 503 on attempt 2 of 2: ${proxy.url}${broken}` })]);

      // Given up: later runs leave it alone, even once the page works again.
      down = false;
      const third = await runPipeline(stack.config, { store: stack.store });
      expect(third.counts).toMatchObject({ new: 0, fetched: 0, errors: 0 });
      const audit = await auditStore(stack.s3.store, site.ids, site.bilateralIds);
      expect(audit.lost).toEqual([id]); // not stored, but on record under rejected/
      expect(audit.duplicated).toEqual([]);
    }, { retries: 1, maxAttempts: 2 });
  });

  it('retries an article page that answers 200 with a maintenance page, and stores the article once it is back', async () => {
    await withFaultySite(async (stack, proxy) => {
      const broken = site.articles[0]!.path;
      const id = site.articles[0]!.id;
      let down = true;
      const maintenance = '<!doctype html><html lang="ru"><head><title>Технические работы | Kazinform</title></head><body><h1>Сайт временно недоступен</h1><p>Ведутся технические работы, зайдите позже.</p></body></html>';
      proxy.rule = (req) => (down && req.path.startsWith(broken) ? (injected++, { html: maintenance }) : undefined);

      const first = await runPipeline(stack.config, { store: stack.store });
      expect(first.counts).toMatchObject({ accepted: site.ids.length - 1, rejected: 0, errors: 1 });
      expect(first.errors).toEqual([{ stage: 'process', url: `${proxy.url}${broken}`, message: `an error page ("Технические работы | Kazinform") came with status 200 instead of the article: ${proxy.url}${broken}` }]);
      expect((await loadIngestState(stack.s3.store)).state.items[id]).toMatchObject({ status: 'retry', attempts: 1 });
      const kept = [];
      for await (const key of stack.s3.store.list('raw/')) if (key.includes(id)) kept.push(key);
      for await (const key of stack.s3.store.list('rejected/')) kept.push(key);
      expect(kept).toEqual([]);

      down = false;
      const second = await runPipeline(stack.config, { store: stack.store });
      expect(second.counts).toMatchObject({ new: 1, accepted: 1, rejected: 0, errors: 0 });
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    }, { retries: 1, maxAttempts: 3 });
  });

  it('keeps an article page that answers 403 for later runs, as a block of this client, and stores it once it answers', async () => {
    await withFaultySite(async (stack, proxy) => {
      const broken = site.articles[0]!.path;
      const id = site.articles[0]!.id;
      let refused = true;
      proxy.rule = (req) => (refused && req.path.startsWith(broken) ? (injected++, { status: 403, code: 'AccessDenied' }) : undefined);

      const first = await runPipeline(stack.config, { store: stack.store });
      expect(first.counts).toMatchObject({ accepted: site.ids.length - 1, rejected: 0, errors: 0, blocked: 1 });
      expect(first.errors).toEqual([{ stage: 'process', url: `${proxy.url}${broken}`, message: `HTTP 403, an answer, not retried: ${proxy.url}${broken} (taken for a block of this client: later runs try again)` }]);
      expect((await loadIngestState(stack.s3.store)).state.items[id]).toMatchObject({ status: 'retry', blockedSince: expect.any(String) });

      refused = false;
      const second = await runPipeline(stack.config, { store: stack.store });
      expect(second.counts).toMatchObject({ new: 1, accepted: 1, rejected: 0, blocked: 0 });
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    }, { retries: 1 });
  });

  it('reports a feed that stays down as a feed error, and processes the other feeds', async () => {
    await withFaultySite(async (stack, proxy) => {
      proxy.rule = (req) => (req.path === '/rss/eng.xml' ? (injected++, 'drop') : undefined);
      const report = await runPipeline(stack.config, { store: stack.store });
      expect(report.feeds.map((f) => [f.url.split('/').pop(), f.status])).toEqual([['rus.xml', 'fetched'], ['eng.xml', 'error']]);
      expect(report.errors).toEqual([expect.objectContaining({ stage: 'ingest', url: `${proxy.url}/rss/eng.xml`, message: expect.stringMatching(/socket hang up|ECONNRESET/) })]);
      expect(report.counts).toMatchObject({ accepted: site.articles.filter((a) => a.feed === 'rss/rus.xml').length, errors: 1 });
    }, { retries: 1 });
  });
});
