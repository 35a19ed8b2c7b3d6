import { collectorFor, followedLink, type ParsedSource, type SourceContext } from './items.ts';
import { child, nodes, textOf, type XmlNode } from './xml.ts';

/** Sitemaps of an index read per poll at most: the newest hold the new articles, the rest the archive. */
export const MAX_INDEXED_SITEMAPS = 3;

function local(name: string | undefined): string | undefined {
  return name?.slice(name.indexOf(':') + 1);
}

/**
 * Source items from a parsed XML sitemap (`<urlset>`), a Google News sitemap (its
 * `news:publication_date`, `news:title` and `news:language` read per URL) or a sitemap index
 * (`<sitemapindex>`: its newest sitemaps, to be read in turn); null for any other document.
 * A sitemap lists every page of a site, so only article pages on allowed hosts become items; a
 * news sitemap lists articles only, each an item.
 */
export function sitemapFromDocument(doc: XmlNode, root: string | undefined, ctx: SourceContext): ParsedSource | null {
  const name = local(root);
  const top = root === undefined ? undefined : (doc[root] as XmlNode | undefined);
  if (name === 'sitemapindex') {
    const listed = nodes(top && child(top, 'sitemap')).map((s, i) => ({ loc: textOf(child(s, 'loc'))?.trim() ?? '', lastmod: textOf(child(s, 'lastmod'))?.trim() ?? '', i }));
    const sitemaps = listed
      .flatMap((s) => {
        const link = s.loc ? followedLink(s.loc, ctx.url) : null;
        return link && 'url' in link ? [{ ...s, url: link.url }] : [];
      })
      .sort((a, b) => b.lastmod.localeCompare(a.lastmod) || a.i - b.i)
      .map((s) => s.url);
    const notes = sitemaps.length > MAX_INDEXED_SITEMAPS ? [`${sitemaps.length} sitemaps listed, the newest ${MAX_INDEXED_SITEMAPS} read`] : [];
    return { kind: 'sitemap-index', items: [], skipped: [], notes, language: ctx.languageHint ?? null, sitemaps: sitemaps.slice(0, MAX_INDEXED_SITEMAPS) };
  }
  if (name !== 'urlset') return null;
  const urls = nodes(top && child(top, 'url'));
  const news = urls.some((u) => child(u, 'news') !== undefined);
  const { collector, language } = collectorFor(ctx, undefined, { articlesOnly: !news });
  for (const url of urls) {
    const item = nodes(child(url, 'news'))[0];
    const publication = item ? nodes(child(item, 'publication'))[0] : undefined;
    collector.add({
      link: textOf(child(url, 'loc')),
      title: item ? textOf(child(item, 'title')) : undefined,
      date: (item ? textOf(child(item, 'publication_date')) : undefined) ?? textOf(child(url, 'lastmod')),
      language: publication ? textOf(child(publication, 'language')) : undefined,
    });
  }
  return { kind: news ? 'news-sitemap' : 'sitemap', ...collector.result(), language };
}
