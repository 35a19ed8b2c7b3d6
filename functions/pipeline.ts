import { randomUUID } from 'node:crypto';
import { errorMessage } from './lib/errors.ts';
import pLimit from 'p-limit';
import type { PipelineConfig } from '../schemas/config.ts';
import type { FeedOutcome, RunReport } from '../schemas/run-report.ts';
import type { IngestState } from '../schemas/state.ts';
import { ingest, recordOutcomes, saveIngestState } from './ingest/index.ts';
import { PIPELINE_VERSION } from './lib/config.ts';
import { httpClientFor } from './lib/http.ts';
import { keys } from './lib/keys.ts';
import { DeadlineReached } from './lib/deadline.ts';
import { acquireLease } from './lib/lease.ts';
import { type Logger, silentLogger } from './lib/log.ts';
import type { Store } from './lib/store.ts';
import { type ItemOutcome, processItem, recordGivenUp } from './process/index.ts';
import { nothingPublished, publishUnlessBusy } from './publish/index.ts';
import { logPublished } from './publish/report.ts';
import { plural } from './lib/plural.ts';

export interface RunDeps {
  store: Store;
  log?: Logger;
  now?: () => Date;
  /** How long the run lease lasts without renewal (default 15 min). */
  leaseTtlMs?: number;
  /** How long the run processes items (default PROCESS_BUDGET_MS). */
  processBudgetMs?: number;
}

/**
 * Past this, a run gives up the page fetches under way (those items fail this attempt) and leaves
 * the items not started for the next run, untried: a source whose pages stall after their headers
 * would otherwise hold a run for every item's retries (4 × 30 s each, four at a time).
 */
export const PROCESS_BUDGET_MS = 120_000;

/** A run that is not finished within this time is presumed dead; the next run takes over. */
export const LEASE_TTL_MS = 15 * 60_000;

/**
 * Items that failed transiently for the last allowed time are given up: each gets a rejection
 * record (`rejected/`, with every attempt's count and the last error), so that nothing leaves the
 * pipeline without a trace an analyst can find (`kazfeed export --rejected`).
 */
async function recordAllGivenUp(store: Store, state: IngestState, outcomes: readonly ItemOutcome[], now: Date, log: Logger): Promise<void> {
  for (const outcome of outcomes) {
    const known = state.items[outcome.id];
    if (outcome.status !== 'failed' || known?.status !== 'failed' || !known.item) continue;
    const reason = known.blockedSince
      ? `gave up: its page has answered with a challenge or block page since ${known.blockedSince}; the last: ${outcome.reason}`
      : `gave up after ${known.attempts} attempts; the last: ${outcome.reason}`;
    const key = await recordGivenUp(store, known.item, reason, now.toISOString());
    log.warn(`${reason.split(';')[0]}: ${outcome.id} is recorded under ${key} (kazfeed refetch fetches it again)`);
  }
}

