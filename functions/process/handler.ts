/**
 * Lambda handler for process, fed by the process queue (SQS event source with
 * ReportBatchItemFailures): each record is one feed item. Accepted and rejected items are done;
 * a transient failure (`failed`) or a record that cannot be read is reported in batchItemFailures,
 * so SQS delivers it again after the visibility timeout and, after maxReceiveCount receives, moves
 * it to the dead-letter queue. Each item has a deadline, what is left of the invocation: an item
 * not done by then is reported the same way, so one slow page never times out the whole batch.
 * Publishing is not triggered here: ingest sends one delayed publish message per run (see
 * infra/stack.ts), which is what makes it one publish per burst.
 */
import { firstIssue } from '../lib/errors.ts';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import pLimit from 'p-limit';
import { SourceItem } from '../../schemas/source-item.ts';
import { PIPELINE_VERSION } from '../lib/config.ts';
import { withDeadline } from '../lib/deadline.ts';
import { METRICS } from '../lib/lambda-env.ts';
import { errorMessage, lambdaRuntime, metricsFor, MetricUnit, telemetry, useDeployment } from '../lib/lambda-runtime.ts';
import { clearEarlierRejections, type ItemOutcome, processItem, recordGivenUp } from './index.ts';

const { logger } = telemetry('process');
const metrics = metricsFor('process');

/** Kept back at the end of an invocation to publish the metrics and return the failures. */
export const RESPONSE_MARGIN_MS = 2_000;
/** An item is not started with less time than this before the margin: it goes back to the queue. */
export const MIN_ITEM_TIME_MS = 5_000;
/** What an item's record says while its last attempt runs, and after, if the invocation died on it. */
export const PROVISIONAL_REASON = 'ended with its invocation (out of memory, a crash or the Lambda timeout) before the item was done';

/** The SQS message body is a SourceItem as JSON; anything else is a poison message. */
export function parseRecord(record: Pick<SQSRecord, 'body'>): SourceItem {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch (error) {
    throw new Error(`message body is not JSON: ${errorMessage(error)}`);
  }
  const parsed = SourceItem.safeParse(json);
  if (!parsed.success) {
    throw new Error(`message body is not a source item: ${firstIssue(parsed.error.issues)}`);
  }
  return parsed.data;
}

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const { settings, store, http } = lambdaRuntime();
  useDeployment(metrics, settings.deployment);
  const limit = pLimit(settings.config.concurrency);
  const failures: string[] = [];
  const outcomes: ItemOutcome[] = [];

  await Promise.all(event.Records.map((record) => limit(async () => {
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
    const last = receiveCount >= settings.config.maxAttempts;
    // The last receive before the dead-letter queue: the item leaves with a record, as in the CLI,
    // whatever kept it from being done.
    const giveUp = async (item: SourceItem, why: string) => {
      const reason = `gave up after ${receiveCount} attempts; the last: ${why}`;
      const key = await recordGivenUp(store, item, reason, new Date().toISOString());
      logger.warn('item failed for the last time, recorded as rejected', { id: item.id, url: item.url, reason, key, messageId: record.messageId });
      return key;
    };
    // The provisional record goes once the attempt's own outcome is on record under another key
    // (a day later, or the page's own day), or the item is stored.
    const settle = async (provisional: string | undefined, recorded: string | null) => {
      if (provisional && provisional !== recorded) await clearEarlierRejections(store, [provisional]);
    };
    const timeLeft = context.getRemainingTimeInMillis() - RESPONSE_MARGIN_MS;
    if (timeLeft < MIN_ITEM_TIME_MS) {
      logger.warn('not started: too little time left, returned to the queue', { messageId: record.messageId, timeLeftMs: timeLeft });
      if (last) {
        try {
          await giveUp(parseRecord(record), 'not started: too little time left in the invocation');
        } catch (error) {
          logger.error('could not record the item given up', { messageId: record.messageId, error: errorMessage(error) });
        }
      }
      failures.push(record.messageId);
      return;
    }
    // Set on the last receive, once the item's provisional record is written (see below).
    let provisional: { key: string; item: SourceItem } | null = null;
    try {
      const item = parseRecord(record);
      // On the last receive the record is written first: should the invocation itself die on this
      // item (out of memory, a crash, the Lambda timeout), SQS moves it to the dead-letter queue
      // with no code of ours left to run, and this record is what says so. Whatever the attempt
      // does record replaces it; an item stored or rejected under another key removes it.
      if (last) provisional = { item, key: await recordGivenUp(store, item, `gave up after ${receiveCount} attempts; the last ${PROVISIONAL_REASON}`, new Date().toISOString()) };
      const run = await withDeadline(timeLeft, (signal) => processItem(item, { store, http, pipelineVersion: PIPELINE_VERSION, signal }));
      if (!run.done) {
        logger.warn('item not done before the invocation ends, returned to the queue', { id: item.id, url: item.url, deadlineMs: timeLeft, receiveCount, messageId: record.messageId });
        if (last) await settle(provisional?.key, await giveUp(item, `not done within the ${Math.round(timeLeft / 1000)} s the invocation had left`));
        failures.push(record.messageId);
        return;
      }
      const outcome = run.value;
      outcomes.push(outcome);
      if (last) await settle(provisional?.key, outcome.status === 'accepted' ? null : outcome.status === 'rejected' ? outcome.key : await giveUp(item, outcome.reason));
      if (outcome.status === 'failed' && last) {
        failures.push(record.messageId);
      } else if (outcome.status === 'failed') {
        logger.warn('item failed, SQS will retry it', { id: item.id, url: item.url, reason: outcome.reason, receiveCount, messageId: record.messageId });
        failures.push(record.messageId);
      } else if (outcome.status === 'rejected') {
        logger.info('item rejected', { id: item.id, url: item.url, reason: outcome.reason, key: outcome.key });
      } else if (outcome.duplicate) {
        logger.info('article already stored, by another link to it or an earlier attempt', { id: item.id, url: item.url, key: outcome.key });
      } else {
        logger.info('article stored', { id: item.id, key: outcome.key, bilateral: outcome.bilateral, extractor: outcome.extractor, layoutBroken: outcome.layoutBroken });
      }
    } catch (error) {
      logger.error('record could not be processed', { messageId: record.messageId, receiveCount, error: errorMessage(error) });
      // The provisional record would blame the invocation's end: it is given this error instead.
      if (provisional) {
        try {
          await settle(provisional.key, await giveUp(provisional.item, errorMessage(error)));
        } catch (recordError) {
          logger.error('could not record the item given up', { messageId: record.messageId, key: provisional.key, error: errorMessage(recordError) });
        }
      }
      failures.push(record.messageId);
    }
  })));

  // One value per stored article (Powertools sends them as one array): its SampleCount is what the
  // no-new-article alarm counts, its Average what the layout alarm compares (infra/alarms.ts).
  // Failed items need no metric of their own: they come back to the queue, whose age AWS measures.
  const stored = outcomes.filter((o): o is Extract<ItemOutcome, { status: 'accepted' }> => o.status === 'accepted' && !o.duplicate);
  for (const o of stored) metrics.addMetric(METRICS.articlesUnversioned, MetricUnit.Count, o.layoutBroken ? 1 : 0);
  if (stored.length > 0) metrics.publishStoredMetrics();
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
