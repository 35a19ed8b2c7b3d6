import { resolveConfig } from '../../functions/lib/config.ts';
import { LeaseHeld } from '../../functions/lib/lease.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { applyPublicUrl } from '../../functions/publish/rebase-feeds.ts';
import { publishedFeedSize } from '../../functions/publish/index.ts';
import { openStore } from '../open-store.ts';
import { OutputClosed, writeOut } from '../stdout.ts';
import { plural } from '../../functions/lib/plural.ts';
import { keys } from '../../functions/lib/keys.ts';

export interface RunFlags {
  feed?: string[];
  allowHost?: string[];
  publicUrl?: string;
  json?: boolean;
}

/** The exit status of a run in which no source answered (each one failed or was blocked). */
export const EVERY_SOURCE_FAILED = 2;

/**
 * `kazfeed run`: exit 0 when the run completed, even if some items were rejected or failed, and
 * when another run was in progress (this one then does nothing); EVERY_SOURCE_FAILED when no
 * source answered.
 */
export async function runCommand(flags: RunFlags): Promise<void> {
  const config = resolveConfig({
    feeds: flags.feed?.map((url) => ({ url })),
    allowHosts: flags.allowHost?.map((h) => h.toLowerCase()),
    publicBaseUrl: flags.publicUrl,
  });
  const log = lineLogger();
  const opened = await openStore();
  try {
    log.info(`store: ${opened.description}`);
    // First, so that the feeds no article enters name the new base as well as those the run's publish writes.
    if (flags.publicUrl) await applyPublicUrl(opened.store, flags.publicUrl, log);
    let report;
    try {
      const feedSize = (await publishedFeedSize(opened.store)) ?? config.feedSize;
      report = await runPipeline({ ...config, feedSize }, { store: opened.store, log });
    } catch (error) {
      // A run started while another is going (two cron entries, a hand run): nothing to do, and no failure.
      if (!(error instanceof LeaseHeld) || error.takenOver) throw error;
      // The rebase on --public-url went first, under the publish lease; its own line says what it did.
      const done = flags.publicUrl ? 'this one did nothing more (the "self links" line above says what --public-url did)' : 'this one did nothing';
      process.stderr.write(`kazfeed: another run is in progress (${error.owner}, lease until ${error.expiresAt}); ${done}\n`);
      return;
    }
    const c = report.counts;
    log.info(`run ${report.runId}: ${plural(c.seen, 'item')} seen, ${c.new} new, ${c.fetched} fetched, ${c.accepted} stored (${c.bilateral} bilateral)${c.duplicates ? `, ${c.duplicates} already stored` : ''}, ${c.rejected} rejected, ${plural(c.errors, 'error')}${c.blocked ? `, ${c.blocked} blocked (tried again by later runs)` : ''}${c.waiting ? `, ${c.waiting} left for later runs` : ''}`);
    if (flags.json) await writeOut(`${JSON.stringify(report, null, 2)}\n`).catch((error: unknown) => {
      // The report is not wanted (`kazfeed run --json | head`): the exit status still tells how the run went.
      if (!(error instanceof OutputClosed)) throw error;
    });
    if (report.feeds.every((f) => f.status === 'error' || f.status === 'blocked')) {
      process.stderr.write(`kazfeed: every source failed (${report.feeds.map((f) => `${f.source}: ${f.status}`).join(', ')}); the source lines above say why, and so does the run report (${keys.runReport(report.startedAt)} in the store; kazfeed run --json prints it)\n`);
      process.exitCode = EVERY_SOURCE_FAILED;
    }
  } finally {
    await opened.close();
  }
}