/** One line per source: which candidate served it, as what, with how many items, or why none. */
export function describeSource(feed: FeedOutcome): string {
  const served = feed.source === feed.url ? feed.url : `${feed.source} from ${feed.url}`;
  const counts = feed.status === 'fetched' ? `, ${plural(feed.items, 'item')}, ${feed.newItems} new${feed.waiting ? `, ${feed.waiting} more waiting for later runs` : ''}` : '';
  // Why a source gave nothing: for an empty one that is no failure, and it is often its note too.
  const why = feed.error ? `: ${feed.error}` : '';
  const notes = (feed.notes ?? []).filter((note) => note !== feed.error);
  return `source ${served}: ${feed.kind ? `${feed.kind}, ` : ''}${feed.status}${why}${counts}${notes.length ? ` (${notes.join('; ')})` : ''}`;
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
  const lease = await acquireLease(store, runId, deps.leaseTtlMs ?? LEASE_TTL_MS, now());
  // A host that answers slowly or not at all holds the run for its retries: say what it waits for.
  const http = httpClientFor(config, (retry) => log.info(`${retry.reason}; trying again in ${(retry.waitMs / 1000).toFixed(1)} s`));
  try {
    const ingested = await ingest(config.feeds, { store, http, now, log, maxItemsPerSource: config.maxItemsPerSource, maxListPages: config.maxListPages, newItemsPerRun: config.newItemsPerRun });
    for (const feed of ingested.feeds) log.info(describeSource(feed));

    const limit = pLimit(config.concurrency);
    let done = 0;
    const budgetMs = deps.processBudgetMs ?? PROCESS_BUDGET_MS;
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(new DeadlineReached(budgetMs)), budgetMs).unref();
    // allSettled, not all: a store failure must not leave other items writing after the run ended.
    const settled = await Promise.allSettled(
      ingested.items.map((item) =>
        limit(async () => {
          if (budget.signal.aborted) return null;
          const outcome = await processItem(item, { store, http, pipelineVersion: PIPELINE_VERSION, now, signal: budget.signal });
          done += 1;
          const detail = outcome.status !== 'accepted' ? outcome.reason
            : outcome.resumed ? 'already stored by an interrupted run'
            : outcome.duplicate ? `already stored, by another link to it or an earlier attempt (${outcome.key})`
            : outcome.bilateral ? 'bilateral' : 'not bilateral';
          log.info(`[${done}/${ingested.items.length}] ${outcome.status === 'failed' && outcome.blocked ? 'blocked' : outcome.status} ${item.id}: ${detail}`);
          return outcome;
        }),
      ),
    );
    clearTimeout(timer);
    const broken = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (broken) throw broken.reason;
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<ItemOutcome | null>).value).filter((o) => o !== null);
    const left = ingested.items.length - outcomes.length;
    if (left) log.warn(`${plural(left, 'item')} left for the next run, untried: this run's ${budgetMs / 1000} s for processing were spent (pages that stall hold it longest)`);

    recordOutcomes(ingested.state, outcomes, config.maxAttempts, now());
    await recordAllGivenUp(store, ingested.state, outcomes, now(), log);
    await lease.renew(now());
    await saveIngestState(store, ingested.state, ingested.stateEtag);

    await lease.renew(now());
    const published = (await publishUnlessBusy(store, { feedSize: config.feedSize, publicBaseUrl: config.publicBaseUrl ?? undefined, now, site: true }, log)) ?? nothingPublished();
    logPublished(log, published, 'new');

    // An item that led to an article another item had stored is no article more.
    const accepted = outcomes.filter((o): o is Extract<ItemOutcome, { status: 'accepted' }> => o.status === 'accepted' && !o.duplicate);
    const duplicates = outcomes.filter((o) => o.status === 'accepted' && o.duplicate).length;
    const extractors: Record<string, number> = {};
    for (const o of accepted) if (!o.resumed) extractors[o.extractor] = (extractors[o.extractor] ?? 0) + 1;
    const report: RunReport = {
      runId,
      startedAt,
      finishedAt: now().toISOString(),
      feeds: ingested.feeds,
      counts: {
        seen: ingested.seen,
        fetched: outcomes.filter((o) => (o.status === 'accepted' && !o.resumed) || (o.status === 'rejected' && o.fetched)).length,
        // Items left by the processing budget are handed to the next run as new again: counted there.
        new: outcomes.length,
        accepted: accepted.length,
        bilateral: accepted.filter((o) => o.bilateral).length,
        rejected: outcomes.filter((o) => o.status === 'rejected').length,
        errors: outcomes.filter((o) => o.status === 'failed' && !o.blocked).length + ingested.errors.length,
        blocked: outcomes.filter((o) => o.status === 'failed' && o.blocked).length,
        ...(ingested.waiting + left ? { waiting: ingested.waiting + left } : {}),
        ...(duplicates ? { duplicates } : {}),
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
    http.close();
    try {
      await lease.release();
    } catch (error) {
      // The lease expires by itself; a failed release must neither hide why a run failed nor
      // fail a run whose work is done.
      log.warn('could not release the run lease; it expires by itself', { error: errorMessage(error) });
    }
  }
}
