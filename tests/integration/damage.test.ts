import { gunzipSync } from 'node:zlib';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { keys } from '../../functions/lib/keys.ts';
import { RENDER_FORMAT } from '../../functions/publish/feed-files.ts';
import { renderFeedFiles, writeFeedFile } from '../../functions/publish/feed-files.ts';
import { FeedIndex, FeedMembership } from '../../schemas/index-entry.ts';
import { Article } from '../../schemas/article.ts';
import { storeArticle } from '../../functions/process/index.ts';
import { publish } from '../../functions/publish/index.ts';
import { Store, StoreError } from '../../functions/lib/store.ts';
import { type Audit, auditStore } from '../../functions/check/audit.ts';
import { leaseHolder } from '../../functions/lib/lease.ts';
import { repairStore } from '../../functions/check/repair.ts';
import { kazfeed, kazfeedUntil } from '../support/cli.ts';
import { SAMPLE_SITE } from '../support/stack.ts';

/** Works on a home's embedded store while no command runs on it. */
async function onStore<T>(home: string, work: (store: Store) => Promise<T>): Promise<T> {
  const s3 = await connectEmbeddedS3(home);
  try {
    return await work(s3.store);
  } finally {
    await s3.stop();
  }
}

async function firstKey(store: Store, prefix: string): Promise<string> {
  for await (const key of store.list(prefix)) if (key.endsWith('.json')) return key;
  throw new Error(`nothing under ${prefix}`);
}

/** Cuts an object's body in half, as a write interrupted half-way would leave it. */
async function truncate(store: Store, key: string): Promise<Uint8Array> {
  const object = await store.get(key);
  if (!object) throw new Error(`no ${key}`);
  await store.put(key, object.body.slice(0, object.body.byteLength >> 1), { contentType: object.contentType ?? 'application/json' });
  return object.body;
}

