/**
 * Lambda handler for publish, invoked by the one-time schedule an ingest run creates (one delayed
 * publish per run; see functions/ingest/publish-schedule.ts) and runnable by hand (`aws lambda
 * invoke`, any payload). Every request asks for the same thing, and publish is idempotent.
 * One publish runs at a time, by the publish lease: an invocation that finds it held returns at
 * once, without error, and leaves the pending articles to the publish after it (ingest asks for
 * one while any are pending). On failure the handler throws: Lambda retries the asynchronous
 * invocation twice, and the function's Errors metric counts each failure (alarm).
 */
import type { Context } from 'aws-lambda';
import { LeaseHeld } from '../lib/lease.ts';
import { errorMessage, lambdaRuntime, telemetry } from '../lib/lambda-runtime.ts';
import { type PublishResult, publish } from './index.ts';

// No custom metric: a failed publish is the function's Errors metric, the count is in the log.
const { logger } = telemetry('publish');

/** Which ingest run asked, for the log: the schedule's payload; a manual invocation has none. */
function requestedBy(event: unknown): string | undefined {
  const requestId = typeof event === 'object' && event !== null ? (event as { requestId?: unknown }).requestId : undefined;
  return typeof requestId === 'string' ? requestId : undefined;
}

/** How long after its invocation's end a publish lease lapses: well before Lambda's first retry, a minute later. */
const LEASE_GRACE_MS = 15_000;

/** What an invocation gets back when another publish holds the lease. */
export interface PublishSkipped {
  skipped: string;
}

export async function handler(event: unknown, context: Context): Promise<PublishResult | PublishSkipped> {
  logger.addContext(context);
  const { settings, store } = lambdaRuntime();
  const ingestRequestId = requestedBy(event);
  let result: PublishResult;
  try {
    result = await publish(store, {
      feedSize: settings.config.feedSize,
      publicBaseUrl: settings.config.publicBaseUrl ?? undefined,
      site: true,
      // A timed-out invocation cannot release its lease: it lapses soon after, so that Lambda's
      // retry publishes (and, timing out too, reaches the runs dead-letter queue and its alarm)
      // instead of finding it held and returning as skipped.
      leaseUntil: new Date(Date.now() + context.getRemainingTimeInMillis() + LEASE_GRACE_MS),
    });
  } catch (error) {
    if (error instanceof LeaseHeld) {
      logger.info('publish skipped: another publish holds the lease', { owner: error.owner, expiresAt: error.expiresAt, ingestRequestId });
      return { skipped: error.message };
    }
    logger.error('publish failed', { error: errorMessage(error), ingestRequestId });
    throw error;
  }
  logger.info(result.pending ? 'published' : 'nothing to publish', { articles: result.pending, feedFiles: result.feeds.length, days: result.days, ingestRequestId });
  if (result.recovered.length) logger.warn('indexes rebuilt: they were damaged or gone', { indexes: result.recovered, ingestRequestId });
  if (result.damaged.length) logger.warn('the series or the atlas did not take these articles: objects they are built on are damaged (kazfeed check --repair rebuilds them from the articles)', { damaged: result.damaged, ingestRequestId });
  if (result.rerendered.length) logger.info('feeds and pages rendered again: the deployment\'s address or this version\'s rendering changed', { objects: result.rerendered.length, publicBaseUrl: settings.config.publicBaseUrl });
  return result;
}
