/**
 * Lambda handler for process, fed by the process queue (SQS event source with
 * ReportBatchItemFailures): each record is one feed item. Accepted and rejected items are done;
 * a transient failure (`failed`) or a record that cannot be read is reported in batchItemFailures,
 * so SQS delivers it again after the visibility timeout and, after maxReceiveCount receives, moves
 * it to the dead-letter queue. Publishing is not triggered here: ingest sends one delayed publish
 * message per run (see infra/stack.ts), which is what makes it one publish per burst.
 */
import { firstIssue } from '../lib/errors.ts';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import pLimit from 'p-limit';
import { SourceItem } from '../../schemas/source-item.ts';
import { PIPELINE_VERSION } from '../lib/config.ts';
import { httpClientFor } from '../lib/http.ts';
import { METRICS } from '../lib/lambda-env.ts';
import { errorMessage, lambdaRuntime, MetricUnit, telemetry, useDeployment } from '../lib/lambda-runtime.ts';
import { type ItemOutcome, processItem } from './index.ts';

const { logger, metrics } = telemetry('process');

/** An item is not started with less time left than this: it goes back to the queue instead. */
const MIN_TIME_PER_ITEM_MS = 60_000;

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
  const { settings, store } = lambdaRuntime();
  useDeployment(metrics, settings.deployment);
  const http = httpClientFor(settings.config);
  const limit = pLimit(settings.config.concurrency);
  const failures: string[] = [];
  const outcomes: ItemOutcome[] = [];

  await Promise.all(event.Records.map((record) => limit(async () => {
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
    if (context.getRemainingTimeInMillis() < MIN_TIME_PER_ITEM_MS) {
      logger.warn('not started: too little time left, returned to the queue', { messageId: record.messageId });
      failures.push(record.messageId);
      return;
    }
    try {
      const item = parseRecord(record);
      const outcome = await processItem(item, { store, http, pipelineVersion: PIPELINE_VERSION });
      outcomes.push(outcome);
      if (outcome.status === 'failed') {
        logger.warn('item failed, SQS will retry it', { id: item.id, url: item.url, reason: outcome.reason, receiveCount, messageId: record.messageId });
        failures.push(record.messageId);
      } else if (outcome.status === 'rejected') {
        logger.info('item rejected', { id: item.id, url: item.url, reason: outcome.reason, key: outcome.key });
      } else {
        logger.info('article stored', { id: item.id, key: outcome.key, bilateral: outcome.bilateral, extractor: outcome.extractor, layoutBroken: outcome.layoutBroken });
      }
    } catch (error) {
      logger.error('record could not be processed', { messageId: record.messageId, receiveCount, error: errorMessage(error) });
      failures.push(record.messageId);
    }
  })));

  const accepted = outcomes.filter((o) => o.status === 'accepted');
  // Published for every batch, 0 included: the "no new article" alarm looks at this metric.
  metrics.addMetric(METRICS.articlesStored, MetricUnit.Count, accepted.length);
  metrics.addMetric(METRICS.articlesBilateral, MetricUnit.Count, accepted.filter((o) => o.bilateral).length);
  metrics.addMetric(METRICS.articlesRejected, MetricUnit.Count, outcomes.filter((o) => o.status === 'rejected').length);
  metrics.addMetric(METRICS.itemsFailed, MetricUnit.Count, failures.length);
  metrics.addMetric(METRICS.layoutBroken, MetricUnit.Count, accepted.filter((o) => o.layoutBroken).length);
  metrics.publishStoredMetrics();
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
