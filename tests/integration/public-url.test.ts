import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { kazfeed } from '../support/cli.ts';
import { SAMPLE_SITE } from '../support/stack.ts';

/** Every feed file's text, by key. */
async function feedTexts(home: string): Promise<Map<string, string>> {
  const s3 = await connectEmbeddedS3(home);
  try {
    const texts = new Map<string, string>();
    for await (const key of s3.store.list('feeds/')) {
      if (key.endsWith('.xml') || key.endsWith('.json')) texts.set(key, new TextDecoder().decode((await s3.store.get(key))?.body));
    }
    return texts;
  } finally {
    await s3.stop();
  }
}

/** One stored object's text, or null. */
async function storedText(home: string, key: string): Promise<string | null> {
  const s3 = await connectEmbeddedS3(home);
  try {
    const object = await s3.store.get(key);
    return object ? new TextDecoder().decode(object.body) : null;
  } finally {
    await s3.stop();
  }
}

describe('--public-url reaches every feed even when no article changed', () => {
  let site: ReplaySite;
  let home: string;
  let runFlags: string[];
  beforeAll(async () => {
    site = await startReplaySite(SAMPLE_SITE);
    home = await mkdtemp(join(tmpdir(), 'kazfeed-public-url-'));
    runFlags = ['run', ...site.feedUrls.flatMap((url) => ['--feed', url]), '--allow-host', new URL(site.origin).host];
    const first = await kazfeed(runFlags, { KAZFEED_HOME: home });
    if (first.code !== 0) throw new Error(first.stderr);
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await rm(home, { recursive: true, force: true });
  });

  for (const [command, url] of [['reprocess', 'https://feeds.example.org'], ['run', 'https://kz.example.net/news']] as const) {
    it(`${command} --public-url ${url}: every feed's self link names it, though nothing new was stored`, async () => {
      const out = await kazfeed([...(command === 'run' ? runFlags : ['reprocess']), '--public-url', url], { KAZFEED_HOME: home });
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toMatch(new RegExp(`self links: [1-9]\\d* feed files and pages rewritten to name ${url.replaceAll('.', '\\.')}\\n`));
      const feeds = await feedTexts(home);
      expect(feeds.size).toBeGreaterThan(10);
      for (const [key, text] of feeds) {
        expect(text, key).toContain(`${url}/${key}`);
        expect(text, key).not.toContain('127.0.0.1:8080');
      }
      const again = await kazfeed([...(command === 'run' ? runFlags : ['reprocess']), '--public-url', url], { KAZFEED_HOME: home });
      expect(again.stderr).toContain(`self links: 0 feed files and pages rewritten to name ${url}\n`);
      // The OPML list names the feeds under the new base too: the store checks clean at once.
      expect(await storedText(home, 'feeds/feeds.opml')).toContain(`xmlUrl="${url}/feeds/all.xml"`);
      const check = await kazfeed(['check'], { KAZFEED_HOME: home });
      expect(check.code, check.stdout + check.stderr).toBe(0);
    }, 60_000);
  }

  it('a --public-url that is not an http(s) URL is one line and exit 1, with nothing written: the next command reads the store as before', async () => {
    const members = await storedText(home, 'index/members.json');
    const opml = await storedText(home, 'feeds/feeds.opml');
    for (const [args, reason] of [
      [['reprocess', '--public-url', 'notaurl'], 'expected an absolute http or https URL, e.g. https://feeds.example.org'],
      [[...runFlags, '--public-url', 'ftp://example.org'], 'expected an http or https URL, not ftp'],
      [[...runFlags, '--public-url', 'https://example.org/?utm=1'], 'expected a URL without credentials, query or fragment'],
    ] as const) {
      const out = await kazfeed([...args], { KAZFEED_HOME: home });
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr).toBe(`kazfeed: option '--public-url <url>' argument '${args.at(-1)}' is invalid. ${reason} (see kazfeed ${args[0]} --help)\n`);
    }
    expect(await storedText(home, 'index/members.json')).toBe(members);
    expect(await storedText(home, 'feeds/feeds.opml')).toBe(opml);
    const after = await kazfeed(['reprocess'], { KAZFEED_HOME: home });
    expect(after.code, after.stderr).toBe(0);
  }, 60_000);
});

describe('--public-url on a store where nothing is published yet', () => {
  let site: ReplaySite;
  let home: string;
  beforeAll(async () => {
    site = await startReplaySite(SAMPLE_SITE);
    home = await mkdtemp(join(tmpdir(), 'kazfeed-public-url-first-'));
  });
  afterAll(async () => {
    await site?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('is kept for the first publish, which a later command without the flag makes', async () => {
    const host = new URL(site.origin).host;
    const url = 'https://feeds.example.org';
    const empty = await kazfeed(['run', '--feed', `${site.origin}/no-such-feed.xml`, '--allow-host', host, '--public-url', url], { KAZFEED_HOME: home });
    expect(empty.stderr).toContain(`self links: nothing is published yet; the first publish names ${url}\n`);
    expect(empty.stderr).not.toMatch(/published \d+ feed files/);
    const check = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect(check.code, check.stdout + check.stderr).toBe(0);

    const first = await kazfeed(['run', ...site.feedUrls.flatMap((feed) => ['--feed', feed]), '--allow-host', host], { KAZFEED_HOME: home });
    expect(first.code, first.stderr).toBe(0);
    const feeds = await feedTexts(home);
    expect(feeds.size).toBeGreaterThan(10);
    for (const [key, text] of feeds) {
      expect(text, key).toContain(`${url}/${key}`);
      expect(text, key).not.toContain('127.0.0.1:8080');
    }
    expect(await storedText(home, 'feeds/feeds.opml')).toContain(`xmlUrl="${url}/feeds/all.xml"`);
  }, 60_000);
});