/** Truncates the first JSON object under `prefix` in a home's store; returns its key. */
const truncateFirst = (home: string, prefix: string) =>
  onStore(home, async (store) => {
    const found = await firstKey(store, prefix);
    await truncate(store, found);
    return found;
  });

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('one damaged object does not block the archive: it is skipped, set aside or rebuilt', () => {
  let site: ReplaySite;
  let base: string;
  const homes: string[] = [];
  let runFlags: string[];
  let articleCount: number;

  beforeAll(async () => {
    site = await startReplaySite(SAMPLE_SITE);
    base = await mkdtemp(join(tmpdir(), 'kazfeed-damage-'));
    runFlags = ['run', ...site.feedUrls.flatMap((url) => ['--feed', url]), '--allow-host', new URL(site.origin).host];
    const run = await kazfeed(runFlags, { KAZFEED_HOME: base });
    if (run.code !== 0) throw new Error(`kazfeed run failed: ${run.stderr}`);
    articleCount = lines((await kazfeed(['export'], { KAZFEED_HOME: base })).stdout).length;
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    for (const home of [base, ...homes]) await rm(home, { recursive: true, force: true });
  });

  /** A copy of the home the first run filled, for one test to damage. */
  async function copyHome(): Promise<string> {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-damage-'));
    homes.push(home);
    // Not the record of the base's store server (nor its lock): it names that server, and goes
    // when the server stops, idle, whenever that is.
    await cp(base, home, { recursive: true, filter: (source) => !/[\\/]s3[\\/]server\.(?:json|lock)$/.test(source) });
    return home;
  }

  it('export skips a truncated article with a warning naming its key, writes every other one and exits 0; --strict exits 1', async () => {
    const home = await copyHome();
    const key = await truncateFirst(home, 'articles/');
    const out = await kazfeed(['export'], { KAZFEED_HOME: home });
    expect(out.code).toBe(0);
    expect(lines(out.stdout)).toHaveLength(articleCount - 1);
    expect(out.stderr).toMatch(new RegExp(`^kazfeed export: skipped ${key.replaceAll('/', '\\/')}: not JSON: .+\\(kazfeed check --repair rebuilds what it can\\)$`, 'm'));
    expect(out.stderr).toMatch(new RegExp(`exported ${articleCount - 1} articles from .*; 1 unreadable skipped\\n`));

    const strict = await kazfeed(['export', '--strict'], { KAZFEED_HOME: home });
    expect(strict.code).toBe(1);
    expect(lines(strict.stdout)).toHaveLength(articleCount - 1);
    expect(strict.stderr).toMatch(new RegExp(`^kazfeed: --strict: 1 stored object could not be read \\(${key.replaceAll('/', '\\/')}\\)$`, 'm'));
  });

  it('an unreadable article that does not fit the schema is skipped just the same', async () => {
    const home = await copyHome();
    const key = await onStore(home, async (store) => {
      const found = await firstKey(store, 'articles/');
      await store.putJson(found, { schemaVersion: 1, id: 'x' });
      return found;
    });
    const out = await kazfeed(['export'], { KAZFEED_HOME: home });
    expect(out.code).toBe(0);
    expect(lines(out.stdout)).toHaveLength(articleCount - 1);
    expect(out.stderr).toContain(`kazfeed export: skipped ${key}: unexpected content: `);
  });

  it('reprocess rebuilds a truncated article from its raw page', async () => {
    const home = await copyHome();
    const { key, before } = await onStore(home, async (store) => {
      const found = await firstKey(store, 'articles/');
      return { key: found, before: await truncate(store, found) };
    });
    const out = await kazfeed(['reprocess'], { KAZFEED_HOME: home });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain(`${key} is unreadable (not JSON: `);
    expect(out.stderr).toMatch(/reprocessed \d+ raw pages: 1 rewritten, \d+ unchanged, 0 still invalid/);
    const after = await onStore(home, async (store) => (await store.get(key))?.body);
    expect(new TextDecoder().decode(after)).toBe(new TextDecoder().decode(before));
    expect(lines((await kazfeed(['export', '--strict'], { KAZFEED_HOME: home })).stdout)).toHaveLength(articleCount);
  });

  it('reprocess brings the atlas up to date with the articles it rewrites: check is clean after it', async () => {
    const home = await copyHome();
    const title = 'An older extractor got this title wrong';
    // As an older version would have left it: a wrong title stored, published to the feeds and the atlas.
    const key = await onStore(home, async (store) => {
      const found = await firstKey(store, 'articles/');
      const article = (await store.getJson(found, Article))?.value as Article;
      await storeArticle(store, { ...article, title }, { overwrite: true });
      await publish(store, { feedSize: 100, site: true });
      return found;
    });
    const pages = async () => onStore(home, async (store) => {
      const texts: string[] = [];
      for await (const page of store.list('site/')) texts.push(new TextDecoder().decode((await store.get(page))?.body));
      return texts.filter((text) => text.includes(title)).length;
    });
    expect(await pages()).toBeGreaterThan(0);

    const out = await kazfeed(['reprocess'], { KAZFEED_HOME: home });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/reprocessed \d+ raw pages: 1 rewritten, /);
    expect(await pages()).toBe(0);
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect([check.code, check.stdout]).toEqual([0, '']);
    expect(await onStore(home, async (store) => (await store.getJson(key, Article))?.value.title)).not.toBe(title);
  });

  it('an unreadable manifest is reported once, and rebuilt by the publish that check --repair runs for what is pending (a repaired article)', async () => {
    const home = await copyHome();
    await onStore(home, async (store) => {
      await store.put(keys.manifest, new TextEncoder().encode('{"files":['), { contentType: 'application/json' });
      await truncate(store, await firstKey(store, 'articles/'));
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout).filter((line) => line.startsWith(`${keys.manifest}:`))).toEqual([`${keys.manifest}: unreadable: not JSON: Unexpected end of JSON input`]);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stderr).toBe(0);
    const after = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect([after.code, after.stdout]).toEqual([0, '']);
  });

  it('check on the store a run completed: all is well, exit 0', async () => {
    const out = await kazfeed(['check'], { KAZFEED_HOME: base });
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^checked \d+ objects in embedded store in .*: all is well\n$/m);
    expect(out.code).toBe(0);
  });

  it('check names each damaged object and exits 1; check --repair rebuilds them all, losing nothing, and check is then clean', async () => {
    const home = await copyHome();
    const exported = (await kazfeed(['export'], { KAZFEED_HOME: base })).stdout;
    const damaged = await onStore(home, async (store) => {
      const article = await firstKey(store, 'articles/');
      await truncate(store, article);
      const daily = keys.daily('2025-11-24');
      await store.put(daily, new Uint8Array([0x1f, 0x8b, 0x08, 0x00]), { contentType: 'application/gzip' });
      const manifest = JSON.parse(new TextDecoder().decode((await store.get(keys.manifest))?.body));
      manifest.files[0].count += 1;
      await store.putJson(keys.manifest, manifest);
      await store.put(keys.feedPair('KZ-TM', 'xml'), '<rss version="2.0"><channel><title>edited', { contentType: 'application/rss+xml' });
      await store.put(keys.series('KZ-TM'), '{"pair":"KZ-TM","entries":[]}', { contentType: 'application/json' });
      await store.put(keys.ingestState, '{"feeds":', { contentType: 'application/json' });
      return { article, daily, manifestFile: manifest.files[0].key as string };
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    const found = lines(check.stdout);
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${damaged.article}: unreadable: not JSON: `)),
      expect.stringMatching(/^archive\/daily\/2025-11-24\.ndjson\.gz: unreadable: /),
      // Stored, though damaged: the manifest's entry for it says so, not that it is missing.
      expect.stringMatching(/^archive\/manifest\.json: lists archive\/daily\/2025-11-24\.ndjson\.gz, which is stored but unreadable \(damaged\): \S/),
      expect.stringMatching(new RegExp(`^archive/manifest\\.json: ${damaged.manifestFile.replaceAll('.', '\\.')}: listed with \\d+ articles`)),
      'feeds/pair/kz-tm.xml: differs from what its index index/feeds/pair/kz-tm.json renders',
      expect.stringMatching(/^archive\/series\/kz-tm\.json: unreadable: unexpected content: updatedAt: /),
      expect.stringMatching(/^state\/ingest\.json: unreadable: not JSON: /),
    ]));
    expect(found.filter((line) => line.includes('which is not stored'))).toEqual([]);
    // The atlas counts every article, so it waits for the unreadable one: said, not skipped silently.
    expect(check.stderr).toMatch(/: \d+ problems \(kazfeed check --repair rebuilds what can be rebuilt\)\nnot checked: which articles each feed shows, until every stored article is readable and published\nnot checked: the atlas \(index\/site\/, site\/ and the OPML list\), until the 1 unreadable article is rebuilt\n$/);

    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.stdout).toBe('');
    expect(repair.stderr).toMatch(/: all is well\n$/);
    expect(repair.code).toBe(0);
    expect(repair.stderr).toContain(`rewrote ${damaged.article}`);
    expect(repair.stderr).toContain('re-rendered feeds/pair/kz-tm.xml and its JSON Feed from index/feeds/pair/kz-tm.json');
    expect(repair.stderr).toContain('rebuilt archive/series/kz-tm.json from the articles');
    expect(repair.stderr).toMatch(/state\/ingest\.json was unreadable \(not JSON: .*\); set aside as state\/ingest\.unreadable-/);
    expect((await kazfeed(['check'], { KAZFEED_HOME: home })).code).toBe(0);
    expect((await kazfeed(['export', '--strict'], { KAZFEED_HOME: home })).stdout).toBe(exported);
    const feeds = await onStore(home, async (store) => [await store.get(keys.feedPair('KZ-TM', 'xml')), await store.get(keys.series('KZ-TM'))]);
    const original = await onStore(base, async (store) => [await store.get(keys.feedPair('KZ-TM', 'xml')), await store.get(keys.series('KZ-TM'))]);
    expect(feeds[0]?.body).toEqual(original[0]?.body);
    expect(JSON.parse(new TextDecoder().decode(feeds[1]?.body)).entries).toEqual(JSON.parse(new TextDecoder().decode(original[1]?.body)).entries);
  }, 60_000);

  it('check --repair restores an article whose raw page is gone from the copy in its day\'s archive file, and names the raw page nothing rebuilds', async () => {
    const home = await copyHome();
    const { key, rawKey, before } = await onStore(home, async (store) => {
      const found = await firstKey(store, 'articles/');
      const article = JSON.parse(new TextDecoder().decode((await store.get(found))?.body));
      await store.delete(article.provenance.rawKey);
      return { key: found, rawKey: article.provenance.rawKey as string, before: await truncate(store, found) };
    });
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.stderr).toContain(`restored ${key} from archive/daily/`);
    const after = await onStore(home, async (store) => (await store.get(key))?.body);
    expect(JSON.parse(new TextDecoder().decode(after))).toEqual(JSON.parse(new TextDecoder().decode(before)));
    expect(lines(repair.stdout)).toEqual([`${rawKey}: missing: the raw page of ${JSON.parse(new TextDecoder().decode(after)).id}, from which reprocess rebuilds it`]);
    expect(repair.code).toBe(1);
  }, 60_000);

  it('check finds an atlas page, a pair state and the OPML list edited or gone; check --repair redraws them as publish drew them', async () => {
    const home = await copyHome();
    const atlasKeys = [keys.siteIndex, keys.sitePair('KZ-TM'), keys.opml, keys.sitePairState('KZ-TM')];
    const original = await onStore(base, (store) => Promise.all(atlasKeys.map(async (k) => (await store.get(k))?.body)));
    await onStore(home, async (store) => {
      await store.put(keys.siteIndex, '<!doctype html><title>edited</title>', { contentType: 'text/html' });
      await store.delete(keys.sitePair('KZ-TM'));
      await store.put(keys.opml, '<opml version="2.0"/>', { contentType: 'text/x-opml' });
      await store.putJson(keys.sitePairState('KZ-TM'), { pair: 'KZ-TM', kazakhstanInvolved: true, counted: {}, newest: [] });
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout).sort()).toEqual([
      'feeds/feeds.opml: differs from what the feeds render, though it was written so: changed since (kazfeed check --repair rewrites it)',
      expect.stringMatching(/^index\/site\/pairs\/kz-tm\.json: counts 0 articles under KZ-TM; the stored articles make [1-9]\d*$/),
      'site/index.html: differs from what the stored articles render, though it was written so: changed since (kazfeed check --repair rewrites it)',
      'site/pair/kz-tm.html: missing',
    ]);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.stderr).toMatch(/redrew the atlas from the articles \(\d+ pairs, \d+ pages and lists\)/);
    expect(repair.code, repair.stdout).toBe(0);
    const repaired = await onStore(home, (store) => Promise.all(atlasKeys.map(async (k) => (await store.get(k))?.body)));
    expect(repaired.slice(0, 3)).toEqual(original.slice(0, 3));
    expect(JSON.parse(new TextDecoder().decode(repaired[3]))).toEqual(JSON.parse(new TextDecoder().decode(original[3])));
  }, 60_000);

  it('what nothing can rebuild is reported and left: check --repair exits 1 naming it', async () => {
    const home = await copyHome();
    const report = await truncateFirst(home, 'runs/');
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code).toBe(1);
    expect(lines(repair.stdout)).toEqual([expect.stringMatching(new RegExp(`^${report}: unreadable: not JSON: `))]);
    expect(repair.stderr).toMatch(/: 1 problem remains after repair\n$/);
  }, 60_000);

  it('a run report in the shape an earlier version wrote (no source or kind per feed, no blocked count) is history, not damage', async () => {
    const home = await copyHome();
    await onStore(home, async (store) => {
      const key = await firstKey(store, 'runs/');
      const report = JSON.parse(new TextDecoder().decode((await store.get(key))?.body)) as { feeds: Record<string, unknown>[]; counts: Record<string, unknown> };
      for (const feed of report.feeds) {
        delete feed.source;
        delete feed.kind;
      }
      delete report.counts.blocked;
      await store.putJson(key, report);
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect([check.code, check.stdout]).toEqual([0, '']);
    expect(check.stderr).toMatch(/: all is well\n$/);
  }, 60_000);

  it('feeds an earlier version rendered are one line of check, not one per file; a page changed since it was written is named on its own; check --repair rewrites them', async () => {
    const home = await copyHome();
    const changed = [keys.feedAll('xml'), keys.feedAll('json'), 'site/index.html'];
    await onStore(home, async (store) => {
      const members = JSON.parse(new TextDecoder().decode((await store.get(keys.members))?.body)) as Record<string, unknown>;
      await store.putJson(keys.members, { ...members, renderFormat: 1 });
      for (const key of changed) {
        const object = await store.get(key);
        await store.put(key, `${new TextDecoder().decode(object?.body)}\n`, { contentType: object?.contentType ?? 'text/plain' });
      }
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect([check.code, lines(check.stdout)]).toEqual([1, [
      'site/index.html: differs from what the stored articles render, though it was written so: changed since (kazfeed check --repair rewrites it)',
      `index/members.json: the feeds and atlas pages were rendered by an earlier version (rendering 1; this version's is ${RENDER_FORMAT}), so 2 of them differ from what this version renders: the next publish renders them again (check --repair does it now)`,
    ]]);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stderr).toMatch(/: all is well\n$/);
  }, 60_000);

  it('a rejection an earlier version filed under the day it was rejected is named, and check --repair moves it to its item\'s day, where export --rejected --from/--to finds it', async () => {
    const home = await copyHome();
    const item = { id: 'ru-9a9a9a', url: 'https://www.inform.kz/ru/x-9a9a9a', feedUrl: 'https://www.inform.kz/rss/rus.xml', title: 'x', publishedAt: '2025-10-18T06:00:00.000Z', feedLanguage: 'ru' };
    const misfiled = 'rejected/2026/12/07/ru-9a9a9a.json';
    await onStore(home, (store) => store.putJson(misfiled, { id: item.id, item, rejectedAt: '2026-12-07T16:00:00.000Z', reason: 'HTTP 404, an answer, not retried', issues: [], rawKey: null }));
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect([check.code, lines(check.stdout)]).toEqual([1, [`${misfiled}: filed under 2026-12-07, not 2025-10-18, the day its item names, which export --rejected --from/--to and refetch select by (kazfeed check --repair moves it)`]]);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stderr).toContain(`moved ${misfiled} to rejected/2025/10/18/ru-9a9a9a.json, the day its page or item names\n`);
    const exported = await kazfeed(['export', '--rejected', '--from', '2025-10-18', '--to', '2025-10-18'], { KAZFEED_HOME: home });
    expect(lines(exported.stdout).map((line) => JSON.parse(line).id)).toEqual(['ru-9a9a9a']);
  }, 60_000);

  it('a JSON object under articles/ that is no article and has nothing to rebuild it from is named, holds no other check back, and gets no daily file', async () => {
    const home = await copyHome();
    await onStore(home, (store) => store.putJson('articles/2025/01/01/notes.json', { note: 'kept by hand' }));
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(lines(check.stdout)).toEqual([expect.stringMatching(/^articles\/2025\/01\/01\/notes\.json: unreadable: unexpected content: .*; nothing rebuilds it \(no raw page, no copy in its day's archive file\): delete it if it is no article$/)]);
    expect(check.stderr).not.toContain('not checked');
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code).toBe(1);
    expect(await onStore(home, (store) => store.exists(keys.daily('2025-01-01')))).toBe(false);
  }, 60_000);

  it('check --repair under a run lease dated years ahead says the lease was never a run\'s, and which object to delete', async () => {
    const home = await copyHome();
    await onStore(home, (store) => store.putJson(keys.lease, { owner: 'run:hand-edited', expiresAt: '2030-01-01T00:00:00.000Z' }));
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code).toBe(1);
    expect(repair.stderr).toBe('kazfeed: another run (run:hand-edited) is in progress, its lease until 2030-01-01T00:00:00.000Z: nothing was repaired; run kazfeed check --repair again once it has ended; that is further ahead than any lease is taken for (15 min at most): a clock set ahead or a hand edit? If no run is going, delete state/lease.json and repair again\n');
    await onStore(home, (store) => store.putJson('articles/2025/01/01/notes.json', { note: 'a problem for check to find' }));
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.stderr).toContain('; that is further ahead than any lease is taken for (15 min at most): a clock set ahead or a hand edit? If no run is going, delete state/lease.json and check again\n');
  }, 60_000);

  it('a store an earlier kazfeed rebased to "notaurl" (feeds and index/members.json) is repaired: members.json rebuilt from the feed indexes, the feeds re-rendered', async () => {
    const home = await copyHome();
    const original = await onStore(base, async (store) => (await store.get(keys.members))?.body);
    await onStore(home, async (store) => {
      for await (const indexKey of store.list(keys.feedIndexPrefix)) {
        const index = (await store.getJson(indexKey, FeedIndex))?.value;
        for (const file of renderFeedFiles(keys.feedOfIndex(indexKey), index?.entries ?? [], 'notaurl', index?.updatedAt ?? '')) await writeFeedFile(store, file);
      }
      const members = JSON.parse(new TextDecoder().decode((await store.get(keys.members))?.body));
      await store.putJson(keys.members, { ...members, publicBaseUrl: 'notaurl' });
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout)).toContain('index/members.json: unreadable: unexpected content: publicBaseUrl: Invalid URL');
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.stderr).toMatch(/rebuilt index\/members\.json from the feed indexes \(\d+ articles shown; feeds served from http:\/\/127\.0\.0\.1:8080, the default\)/);
    expect(repair.code, repair.stdout).toBe(0);
    const rebuilt = await onStore(home, async (store) => (await store.get(keys.members))?.body);
    const feedsOf = (body: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(body)).feeds as Record<string, string[]>;
    expect(feedsOf(rebuilt)).toEqual(feedsOf(original));
    expect((await kazfeed(['check'], { KAZFEED_HOME: home })).code).toBe(0);
    const run = await kazfeed(runFlags, { KAZFEED_HOME: home });
    expect(run.code, run.stderr).toBe(0);
  }, 60_000);

  it('check finds a feed that does not show the newest articles of its kind (one an older publish let shrink), and --repair refills it', async () => {
    const home = await copyHome();
    const dropped = await onStore(home, async (store) => {
      // As a publish before the refill left a feed an article had left: the entry gone, and nothing in its place.
      const indexKey = keys.feedIndex('feeds/all.xml');
      const index = (await store.getJson(indexKey, FeedIndex))?.value as FeedIndex;
      const [first, ...rest] = index.entries;
      await store.putJson(indexKey, { ...index, entries: rest });
      for (const file of renderFeedFiles('feeds/all.xml', rest, 'http://127.0.0.1:8080', index.updatedAt)) await writeFeedFile(store, file);
      return first?.id as string;
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout)).toEqual([expect.stringMatching(new RegExp(`^index/feeds/all\\.json: shows \\d+ articles, not the newest \\d+ of its kind: lacks ${dropped}$`))]);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const shown = await onStore(home, async (store) => JSON.parse(new TextDecoder().decode((await store.get('feeds/all.json'))?.body)).items.map((i: { id: string }) => i.id));
    expect(shown).toContain(dropped);
    const members = await onStore(home, async (store) => JSON.parse(new TextDecoder().decode((await store.get(keys.members))?.body)).feeds as Record<string, string[]>);
    expect(members[dropped]).toContain('feeds/all.xml');
    expect((await kazfeed(['check'], { KAZFEED_HOME: home })).code).toBe(0);
  }, 60_000);

  it('check finds a feed index that is gone or not JSON; check --repair rebuilds both from the articles, and the feeds are as they were', async () => {
    const home = await copyHome();
    const original = await onStore(base, async (store) => [await store.get('feeds/all.xml'), await store.get('feeds/pair/kz-tm.json')]);
    await onStore(home, async (store) => {
      await store.delete(keys.feedIndex('feeds/all.xml'));
      await store.delete('feeds/all.xml');
      await store.put(keys.feedIndex('feeds/pair/kz-tm.xml'), '{"entries": [', { contentType: 'application/json' });
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^index\/feeds\/all\.json: missing, though \d+ articles of its feed are stored$/),
      expect.stringMatching(/^index\/feeds\/pair\/kz-tm\.json: unreadable: not JSON: /),
    ]));
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const after = await onStore(home, async (store) => [await store.get('feeds/all.xml'), await store.get('feeds/pair/kz-tm.json')]);
    expect(new TextDecoder().decode(after[0]?.body).replace(/<lastBuildDate>[^<]*/, '')).toBe(new TextDecoder().decode(original[0]?.body).replace(/<lastBuildDate>[^<]*/, ''));
    expect(JSON.parse(new TextDecoder().decode(after[1]?.body)).items).toEqual(JSON.parse(new TextDecoder().decode(original[1]?.body)).items);
    expect((await kazfeed(['check'], { KAZFEED_HOME: home })).code).toBe(0);
  }, 60_000);

  it('check names a raw page whose article was deleted by hand; check --repair rebuilds the article from it instead of dropping it from the archive', async () => {
    const home = await copyHome();
    const exported = (await kazfeed(['export'], { KAZFEED_HOME: base })).stdout;
    const { key, rawKey } = await onStore(home, async (store) => {
      const found = await firstKey(store, 'articles/');
      const article = JSON.parse(new TextDecoder().decode((await store.get(found))?.body));
      await store.delete(found);
      return { key: found, rawKey: article.provenance.rawKey as string };
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout)).toContain(`${rawKey}: no article or rejection has its id: reprocess rebuilds its article (${key})`);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stderr).toContain(`rewrote ${key}`);
    expect((await kazfeed(['export'], { KAZFEED_HOME: home })).stdout).toBe(exported);
    expect((await kazfeed(['check'], { KAZFEED_HOME: home })).code).toBe(0);
  }, 60_000);

  it('a raw page whose id has an article or a rejection under another day (refetch, a rejection filed the day it was rejected) is no orphan', async () => {
    const home = await copyHome();
    const rawKey = await onStore(home, async (store) => {
      const key = await firstKey(store, 'articles/');
      const article = JSON.parse(new TextDecoder().decode((await store.get(key))?.body));
      await store.delete(key);
      const rejectedAt = '2027-06-01T00:00:00.000Z';
      await store.putJson(keys.rejected(article.id, rejectedAt), {
        id: article.id, item: { id: article.id, url: article.url, feedUrl: article.url, title: '', publishedAt: null, feedLanguage: null },
        rejectedAt, reason: 'HTTP 404, an answer, not retried', issues: [], rawKey: article.provenance.rawKey,
      });
      return article.provenance.rawKey as string;
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(lines(check.stdout).filter((line) => line.startsWith(rawKey))).toEqual([]);
  }, 60_000);

  it('check names a raw page uploaded again without its metadata, from which reprocess could no longer rebuild its article', async () => {
    const home = await copyHome();
    const { rawKey, id } = await onStore(home, async (store) => {
      const article = JSON.parse(new TextDecoder().decode((await store.get(await firstKey(store, 'articles/')))?.body));
      const raw = await store.get(article.provenance.rawKey);
      await store.put(article.provenance.rawKey, raw?.body ?? new Uint8Array(), { contentType: 'application/gzip' });
      return { rawKey: article.provenance.rawKey as string, id: article.id as string };
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout)).toEqual([`${rawKey}: its metadata names no item fetched (uploaded again without it?): the raw page of ${id}, from which reprocess can no longer rebuild it`]);
  }, 60_000);

  it('check names index/members.json gone; check --repair rebuilds it and keeps the address the feeds are served from', async () => {
    const home = await copyHome();
    expect((await kazfeed(['reprocess', '--public-url', 'https://feeds.example.org'], { KAZFEED_HOME: home })).code).toBe(0);
    const before = await onStore(home, async (store) => {
      const feed = new TextDecoder().decode((await store.get('feeds/all.xml'))?.body);
      await store.delete(keys.members);
      return feed;
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect([check.code, lines(check.stdout)]).toEqual([1, ['index/members.json: missing: which feeds show which article, and where they are served from (rebuilt from the feed indexes and feeds/all.json)']]);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const after = await onStore(home, async (store) => ({
      feed: new TextDecoder().decode((await store.get('feeds/all.xml'))?.body),
      base: (await store.getJson(keys.members, FeedMembership))?.value.publicBaseUrl,
    }));
    expect(after.base).toBe('https://feeds.example.org');
    expect(after.feed).toBe(before);
    expect((await kazfeed(['check'], { KAZFEED_HOME: home })).code).toBe(0);
  }, 60_000);

  it('a copy of an article under another name is named and left out of the archive; one whose date was edited in place is moved to its own key by check --repair', async () => {
    const home = await copyHome();
    const exported = lines((await kazfeed(['export'], { KAZFEED_HOME: base })).stdout);
    const { copyKey, movedKey, ownKey, id } = await onStore(home, async (store) => {
      const [first, second] = await (async () => {
        const found: string[] = [];
        for await (const key of store.list('articles/')) if (key.endsWith('.json')) found.push(key);
        return found;
      })();
      const copied = (await store.get(first as string))?.body as Uint8Array;
      const copyKey = (first as string).replace(/\.json$/, ' (1).json');
      await store.put(copyKey, copied, { contentType: 'application/json' });
      const article = JSON.parse(new TextDecoder().decode((await store.get(second as string))?.body));
      const publishedAt = new Date(Date.parse(article.publishedAt) + 2 * 86_400_000).toISOString();
      await store.putJson(second as string, { ...article, publishedAt });
      return { copyKey, movedKey: second as string, ownKey: keys.article(article.id, publishedAt), id: article.id as string };
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout)).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${copyKey.replace(/[.()]/g, '\\$&')}: holds article \\S+ published \\S+, whose key is \\S+, stored too: a copy, left out of the archive \\(delete it\\)$`)),
      expect.stringMatching(new RegExp(`^${movedKey.replace(/\./g, '\\.')}: holds article ${id} published \\S+, whose key is ${ownKey.replace(/\./g, '\\.')} \\(kazfeed check --repair moves it there\\)$`)),
    ]));
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.stderr).toContain(`moved ${movedKey} to ${ownKey}, the key of its publication day, and its raw page to `);
    // The copy is all that is left to say; the archive holds every article once.
    expect(lines(repair.stdout)).toEqual([expect.stringMatching(/stored too: a copy, left out of the archive \(delete it\)$/)]);
    const after = lines((await kazfeed(['export'], { KAZFEED_HOME: home })).stdout).map((l) => JSON.parse(l).id);
    expect(after.filter((x) => x === id)).toEqual([id]);
    // The copy is left out of export too, as of the daily files.
    expect(after.sort()).toEqual(exported.map((l) => JSON.parse(l).id as string).sort());
    const daily = await onStore(home, async (store) => {
      const ids: string[] = [];
      for await (const key of store.list('archive/daily/')) {
        const object = await store.get(key);
        if (key.endsWith('.ndjson.gz') && object) ids.push(...gunzipSync(object.body).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).id as string));
      }
      return ids.sort();
    });
    expect(daily).toEqual(exported.map((l) => JSON.parse(l).id as string).sort());
  }, 60_000);

  it('check names an article stored twice under two days (its page\'s date changed, then reached again by another link)', async () => {
    const home = await copyHome();
    const { first, second } = await onStore(home, async (store) => {
      const key = await firstKey(store, 'articles/');
      const article = JSON.parse(new TextDecoder().decode((await store.get(key))?.body));
      const publishedAt = new Date(Date.parse(article.publishedAt) + 86_400_000).toISOString();
      const { key: again } = await storeArticle(store, { ...article, publishedAt }, { overwrite: false });
      return { first: key, second: again };
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    const id = first.slice(first.lastIndexOf('/') + 1, -'.json'.length);
    const line = `article ${id} is stored 2 times (${first}, ${second}): keep the one whose date is right and delete the others`;
    expect(lines(check.stdout)).toEqual(expect.arrayContaining([`${first}: ${line}`, `${second}: ${line}`]));
  }, 60_000);

  it('check judges the feeds by the feedSize they were published with (a deployment\'s setting), not by this machine\'s default', async () => {
    const home = await copyHome();
    await onStore(home, async (store) => {
      const members = JSON.parse(new TextDecoder().decode((await store.get(keys.members))?.body));
      expect(members.feedSize).toBe(100);
      await store.putJson(keys.members, { ...members, feedSize: 2 });
    });
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code).toBe(1);
    expect(lines(check.stdout)).toContainEqual(expect.stringMatching(/^index\/feeds\/all\.json: shows \d+ articles, not the newest 2 of its kind: shows .+, which are not among them$/));
  }, 60_000);

  it('check --repair cuts each feed to its newest articles when the feeds were published smaller than they show, and rebuilds a deleted index from all the articles of its kind', async () => {
    const home = await copyHome();
    const size = 3;
    await onStore(home, async (store) => {
      const members = JSON.parse(new TextDecoder().decode((await store.get(keys.members))?.body));
      await store.putJson(keys.members, { ...members, feedSize: size });
      await store.delete(keys.feedIndex(keys.feedAll('xml')));
    });
    const bilateral = lines((await kazfeed(['export'], { KAZFEED_HOME: home })).stdout).map((line) => JSON.parse(line) as Article).filter((a) => a.relations.kind === 'bilateral' && a.relations.pair);
    // Three times the size at least, so that what is kept of the feed while the store is read (cut at twice the size) is cut more than once.
    expect(bilateral.length).toBeGreaterThanOrEqual(3 * size);
    const newest = (among: Article[]) => [...among].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id)).slice(0, size).map((a) => a.id);

    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(lines(check.stdout)).toContain(`index/feeds/all.json: missing, though ${bilateral.length} articles of its feed are stored`);
    const repair = await kazfeed(['check', '--repair'], { KAZFEED_HOME: home });
    expect(repair.code, repair.stdout).toBe(0);
    await onStore(home, async (store) => {
      const shown = async (xmlKey: string) => (await store.getJson(keys.feedIndex(xmlKey), FeedIndex))?.value.entries.map((e) => e.id);
      expect(await shown(keys.feedAll('xml'))).toEqual(newest(bilateral));
      const pair = bilateral[0]?.relations.pair as string;
      expect(await shown(keys.feedPair(pair, 'xml'))).toEqual(newest(bilateral.filter((a) => a.relations.pair === pair)));
      const language = bilateral[0]?.language as Article['language'];
      expect(await shown(keys.feedLang(language, 'xml'))).toEqual(newest(bilateral.filter((a) => a.language === language)));
    });
  }, 60_000);

  it('serve serves a store whose index/members.json is unreadable, as it is stored', async () => {
    const home = await copyHome();
    await truncateFirst(home, keys.members);
    const serve = kazfeedUntil(['serve', '--port', '0'], { KAZFEED_HOME: home }, /serving .* on (http:\/\/127\.0\.0\.1:\d+)/);
    try {
      const origin = await serve.started;
      expect((await fetch(`${origin}/feeds/all.xml`)).status).toBe(200);
    } finally {
      serve.child.kill('SIGINT');
      expect(await serve.exited).toBe(0);
    }
  }, 60_000);

  it('check --repair does not rebuild index/members.json without a feed index it failed to read: the failure is raised and members.json is left', async () => {
    const home = await copyHome();
    await onStore(home, async (store) => {
      const members = JSON.parse(new TextDecoder().decode((await store.get(keys.members))?.body));
      await store.putJson(keys.members, { ...members, publicBaseUrl: 'notaurl' });
      const before = (await store.get(keys.members))?.body;
      const audit = await auditStore(store);
      const failing = await firstKey(store, keys.feedIndexPrefix);
      const getJson = store.getJson.bind(store);
      store.getJson = ((key: string, schema: never) => (key === failing ? Promise.reject(new StoreError('GET', key, new Error('socket hang up'))) : getJson(key, schema))) as typeof store.getJson;
      const options = { feedSize: 50, pipelineVersion: 'test', owner: 'check:test', leaseTtlMs: 60_000, log: { info: () => {}, warn: () => {}, error: () => {} } };
      await expect(repairStore(store, audit, options)).rejects.toThrow(`S3 GET ${failing} failed: socket hang up`);
      expect((await store.get(keys.members))?.body).toEqual(before);
    });
  }, 60_000);

  /**
   * Runs a repair on a store where time passes as it is read (`perGet` at each object read,
   * `perList` at each listing); returns who held the run lease, as a run would read it, at each
   * read and listing from the repair's taking it to its giving it up.
   */
  async function repairWatchingLease(store: Store, audit: Audit, pass: { perGet: number; perList: number }) {
    let clock = Date.now();
    const holders: (string | null)[] = [];
    let released = false;
    // Reads the lease by a store that does not pass the time.
    const observer = new Store(store.client, store.bucket);
    const look = async (passes: number) => {
      if (released) return;
      clock += passes;
      holders.push((await leaseHolder(observer, keys.lease, new Date(clock)))?.owner ?? null);
    };
    const get = store.get.bind(store);
    store.get = (async (key: string) => {
      await look(pass.perGet);
      return get(key);
    }) as typeof store.get;
    const list = store.list.bind(store);
    store.list = async function* (prefix: string) {
      await look(pass.perList);
      yield* list(prefix);
    };
    const remove = store.delete.bind(store);
    store.delete = (async (key: string) => {
      if (key === keys.lease) released = true;
      return remove(key);
    }) as typeof store.delete;
    const options = { feedSize: 50, pipelineVersion: 'test', owner: 'check:test', leaseTtlMs: 15 * 60_000, now: () => new Date(clock), log: { info: () => {}, warn: () => {}, error: () => {} } };
    const after = await repairStore(store, audit, options);
    return { after, held: holders.slice(holders.indexOf('check:test')) };
  }

  it('check --repair keeps the run lease while it audits and rebuilds, however long that takes: no run can take it over before the repair gives it up', async () => {
    const home = await copyHome();
    await onStore(home, async (store) => {
      await truncate(store, await firstKey(store, 'articles/'));
      // Ten seconds pass at every object read: the repair reads for longer than twice its 15-minute lease.
      const { after, held } = await repairWatchingLease(store, await auditStore(store), { perGet: 10_000, perList: 0 });
      expect(after.findings).toEqual([]);
      expect(held.length).toBeGreaterThan(2 * 90);
      expect(held.filter((owner) => owner !== 'check:test')).toEqual([]);
    });
  }, 120_000);

  it('check --repair keeps the run lease while it rebuilds articles deleted by hand on many days, each day quick', async () => {
    const home = await copyHome();
    await onStore(home, async (store) => {
      const byDay = new Map<string, string>();
      for await (const key of store.list('articles/')) if (key.endsWith('.json')) byDay.set(key.split('/').slice(1, 4).join('/'), key);
      for (const key of byDay.values()) await store.delete(key);
      const audit = await auditStore(store);
      expect(audit.orphanRawKeys.size).toBe(byDay.size);
      // Four minutes pass at every listing (each day's rebuild lists its day once): no day takes a third of the lease.
      const { after, held } = await repairWatchingLease(store, audit, { perGet: 0, perList: 4 * 60_000 });
      expect(after.findings).toEqual([]);
      expect(byDay.size * 4).toBeGreaterThan(2 * 15);
      expect(held.filter((owner) => owner !== 'check:test')).toEqual([]);
    });
  }, 120_000);

  it('a corrupted state/ingest.json is set aside with a timestamp and rebuilt from the archive: the run exits 0 and fetches nothing again', async () => {
    const home = await copyHome();
    const corrupt = new TextEncoder().encode('{"feeds": {"http://exa');
    await onStore(home, (store) => store.put(keys.ingestState, corrupt, { contentType: 'application/json' }));
    const run = await kazfeed([...runFlags, '--json'], { KAZFEED_HOME: home });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/state\/ingest\.json was unreadable \(not JSON: .+\); set aside as state\/ingest\.unreadable-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.json and rebuilt from the archive \(\d+ items known; each source is read in full once\)/);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ new: 0, fetched: 0, errors: 0 });
    const { aside, state } = await onStore(home, async (store) => {
      const asideKeys: string[] = [];
      for await (const key of store.list('state/ingest.unreadable-')) asideKeys.push(key);
      return { aside: await Promise.all(asideKeys.map(async (key) => (await store.get(key))?.body)), state: await store.get(keys.ingestState) };
    });
    expect(aside).toEqual([corrupt]);
    expect(JSON.parse(new TextDecoder().decode(state?.body)).items).toBeTypeOf('object');
    const next = await kazfeed(runFlags, { KAZFEED_HOME: home });
    expect(next.code).toBe(0);
    expect(next.stderr).not.toContain('unreadable');
  });
});
