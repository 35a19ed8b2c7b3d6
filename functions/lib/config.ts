import { type EditionSource, PipelineConfig } from '../../schemas/config.ts';
import { DEFAULT_SERVE_PORT, PIPELINE_VERSION } from './version.ts';

export { PIPELINE_VERSION };
export const DEFAULT_SERVE_ORIGIN = `http://127.0.0.1:${DEFAULT_SERVE_PORT}`;

/** Where feeds are served from: the first base given (a flag, the last publish's), else the default; no trailing slash. */
export function servedBase(...bases: ReadonlyArray<string | undefined>): string {
  return (bases.find((b) => b) ?? DEFAULT_SERVE_ORIGIN).replace(/\/+$/, '');
}

/**
 * Kazinform's editions, each with its candidate sources in order: its RSS feed where public code
 * is known to subscribe to one, its Google News sitemap, its latest-news page, its front page.
 * Only the Chinese sitemap names and the cn. and Russian latest-news pages are confirmed by public
 * scrapers; the other sitemaps follow the Chinese pattern with the edition's subdomain as suffix,
 * and a candidate that does not exist costs one request per re-probe, never an item.
 * The Uzbek edition comes first: the article this project was modelled on appeared there.
 */
export const KAZINFORM_EDITIONS: EditionSource[] = [
  {
    edition: 'uz-cyrl',
    language: 'uz-Cyrl',
    candidates: ['https://oz.inform.kz/sitemaps/google-news_oz.xml', 'https://oz.inform.kz/lenta/', 'https://oz.inform.kz/'],
  },
  {
    edition: 'ru',
    language: 'ru',
    candidates: ['https://www.inform.kz/rss/rus.xml', 'https://www.inform.kz/sitemaps/google-news_ru.xml', 'https://www.inform.kz/ru/lenta', 'https://www.inform.kz/ru/'],
  },
  {
    // The English edition moved to qazinform.com; the old inform.kz feed is kept as a fallback.
    edition: 'en',
    language: 'en',
    candidates: ['https://qazinform.com/rss/en.xml', 'https://www.inform.kz/rss/eng.xml', 'https://qazinform.com/sitemaps/google-news_en.xml', 'https://qazinform.com/lenta/', 'https://qazinform.com/'],
  },
  {
    edition: 'kk-cyrl',
    language: 'kk-Cyrl',
    candidates: ['https://www.inform.kz/rss/kaz.xml', 'https://kaz.inform.kz/sitemaps/google-news_kaz.xml', 'https://kaz.inform.kz/lenta/', 'https://kaz.inform.kz/'],
  },
  {
    edition: 'kk-latn',
    language: 'kk-Latn',
    candidates: ['https://qz.inform.kz/sitemaps/google-news_qz.xml', 'https://qz.inform.kz/lenta/', 'https://qz.inform.kz/'],
  },
  {
    edition: 'kk-arab',
    language: 'kk-Arab',
    candidates: ['https://ar.inform.kz/sitemaps/google-news_ar.xml', 'https://ar.inform.kz/lenta/', 'https://ar.inform.kz/'],
  },
  {
    edition: 'zh-hans',
    language: 'zh-Hans',
    candidates: ['https://cn.inform.kz/sitemaps/google-news_cn.xml', 'https://cn.inform.kz/sitemaps/sitemap-last-news-300_cn.xml', 'https://cn.inform.kz/lenta/', 'https://cn.inform.kz/'],
  },
];

/** Kazinform's hosts: the only ones a live run contacts. */
export const KAZINFORM_HOSTS = [
  'inform.kz', 'www.inform.kz', 'en.inform.kz', 'kaz.inform.kz', 'qz.inform.kz', 'ar.inform.kz', 'oz.inform.kz', 'cn.inform.kz',
  'qazinform.com', 'www.qazinform.com',
];

export const DEFAULT_CONFIG: PipelineConfig = {
  feeds: KAZINFORM_EDITIONS,
  allowHosts: KAZINFORM_HOSTS,
  userAgent: `kazinform-relations-feed/${PIPELINE_VERSION} (+https://github.com/kazinform-relations-feed/kazinform-relations-feed)`,
  concurrency: 4,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  maxPageBytes: 5 * 1024 * 1024,
  retries: 3,
  feedSize: 100,
  maxAttempts: 5,
  // Google caps a news sitemap at 1,000 URLs; a list page holds a few dozen.
  maxItemsPerSource: 1000,
  // A day of Russian news (some 160 items, 24 a page): a run after a day's pause misses nothing.
  maxListPages: 7,
  newItemsPerRun: 200,
  publicBaseUrl: null,
};

/** Defaults overridden by what the caller set; throws a zod error naming the bad field. */
export function resolveConfig(overrides: Partial<PipelineConfig> = {}): PipelineConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return PipelineConfig.parse({ ...DEFAULT_CONFIG, ...defined });
}
