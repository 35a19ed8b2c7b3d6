import { resolveConfig } from '../../functions/lib/config.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { openStore } from '../open-store.ts';

export interface RunFlags {
  feed?: string[];
  allowHost?: string[];
  publicUrl?: string;
  json?: boolean;
}

/** `kazfeed run`: exit 0 when the run completed, even if some items were rejected or failed. */
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
    const report = await runPipeline(config, { store: opened.store, log });
    const c = report.counts;
    log.info(`run ${report.runId}: ${c.seen} items seen, ${c.new} new, ${c.fetched} fetched, ${c.accepted} stored (${c.bilateral} bilateral), ${c.rejected} rejected, ${c.errors} errors`);
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await opened.close();
  }
}
