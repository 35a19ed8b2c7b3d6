import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { PipelineConfig } from '../schemas/config.ts';
import type { RunReport } from '../schemas/run-report.ts';
import { ingest, recordOutcomes, saveIngestState } from './ingest/index.ts';
import { DEFAULT_SERVE_ORIGIN, PIPELINE_VERSION } from './lib/config.ts';
import { HttpClient } from './lib/http.ts';
import { keys } from './lib/keys.ts';
import { acquireLease } from './lib/lease.ts';
import { type Logger, silentLogger } from './lib/log.ts';
import type { Store } from './lib/store.ts';
import { type ItemOutcome, processItem } from './process/index.ts';
import { publish } from './publish/index.ts';

export interface RunDeps {
  store: Store;
  log?: Logger;
  now?: () => Date;
}

/** A run that is not finished within this time is presumed dead; the next run takes over. */
const LEASE_TTL_MS = 15 * 60_000;

export function httpClientFor(config: PipelineConfig): HttpClient {
  return new HttpClient({
    allowHosts: config.allowHosts,
    userAgent: config.userAgent,
    headersTimeoutMs: config.headersTimeoutMs,
    bodyTimeoutMs: config.bodyTimeoutMs,
    maxBytes: config.maxPageBytes,
    retries: config.retries,
  });
}

/**
 * One whole pipeline run, as the CLI does it: ingest, process every new item with bounded
 * concurrency, record what happened, publish, and store the run report. The Lambda functions run
 * the same stages, with a queue between ingest and process.
 */
export async function runPipeline(config: PipelineConfig, deps: RunDeps): Promise<RunReport> {
  const { store } = deps;
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const runId = `${startedAt}-${randomUUID().slice(0, 8)}`;
  const lease = await acquireLease(store, runId, LEASE_TTL_MS, now());
  try {
    const http = httpClientFor(config);
    const ingested = await ingest(config.feeds, { store, http, now });
    for (const feed of ingested.feeds) {
      log.info(`feed ${feed.url}: ${feed.status}${feed.status === 'fetched' ? `, ${feed.items} items, ${feed.newItems} new` : ''}`, feed.error ? { error: feed.error } : {});
    }

    const limit = pLimit(config.concurrency);
    let done = 0;
    const outcomes: ItemOutcome[] = await Promise.all(
      ingested.items.map((item) =>
        limit(async () => {
          const outcome = await processItem(item, { store, http, pipelineVersion: PIPELINE_VERSION, now });
          done += 1;
          const detail = outcome.status === 'accepted' ? (outcome.bilateral ? 'bilateral' : 'not bilateral') : outcome.reason;
          log.info(`[${done}/${ingested.items.length}] ${outcome.status} ${item.id}: ${detail}`);
          return outcome;
        }),
      ),
    );

    recordOutcomes(ingested.state, outcomes, config.maxAttempts, now());
    await saveIngestState(store, ingested.state, ingested.stateEtag);

    const published = await publish(store, {
      feedSize: config.feedSize,
      publicBaseUrl: config.publicBaseUrl ?? DEFAULT_SERVE_ORIGIN,
      now,
    });
    if (published.pending) log.info(`published ${published.feeds.length} feed files and ${published.days.length} daily archives from ${published.pending} new articles`);

    const accepted = outcomes.filter((o) => o.status === 'accepted');
    const extractors: Record<string, number> = {};
    for (const o of accepted) extractors[o.extractor] = (extractors[o.extractor] ?? 0) + 1;
    const report: RunReport = {
      runId,
      startedAt,
      finishedAt: now().toISOString(),
      feeds: ingested.feeds,
      counts: {
        seen: ingested.seen,
        fetched: outcomes.filter((o) => o.status === 'accepted' || (o.status === 'rejected' && o.fetched)).length,
        new: ingested.items.length,
        accepted: accepted.length,
        bilateral: accepted.filter((o) => o.bilateral).length,
        rejected: outcomes.filter((o) => o.status === 'rejected').length,
        errors: outcomes.filter((o) => o.status === 'failed').length + ingested.errors.length,
      },
      extractors,
      layoutBroken: accepted.filter((o) => o.layoutBroken).map((o) => o.url),
      errors: [
        ...ingested.errors,
        ...outcomes.filter((o) => o.status !== 'accepted').map((o) => ({ stage: 'process' as const, url: o.url, message: o.reason })),
      ],
      published: published.pending > 0,
    };
    await store.putJson(keys.runReport(startedAt), report);
    return report;
  } finally {
    await lease.release();
  }
}
