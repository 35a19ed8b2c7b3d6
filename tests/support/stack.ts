import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmbeddedS3, startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { resolveConfig } from '../../functions/lib/config.ts';
import type { PipelineConfig } from '../../schemas/config.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_SITE = join(REPO_ROOT, 'fixtures/kazinform-site');

export interface ExpectedArticle {
  id: string;
  path: string;
  expected: {
    language: string;
    kind: 'bilateral' | 'multilateral' | 'none';
    pair: string | null;
    kazakhstanInvolved: boolean;
    publishedAt: string;
    datelinePlace: string | null;
    title: string;
    figures?: { kind: string; value: number; unit: string }[];
    /** The version of the Kazinform extractor whose markup the page is in. */
    extractor: string;
  };
}

export async function sampleSiteIndex(): Promise<{ articles: ExpectedArticle[]; feeds: string[] }> {
  return JSON.parse(await readFile(join(SAMPLE_SITE, 'site.json'), 'utf8'));
}

/** A real S3-compatible server and a replay of the sample site, both on 127.0.0.1 random ports. */
export interface Stack {
  home: string;
  s3: EmbeddedS3;
  site: ReplaySite;
  config: PipelineConfig;
  close(): Promise<void>;
}

export async function startStack(siteDir = SAMPLE_SITE): Promise<Stack> {
  const home = await mkdtemp(join(tmpdir(), 'kazfeed-test-'));
  const s3 = await startEmbeddedS3(home);
  const site = await startReplaySite(siteDir);
  const config = resolveConfig({
    feeds: site.feedUrls.map((url) => ({ url })),
    allowHosts: [new URL(site.origin).host],
    publicBaseUrl: 'http://127.0.0.1:8080',
    retries: 0,
  });
  return {
    home,
    s3,
    site,
    config,
    async close() {
      await site.close();
      await s3.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Every key in the store, sorted. */
export async function allKeys(stack: Stack, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for await (const key of stack.s3.store.list(prefix)) found.push(key);
  return found.sort();
}
