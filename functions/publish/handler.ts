/**
 * Lambda handler for publish, fed by the publish queue (one delayed message per ingest run; see
 * infra/stack.ts) and runnable by hand (`aws lambda invoke`, any payload). Every message of a
 * batch asks for the same thing, so one publish serves the whole batch; publish is idempotent.
 * One publish runs at a time, by the publish lease: an invocation that finds it held returns at
 * once, without error, and leaves the pending articles to the publish after it (ingest asks for
 * one while any are pending). On failure the handler throws: SQS retries the batch and finally
 * dead-letters it (alarm), and the function's Errors metric counts it (alarm).
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LeaseHeld } from '../lib/lease.ts';
import { errorMessage, lambdaRuntime, telemetry } from '../lib/lambda-runtime.ts';
import { type PublishResult, publish } from './index.ts';

// No custom metric: a failed publish is the function's Errors metric, the count is in the log.
const { logger } = telemetry('publish');

function isSqsEvent(event: unknown): event is SQSEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as SQSEvent).Records);
}

/** What a manual invocation gets back when another publish holds the lease. */
export interface PublishSkipped {
  skipped: string;
}

export async function handler(event: unknown, context: Context): Promise<SQSBatchResponse | PublishResult | PublishSkipped> {
  logger.addContext(context);
  const { settings, store } = lambdaRuntime();
  const records = isSqsEvent(event) ? event.Records : [];
  let result: PublishResult;
  try {
    result = await publish(store, {
      feedSize: settings.config.feedSize,
      publicBaseUrl: settings.config.publicBaseUrl ?? undefined,
      site: true,
    });
  } catch (error) {
    if (error instanceof LeaseHeld) {
      logger.info('publish skipped: another publish holds the lease', { owner: error.owner, expiresAt: error.expiresAt, messages: records.length });
      return isSqsEvent(event) ? { batchItemFailures: [] } : { skipped: error.message };
    }
    // Thrown, not reported per message: all messages ask for the same publish, so the whole batch
    // is retried either way, and a throw also counts in the function's Errors metric (alarm).
    logger.error('publish failed', { error: errorMessage(error), messages: records.length });
    throw error;
  }
  logger.info(result.pending ? 'published' : 'nothing to publish', { articles: result.pending, feedFiles: result.feeds.length, days: result.days, messages: records.length });
  return isSqsEvent(event) ? { batchItemFailures: [] } : result;
}
