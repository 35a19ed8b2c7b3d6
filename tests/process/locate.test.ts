/**
 * Parsing what the article needs: extractPage parses a page's head and article element alone when
 * a scan of the string finds them (functions/process/extract/locate.ts), and the whole page when
 * unsure. Both must give the same extraction and the same article.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchPages, type CorpusKind, processingPages } from '../../bench/processing.ts';
import { decodeBody } from '../../functions/lib/charset.ts';
import { buildArticle } from '../../functions/process/article.ts';
import { extractPage } from '../../functions/process/extract/index.ts';
import { KAZINFORM_VERSIONS } from '../../functions/process/extract/kazinform/index.ts';
import { locateArticle, SITE_CLASS } from '../../functions/process/extract/locate.ts';
import { SAMPLE_SITE, sampleSiteIndex } from '../support/stack.ts';

interface Page {
  id: string;
  url: string;
  html: string;
}

/** Extraction and article both ways; the ids of the pages where they differ, and how each page was parsed. */
function compareParses(pages: readonly Page[]): { differ: string[]; parsed: Record<string, number> } {
  const differ: string[] = [];
  const parsed: Record<string, number> = {};
  for (const p of pages) {
    const whole = extractPage(p.html, p.url, { parse: 'document' });
    const auto = extractPage(p.html, p.url);
    parsed[auto.parse] = (parsed[auto.parse] ?? 0) + 1;
    const article = (page: typeof auto) => {
      const { candidate } = buildArticle(page, {
        item: { id: p.id, url: p.url, feedUrl: 'https://www.inform.kz/rss/eng.xml', title: 'Feed title', publishedAt: '2025-11-24T10:00:00.000Z', feedLanguage: null },
        finalUrl: p.url,
        fetchedAt: '2025-11-25T00:00:00.000Z',
        rawKey: `raw/${p.id}.html.gz`,
        pipelineVersion: 'test',
      });
      const { provenance: { parse: _, ...provenance }, ...rest } = candidate;
      return { ...rest, provenance };
    };
    const { parse: _w, ...wholeRest } = whole;
    const { parse: _a, ...autoRest } = auto;
    try {
      expect(autoRest).toEqual(wholeRest);
      expect(article(auto)).toEqual(article(whole));
    } catch {
      differ.push(p.id);
    }
  }
  return { differ, parsed };
}

describe('head + article parse gives what the whole-page parse gives', () => {
  it('on every sample page: all 24 parsed as head + article, none different', async () => {
    const { articles } = await sampleSiteIndex();
    const pages = await Promise.all(articles.map(async (a) => {
      const { file, path, id } = a as unknown as { file: string; path: string; id: string };
      const html = decodeBody(await readFile(join(SAMPLE_SITE, file)), 'text/html').replaceAll('{{origin}}', 'https://www.inform.kz');
      return { id, url: `https://www.inform.kz${path}`, html };
    }));
    expect(compareParses(pages)).toEqual({ differ: [], parsed: { article: 24 } });
  });

  for (const corpus of ['small', 'full-size'] as CorpusKind[]) {
    const count = processingPages(false)[corpus];
    it(`on every page of the bench's ${corpus} corpus: all ${count} parsed as head + article, none different`, async () => {
      expect(compareParses(await benchPages(corpus, count))).toEqual({ differ: [], parsed: { article: count } });
    }, 120_000);
  }
});

const HEAD = '<!doctype html><html lang="en"><head><title>T | Kazinform</title><meta property="og:title" content="T"></head>';
const ARTICLE = '<article class="article"><h1 class="article__title">Talks</h1><div class="article__body-text"><p>Text.</p></div></article>';

