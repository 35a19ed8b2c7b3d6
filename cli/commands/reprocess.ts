import { DEFAULT_SERVE_ORIGIN, PIPELINE_VERSION, resolveConfig } from '../../functions/lib/config.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { reprocess } from '../../functions/process/reprocess.ts';
import { publish } from '../../functions/publish/index.ts';
import { openStore } from '../open-store.ts';

/** `kazfeed reprocess`: re-extract from raw/, rewrite what changed, republish. */
export async function reprocessCommand(flags: { from?: string; to?: string }): Promise<void> {
  if (flags.from && flags.to && flags.from > flags.to) throw new Error(`--from ${flags.from} is after --to ${flags.to}`);
  const log = lineLogger();
  const config = resolveConfig();
  const opened = await openStore();
  try {
    const result = await reprocess(opened.store, { ...flags, pipelineVersion: PIPELINE_VERSION, log });
    log.info(`reprocessed ${result.examined} raw pages: ${result.rewritten} rewritten, ${result.unchanged} unchanged, ${result.invalid} still invalid`);
    const published = await publish(opened.store, { feedSize: config.feedSize, publicBaseUrl: config.publicBaseUrl ?? DEFAULT_SERVE_ORIGIN });
    if (published.pending) log.info(`republished ${published.feeds.length} feed files and ${published.days.length} daily archives`);
  } finally {
    await opened.close();
  }
}
