/** Writes a generated corpus as a replayable site folder (site.json + pages + feeds) for cli/replay-site.ts. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Fixtures, type GeneratedPage, renderFeeds } from './corpus.ts';

export async function writeSite(dir: string, fixtures: Fixtures, pages: readonly GeneratedPage[]): Promise<{ feeds: string[]; bytes: number }> {
  await mkdir(join(dir, 'articles'), { recursive: true });
  let bytes = 0;
  const articles = [];
  for (const page of pages) {
    const file = `articles/${page.id}.html`;
    await writeFile(join(dir, file), page.html);
    bytes += Buffer.byteLength(page.html);
    articles.push({ id: page.id, path: page.path, file, charset: 'utf-8' });
  }
  const feeds = renderFeeds(fixtures, pages);
  for (const [file, xml] of feeds) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), xml);
  }
  await writeFile(join(dir, 'site.json'), JSON.stringify({ articles, feeds: [...feeds.keys()] }));
  return { feeds: [...feeds.keys()], bytes };
}
