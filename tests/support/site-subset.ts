/** A smaller copy of the sample site (some of its feeds and their articles), for tests that run the pipeline many times. */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ExpectedArticle, SAMPLE_SITE } from './stack.ts';

export interface SiteSubset {
  dir: string;
  /** The subset's articles, with the feed that lists each. */
  articles: (ExpectedArticle & { feed: string })[];
  ids: string[];
  bilateralIds: string[];
}

export async function sampleSiteSubset(feeds: string[]): Promise<SiteSubset> {
  const index = JSON.parse(await readFile(join(SAMPLE_SITE, 'site.json'), 'utf8')) as { articles: (ExpectedArticle & { file: string; feed: string })[]; feeds: string[] };
  const articles = index.articles.filter((a) => feeds.includes(a.feed));
  const dir = await mkdtemp(join(tmpdir(), 'kazfeed-site-'));
  for (const file of [...feeds, ...articles.map((a) => a.file)]) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(SAMPLE_SITE, file), join(dir, file));
  }
  await writeFile(join(dir, 'site.json'), JSON.stringify({ articles, feeds }, null, 2));
  return {
    dir,
    articles,
    ids: articles.map((a) => a.id).sort(),
    bilateralIds: articles.filter((a) => a.expected.kind === 'bilateral').map((a) => a.id).sort(),
  };
}
