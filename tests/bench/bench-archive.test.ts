import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveArticles, idFactory, PUBLIC_BASE_URL, templateArticles, writeArchive } from '../../bench/archive.ts';
import { loadFixtures } from '../../bench/corpus.ts';
import { FIXTURES_DIR } from '../../bench/lib.ts';
import { EMBEDDED_BUCKET, startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { staleRendering } from '../../functions/publish/index.ts';

describe("the publish benchmark's archive", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('is current for the base URL the benchmark publishes for, so its first publish is measured as any other, not as a full re-rendering', async () => {
    const home = await mkdtemp(join(tmpdir(), 'bench-archive-'));
    cleanup.push(() => rm(home, { recursive: true, force: true }));
    const templates = templateArticles(await loadFixtures(FIXTURES_DIR), 6, 7);
    const today = '2025-11-24';
    const articles = archiveArticles(templates, { archived: 40, perDay: 20, todaySoFar: 5, today, bilateralShare: 0.5, seed: 7 }, idFactory(7));
    writeArchive(join(home, 's3'), EMBEDDED_BUCKET, articles, 100, `${today}T12:00:00.000Z`);
    const s3 = await startEmbeddedS3(home);
    cleanup.push(() => s3.stop());
    expect(await staleRendering(s3.store, PUBLIC_BASE_URL)).toBeNull();
    expect(await staleRendering(s3.store, 'https://elsewhere.example.org')).not.toBeNull();
  });
});