describe('locateArticle', () => {
  it('cuts the page to everything up to <body>, the article, and the body\'s meta, link and JSON-LD elements, in order', () => {
    const html = `${HEAD}<body class="page"><nav><a href="/">Home</a></nav><meta itemprop="x" content="1"><main>${ARTICLE}<aside><script type="application/ld+json">{"@type":"BreadcrumbList"}</script><script>var s = "</div>";</script><link rel="preload" href="/a.css"></aside></main></body></html>`;
    expect(locateArticle(html, KAZINFORM_VERSIONS)).toEqual({
      version: 'kazinform@2024-01',
      html: `${HEAD}<body class="page"><meta itemprop="x" content="1">${ARTICLE}<script type="application/ld+json">{"@type":"BreadcrumbList"}</script><link rel="preload" href="/a.css"></body></html>`,
    });
  });

  it('cuts a 2026 page at the <article> around the first div.article__content', () => {
    const article = '<article class="article"><h1>T</h1><div class="article__content"><p>A.</p><p>B.</p></div><div class="article__tags"><a>x</a></div></article>';
    expect(locateArticle(`${HEAD}<body><header>menu</header>${article}<footer>f</footer></body></html>`, KAZINFORM_VERSIONS)).toEqual({
      version: 'kazinform@2026-08',
      html: `${HEAD}<body>${article}</body></html>`,
    });
  });

  it('follows nesting, quoted ">", comments and script text to the article\'s own end tag', () => {
    const article = '<article class="article"><div class="article__body-text"><div title="a > b"><div><p>Deep.</p></div></div><!-- </article> --><script>document.write("</div></article>")</script><p>After.</p></div></article>';
    const html = `${HEAD}<body><!-- <article class="article"> --><script>var t = '<article class="article">';</script>${article}<div>tail</div></body></html>`;
    expect(locateArticle(html, KAZINFORM_VERSIONS)?.html).toBe(`${HEAD}<body>${article}</body></html>`);
  });

  it.each([
    ['the article is never closed', `${HEAD}<body><article class="article"><div class="article__body-text"><p>x</p></div></body></html>`],
    ['an element inside the article is never closed', `${HEAD}<body><article class="article"><div class="article__body-text"><div><p>x</p></div></article></body></html>`],
    ['a paragraph inside the article is closed implicitly', `${HEAD}<body><article class="article"><div class="article__body-text"><p>one<p>two</p></div></article></body></html>`],
    ['a stray end tag is inside the article', `${HEAD}<body><article class="article"><div class="article__body-text"><p>x</p></span></div></article></body></html>`],
    ['a script in the article is never closed', `${HEAD}<body><article class="article"><div class="article__body-text"><script>x</div></article></body></html>`],
    ['a class of the site\'s markup is outside the article', `${HEAD}<body><div class="article__body-text">x</div><article class="article"><div class="article__body-text"><p>x</p></div></article></body></html>`],
    ['the page\'s only <title> is in the body', `<html><head></head><body><svg><title>icon</title></svg>${ARTICLE}</body></html>`],
    ['a tag has an unterminated quoted value', `${HEAD}<body><a href="/x>menu</a>${ARTICLE}</body></html>`],
    ['a tag name runs into a non-ASCII character', `${HEAD}<body><div\u1680class="x">m</div>${ARTICLE}</body></html>`],
    ['the page has CDATA', `${HEAD}<body><![CDATA[ x ]]>${ARTICLE}</body></html>`],
    ['the page has no <body> tag', `${HEAD}${ARTICLE}`],
    ['no version\'s anchor is on the page', `${HEAD}<body><main><p>Text.</p></main></body></html>`],
    ['an element is opened before <html>', `<div>${HEAD}<body>${ARTICLE}</body></html>`],
  ])('parses the whole page when %s', (_why, html) => {
    expect(locateArticle(html, KAZINFORM_VERSIONS)).toBeUndefined();
  });

  it('is the reason every scope and marker of the site\'s versions names a class of its block', () => {
    for (const version of KAZINFORM_VERSIONS) {
      expect(version.scope?.anchor.class).toMatch(SITE_CLASS);
      for (const marker of version.markers) expect(marker.match(/\.[\w-]+/g)?.every((c) => SITE_CLASS.test(c.slice(1)))).toBe(true);
    }
  });
});

describe('extractPage records the parse in its result', () => {
  it('article for a page the scan cuts, document for one it does not', () => {
    expect(extractPage(`${HEAD}<body>${ARTICLE}</body></html>`, 'https://www.inform.kz/en/x-4c1e9a').parse).toBe('article');
    expect(extractPage(`${HEAD}<body><main><p>Text.</p></main></body></html>`, 'https://www.inform.kz/en/x-4c1e9a').parse).toBe('document');
  });

  it('document when the cut page would need the generic extractor (a 2024 page without its title)', () => {
    const page = extractPage('<html><head></head><body><h1>Headline</h1><article class="article"><div class="article__body-text"><p>Text.</p></div></article></body></html>', 'https://www.inform.kz/en/x-4c1e9a');
    expect({ parse: page.parse, title: page.fields.title, from: page.sources.title }).toEqual({ parse: 'document', title: 'Headline', from: 'generic' });
  });
});
