import { randomUUID } from 'node:crypto';
import { PIPELINE_VERSION, resolveConfig } from '../../functions/lib/config.ts';
import { acquireLease, renewable } from '../../functions/lib/lease.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { LEASE_TTL_MS } from '../../functions/pipeline.ts';
import { reprocess } from '../../functions/process/reprocess.ts';
import { publish, publishedFeedSize } from '../../functions/publish/index.ts';
import { applyPublicUrl } from '../../functions/publish/rebase-feeds.ts';
import { logPublished } from '../../functions/publish/report.ts';
import { plural } from '../../functions/lib/plural.ts';
import { openStore } from '../open-store.ts';
import { progressLines } from '../progress.ts';

/** `kazfeed reprocess`: re-extract from raw/, rewrite what changed, republish; under the run lease, so no run interleaves. */
export async function reprocessCommand(flags: { from?: string; to?: string; publicUrl?: string }): Promise<void> {
  const log = lineLogger();
  const config = resolveConfig();
  const opened = await openStore(process.env, { existing: true });
  try {
    const lease = await acquireLease(opened.store, `reprocess:${randomUUID()}`, LEASE_TTL_MS);
    try {
      const progress = progressLines((line) => log.info(line), (pages: number, day: string) => `reprocessing ${opened.description}: ${plural(pages, 'raw page')} so far, at ${day}`);
      const result = await reprocess(opened.store, { from: flags.from, to: flags.to, pipelineVersion: PIPELINE_VERSION, log, lease: renewable(lease, LEASE_TTL_MS), progress });
      log.info(`reprocessed ${plural(result.examined, 'raw page')}: ${result.rewritten} rewritten, ${result.unchanged} unchanged, ${result.invalid} still invalid; ${plural(result.recovered, 'rejected item')} recovered${result.restored ? `; ${plural(result.restored, 'missing article')} rebuilt` : ''}${result.withoutRaw ? `; ${plural(result.withoutRaw, 'stored article')} without a raw page left as ${result.withoutRaw === 1 ? 'it is' : 'they are'}` : ''}`);
      // Before the publish: every feed and page names the new base, not only those the rewritten articles reach.
      if (flags.publicUrl) await applyPublicUrl(opened.store, flags.publicUrl, log);
      const feedSize = (await publishedFeedSize(opened.store)) ?? config.feedSize;
      // The atlas too, as `kazfeed run` draws it: a rewritten article's pair, title or figures show there.
      const published = await publish(opened.store, { feedSize, publicBaseUrl: flags.publicUrl, site: true });
      logPublished(log, published, 'reprocessed');
    } finally {
      await lease.release();
    }
  } finally {
    await opened.close();
  }
}
