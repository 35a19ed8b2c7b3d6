import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FEED_TITLE } from '../../functions/ingest/items.ts';
import { readSource } from '../../functions/ingest/read-source.ts';
import { FeedParseError } from '../../functions/ingest/xml.ts';
import { articleId, canonicalUrl } from '../../functions/lib/urls.ts';
import { SourceItem } from '../../schemas/source-item.ts';
import { SAMPLE_SITE } from '../support/stack.ts';
import { hostileText } from './arbitraries.ts';
import { countFuzzRuns, fuzzRuns, reportFuzzRuns } from './count.ts';

afterAll(() => reportFuzzRuns('fuzz/parse-feed'));

const FEED_URL = 'https://www.inform.kz/rss/eng.xml';

/** readSource's contract: items, or a FeedParseError naming the source; never anything else. */
async function outcome(xml: string, contentType = 'application/rss+xml') {
  try {
    return readSource(xml, contentType, { url: FEED_URL });
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as FeedParseError).feedUrl).toBe(FEED_URL);
    expect((error as Error).message.endsWith(`: ${FEED_URL}`)).toBe(true);
    return null;
  }
}

function checkItems(parsed: ReturnType<typeof readSource>) {
  const ids = parsed.items.map((i) => i.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const item of parsed.items) {
    expect(SourceItem.safeParse(item).success).toBe(true);
    expect(item.title).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
    expect([...item.title].length).toBeLessThanOrEqual(MAX_FEED_TITLE);
  }
  for (const skipped of parsed.skipped) expect(skipped.reason).toMatch(/^(no link|unusable link|link longer than)/);
}

/** XML escaping for the generator: the feed is well-formed unless the mutation says otherwise. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const linkArb = fc.oneof(
  fc.webPath().map((p) => `https://www.inform.kz/en${p}-${'abc123'}`),
  fc.tuple(fc.webPath(), fc.integer({ min: 0, max: 0xffffff })).map(([p, n]) => `https://www.inform.kz/ru${p}-${n.toString(16).padStart(6, '0')}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('javascript:alert(1)', 'data:text/html,x', '/en/relative-abc123', '//cdn.example/x', 'not a url', '', ' ', 'https://', 'https://www.inform.kz/' + 'x'.repeat(2000)),
  hostileText(4),
);
const itemArb = fc.record({
  title: fc.option(hostileText(), { nil: undefined }),
  link: fc.option(linkArb, { nil: undefined }),
  guid: fc.option(fc.oneof(linkArb, hostileText(3)), { nil: undefined }),
  pubDate: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), hostileText(3), fc.constantFrom('Tue, 21 Oct 2025 16:05:00 +0500', '2025-10-21T16:05:00Z', '31.12.2025', 'yesterday')), { nil: undefined }),
  cdata: fc.boolean(),
});
const element = (name: string, value: string | undefined, cdata: boolean) =>
  value === undefined ? '' : cdata && !value.includes(']]>') ? `<${name}><![CDATA[${value}]]></${name}>` : `<${name}>${esc(value)}</${name}>`;

const rssArb = fc.record({ items: fc.array(itemArb, { maxLength: 8 }), duplicate: fc.boolean(), bom: fc.boolean(), atom: fc.boolean() }).map(({ items, duplicate, bom, atom }) => {
  // Entries whose link is a Kazinform article URL must come out as items (once per id).
  const expectedIds = [...new Set(items.flatMap((i) => (i.link !== undefined && /^https:\/\/www\.inform\.kz\/(en|ru)\/.*-[0-9a-f]{6}$/.test(i.link) ? [articleId(canonicalUrl(i.link) as string)] : [])))];
  const all = duplicate && items[0] ? [...items, items[0]] : items;
  const body = atom
    ? `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>${all.map((i) => `<entry>${element('title', i.title, false)}${i.link === undefined ? '' : `<link href="${esc(i.link).replace(/"/g, '&quot;')}"/>`}${element('id', i.guid, false)}${element('updated', i.pubDate, false)}</entry>`).join('')}</feed>`
    : `<rss version="2.0"><channel><title>t</title><link>https://www.inform.kz/</link><description>d</description>${all.map((i) => `<item>${element('title', i.title, i.cdata)}${element('link', i.link, false)}${element('guid', i.guid, false)}${element('pubDate', i.pubDate, false)}</item>`).join('')}</channel></rss>`;
  return { xml: `${bom ? '\uFEFF' : ''}<?xml version="1.0" encoding="UTF-8"?>\n${body}`, expectedIds, entries: all.length };
});

describe('readSource, fuzzed', () => {
  let samples: string[] = [];
  beforeAll(async () => {
    samples = await Promise.all(['rus.xml', 'eng.xml', 'kaz.xml', 'oz.xml', 'cn.xml'].map((f) => readFile(join(SAMPLE_SITE, 'rss', f), 'utf8')));
  });

  it('never throws anything but FeedParseError, whatever the text and its content type', async () => {
    const contentType = fc.constantFrom('application/rss+xml', 'text/html; charset=utf-8', 'application/json', 'text/plain', '');
    const property = fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), hostileText(30)), contentType, async (text, type) => {
      const parsed = await outcome(text, type);
      if (parsed) checkItems(parsed);
    });
    await fc.assert(countFuzzRuns('readSource arbitrary text', property), { numRuns: fuzzRuns(500) });
  });

  it('reads generated RSS and Atom with hostile titles, links, guids, dates, duplicates and BOMs into valid, unique items', async () => {
    const property = fc.asyncProperty(rssArb, async ({ xml, expectedIds, entries }) => {
      const parsed = await outcome(xml);
      expect(parsed).not.toBeNull(); // well-formed feeds always parse
      checkItems(parsed!);
      const ids = parsed!.items.map((i) => i.id);
      for (const id of expectedIds) expect(ids).toContain(id);
      expect(parsed!.items.length + parsed!.skipped.length).toBeLessThanOrEqual(entries);
    });
    await fc.assert(countFuzzRuns('readSource generated feeds', property), { numRuns: fuzzRuns(400) });
  });

  it('copes with the sample feeds cut short or with bytes inserted anywhere', async () => {
    const property = fc.asyncProperty(fc.nat(4), fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constant(null), hostileText(3)), async (which, at, insert) => {
      const sample = samples[which] as string;
      const cut = Math.floor(at * sample.length);
      const parsed = await outcome(insert === null ? sample.slice(0, cut) : sample.slice(0, cut) + insert + sample.slice(cut));
      if (parsed) checkItems(parsed);
    });
    await fc.assert(countFuzzRuns('readSource mutated samples', property), { numRuns: fuzzRuns(400) });
  });
});
