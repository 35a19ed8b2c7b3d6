import { randomUUID } from 'node:crypto';
import { PIPELINE_VERSION, resolveConfig } from '../../functions/lib/config.ts';
import { httpClientFor } from '../../functions/lib/http.ts';
import { acquireLease, renewable } from '../../functions/lib/lease.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { LEASE_TTL_MS } from '../../functions/pipeline.ts';
import { refetch } from '../../functions/process/refetch.ts';
import { publishedFeedSize, publishUnlessBusy } from '../../functions/publish/index.ts';
import { logPublished } from '../../functions/publish/report.ts';
import { plural } from '../../functions/lib/plural.ts';
import { openStore } from '../open-store.ts';

export interface RefetchFlags {
  from?: string;
  to?: string;
  reason?: string;
  allowHost?: string[];
}

/**
 * `kazfeed refetch`: fetch the rejected items of a date range again and publish what they become;
 * under the run lease, so that no `kazfeed run` or ingest runs meanwhile (a deployed process
 * function may still store a redriven item at the same time: the first writer wins). Exit 0 when
 * it completed, whatever the items became (the summary line says).
 */
export async function refetchCommand(flags: RefetchFlags): Promise<void> {
  const config = resolveConfig({ allowHosts: flags.allowHost?.map((h) => h.toLowerCase()) });
  const log = lineLogger();
  const opened = await openStore(process.env, { existing: true });
  const http = httpClientFor(config, (retry) => log.info(`${retry.reason}; trying again in ${(retry.waitMs / 1000).toFixed(1)} s`));
  try {
    log.info(`store: ${opened.description}`);
    const lease = await acquireLease(opened.store, `refetch:${randomUUID()}`, LEASE_TTL_MS);
    try {
      const result = await refetch(opened.store, http, {
        from: flags.from, to: flags.to, reason: flags.reason, concurrency: config.concurrency, pipelineVersion: PIPELINE_VERSION, log,
        lease: renewable(lease, LEASE_TTL_MS),
      });
      log.info(`refetched ${plural(result.examined, 'rejected item')}: ${result.stored} stored, ${result.rejected} rejected again, ${result.failed} failed again (kept for a later refetch)${result.notAllowed ? `, ${result.notAllowed} not fetched: host not allowed` : ''}`);
      if (result.stored) {
        const feedSize = (await publishedFeedSize(opened.store)) ?? config.feedSize;
        const published = await publishUnlessBusy(opened.store, { feedSize, site: true }, log);
        if (published) logPublished(log, published, 'new');
      }
    } finally {
      await lease.release();
    }
  } finally {
    http.close();
    await opened.close();
  }
}
