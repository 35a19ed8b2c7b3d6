import { PipelineConfig, type FeedConfig } from '../../schemas/config.ts';

export const PIPELINE_VERSION = '0.1.0';

/** Where `kazfeed serve` listens by default; feeds' self links point here unless configured. */
export const DEFAULT_SERVE_PORT = 8080;
export const DEFAULT_SERVE_ORIGIN = `http://127.0.0.1:${DEFAULT_SERVE_PORT}`;

/**
 * Kazinform's feeds as public code subscribes to them (2024-25). Other editions' feed addresses
 * are not known from here: add them with `--feed` or the `feeds` setting.
 */
export const KAZINFORM_FEEDS: FeedConfig[] = [
  { url: 'https://www.inform.kz/rss/rus.xml', language: 'ru' },
  { url: 'https://www.inform.kz/rss/eng.xml', language: 'en' },
  { url: 'https://www.inform.kz/rss/kaz.xml', language: 'kk' },
];

/** Kazinform's hosts: the only ones a live run contacts. */
export const KAZINFORM_HOSTS = [
  'inform.kz', 'www.inform.kz', 'en.inform.kz', 'kaz.inform.kz', 'qz.inform.kz', 'ar.inform.kz', 'oz.inform.kz', 'cn.inform.kz',
];

export const DEFAULT_CONFIG: PipelineConfig = {
  feeds: KAZINFORM_FEEDS,
  allowHosts: KAZINFORM_HOSTS,
  userAgent: `kazinform-relations-feed/${PIPELINE_VERSION} (+https://github.com/kazinform-relations-feed/kazinform-relations-feed)`,
  concurrency: 4,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  maxPageBytes: 5 * 1024 * 1024,
  retries: 3,
  feedSize: 100,
  maxAttempts: 5,
  publicBaseUrl: null,
};

/** Defaults overridden by what the caller set; throws a zod error naming the bad field. */
export function resolveConfig(overrides: Partial<PipelineConfig> = {}): PipelineConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return PipelineConfig.parse({ ...DEFAULT_CONFIG, ...defined });
}
