import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CountryCode, Topic } from '../../schemas/article.ts';
import { siteIdOf } from '../../functions/lib/urls.ts';
import { CORPUS_FILE, DEV_DIR, loadCorpus, loadDevParts, loadDevSet } from './corpus.ts';
import { PARTS } from './split.ts';

const RESERVED_FILE = path.join(path.dirname(CORPUS_FILE), 'reserved-urls.txt');

const Entry = z.strictObject({
  id: z.string().regex(/^(?:en|ru|kk|kk-Latn|kk-Arab|uz-Cyrl|zh)-(?:a\d{6,8}|[0-9a-f]{6})$/),
  url: z.url().refine((u) => /^https?:\/\/(?:[a-z]+\.)*(?:inform\.kz|qazinform\.com)\//.test(u), 'a Kazinform address'),
  language: z.enum(['en', 'ru', 'kk', 'kk-Latn', 'kk-Arab', 'uz-Cyrl', 'zh']),
  title: z.string(),
  text: z.string().min(80),
  label: z.strictObject({
    bilateral: z.boolean(),
    countries: z.array(CountryCode),
    pair: z.string().nullable(),
    kazakhstanInvolved: z.boolean(),
    topics: z.array(Topic).min(1).max(3),
  }),
  note: z.string().min(10),
});

/** Kazinform's own article id, whatever the host or AMP form; the address itself when it has none. */
function articleId(url: string): string {
  return (URL.canParse(url) ? siteIdOf(new URL(url)) : null) ?? url.replace(/\/+$/, '');
}

describe('the project\'s own labelled development set', () => {
  const entries = loadDevSet();

  it('has entries of the corpus format, each labelled consistently', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(() => Entry.parse(e), e.id).not.toThrow();
      expect(e.id.startsWith(`${e.language}-${articleId(e.url)}`), e.id).toBe(true);
      const { bilateral, countries, pair, kazakhstanInvolved } = e.label;
      if (bilateral) {
        expect(countries, e.id).toEqual([...countries].sort());
        expect([countries.length, pair, kazakhstanInvolved], e.id).toEqual([2, countries.join('-'), countries.includes('KZ')]);
      } else {
        expect([countries, pair, kazakhstanInvolved], e.id).toEqual([[], null, false]);
      }
    }
  });

  it('holds each article once', () => {
    const ids = entries.map((e) => articleId(e.url));
    expect(ids.length).toBe(new Set(ids).size);
  });

  it.skipIf(!existsSync(CORPUS_FILE))('uses no article of the shared sample and none reserved for independent evaluation', () => {
    const reserved = new Set(readFileSync(RESERVED_FILE, 'utf8').split('\n').filter((l) => l.trim()).map(articleId));
    const shared = new Set(loadCorpus().map((a) => articleId(a.url)));
    for (const e of entries) {
      expect(reserved.has(articleId(e.url)), `${e.id} is reserved`).toBe(false);
      expect(shared.has(articleId(e.url)), `${e.id} is in the shared sample`).toBe(false);
    }
  });

  it('pins every article, and only the set\'s articles, to a part of the frozen split (npm run pin:dev-split)', () => {
    const parts = loadDevParts();
    expect(entries.map((e) => e.id).filter((id) => !parts.has(id)), 'not pinned: run npm run pin:dev-split').toEqual([]);
    expect([...parts.keys()].filter((id) => !entries.some((e) => e.id === id)), 'pinned but not in the set').toEqual([]);
    expect(new Set(parts.values())).toEqual(new Set(PARTS));
  });

  it('is counted in its README', () => {
    const readme = readFileSync(path.join(DEV_DIR, 'README.md'), 'utf8');
    expect(readme).toContain(`| **total** | ${entries.filter((e) => e.label.kazakhstanInvolved).length} | ${entries.filter((e) => e.label.bilateral && !e.label.kazakhstanInvolved).length} | ${entries.filter((e) => !e.label.bilateral).length} | ${entries.length} |`);
  });
});
