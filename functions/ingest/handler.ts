/**
 * Lambda handler for ingest, invoked by EventBridge Scheduler: take the run lease, poll the feeds,
 * queue the new items for the process function (10 per SendMessageBatch), mark them queued, save
 * the state, then ask for one publish, delayed (a one-time schedule), if anything is on its way.
 */
import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import * as z from '../../schemas/zod.ts';
import type { SourceItem } from '../../schemas/source-item.ts';
import { ENV, METRICS, readWholeNumber, required } from '../lib/lambda-env.ts';
import { errorMessage, lambdaRuntime, metricsFor, MetricUnit, telemetry, useDeployment } from '../lib/lambda-runtime.ts';
import { PUBLISH_DELAY_SECONDS, PUBLISH_WINDOW_MINUTES, publishSchedule, publishTime } from './publish-schedule.ts';
import { ingestIntoQueue, type ItemQueue } from './queue-run.ts';

const { logger, log } = telemetry('ingest');
const metrics = metricsFor('ingest');

/** What the schedule sends (infra/stack.ts); an EventBridge rule's event or `{}` works too. */
const ScheduleEvent = z.looseObject({
  source: z.optional(z.string()),
  scheduleArn: z.optional(z.string()),
  scheduledTime: z.optional(z.string()),
  executionId: z.optional(z.string()),
  time: z.optional(z.string()),
});

export interface IngestSummary {
  status: 'done' | 'skipped';
  feeds: { url: string; status: string; newItems: number }[];
  seen: number;
  queued: number;
  enqueueFailures: number;
  publishRequested: boolean;
}

const LEASE_MARGIN_MS = 60_000;

/** Sends items 10 at a time; returns the ids SQS accepted and the ones it did not. */
export async function enqueue(sqs: SQSClient, queueUrl: string, items: readonly SourceItem[]): Promise<{ sent: string[]; failed: { id: string; reason: string }[] }> {
  const sent: string[] = [];
  const failed: { id: string; reason: string }[] = [];
  for (let start = 0; start < items.length; start += 10) {
    const chunk = items.slice(start, start + 10);
    try {
      const out = await sqs.send(new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        // Entry ids only need to be unique within the batch; item ids may hold any character.
        Entries: chunk.map((item, i) => ({ Id: String(i), MessageBody: JSON.stringify(item) })),
      }));
      for (const ok of out.Successful ?? []) {
        const item = chunk[Number(ok.Id)];
        if (item) sent.push(item.id);
      }
      for (const bad of out.Failed ?? []) {
        const item = chunk[Number(bad.Id)];
        if (item) failed.push({ id: item.id, reason: `${bad.Code ?? 'error'}: ${bad.Message ?? ''}`.trim() });
      }
    } catch (error) {
      for (const item of chunk) failed.push({ id: item.id, reason: errorMessage(error) });
    }
  }
  return { sent, failed };
}

/** One client per region and endpoint, kept across warm invocations (tests switch endpoints). */
function clientCache<C extends { destroy(): void }>(create: (config: { region: string; maxAttempts: number; endpoint?: string }) => C): (region: string, endpoint: string | undefined) => C {
  let cached: { key: string; client: C } | undefined;
  return (region, endpoint) => {
    const key = `${region} ${endpoint ?? ''}`;
    if (cached?.key !== key) {
      cached?.client.destroy();
      cached = { key, client: create({ region, maxAttempts: 4, ...(endpoint ? { endpoint } : {}) }) };
    }
    return cached.client;
  };
}

// Only ingest sends to SQS and creates schedules: these clients (and their ~20 ms imports) stay out of the other functions.
const sqsClientFor = clientCache((config) => new SQSClient(config));
const schedulerClientFor = clientCache((config) => new SchedulerClient(config));

export async function handler(event: unknown, context: Context): Promise<IngestSummary> {
  logger.addContext(context);
  const { settings, store, http } = lambdaRuntime();
  const sqs = sqsClientFor(settings.region, settings.sqsEndpoint);
  useDeployment(metrics, settings.deployment);
  const processQueueUrl = required(process.env, ENV.processQueueUrl);
  const scheduler = schedulerClientFor(settings.region, settings.schedulerEndpoint);
  const publishTarget = {
    group: required(process.env, ENV.scheduleGroup),
    publishFunctionArn: required(process.env, ENV.publishFunctionArn),
    roleArn: required(process.env, ENV.publishScheduleRoleArn),
    deadLetterArn: required(process.env, ENV.publishDeadLetterArn),
  };
  const publishDelay = readWholeNumber(process.env, ENV.publishDelaySeconds, PUBLISH_DELAY_SECONDS.default, PUBLISH_DELAY_SECONDS.max, 'seconds');
  const publishWindow = readWholeNumber(process.env, ENV.publishWindowMinutes, PUBLISH_WINDOW_MINUTES.default, PUBLISH_WINDOW_MINUTES.max, 'minutes');
  const trigger = ScheduleEvent.safeParse(event ?? {});
  const scheduledTime = trigger.success ? (trigger.data.scheduledTime ?? trigger.data.time) : undefined;
  logger.info('ingest run starting', { scheduledTime, feeds: settings.config.feeds.length });

  const queue: ItemQueue = {
    send: (items) => enqueue(sqs, processQueueUrl, items),
    async requestPublish(queued) {
      const at = publishTime(new Date(), publishDelay, publishWindow);
      const request = publishSchedule(publishTarget, { reason: 'ingest', requestId: context.awsRequestId, queued, scheduledTime }, at, publishWindow);
      try {
        await scheduler.send(new CreateScheduleCommand(request));
      } catch (error) {
        // An earlier run of this window asked for the same publish: it will fold these articles too.
        if (!(error instanceof ConflictException)) throw error;
        logger.info('publish already scheduled', { schedule: request.Name, at: at.toISOString() });
      }
    },
  };
  const run = await ingestIntoQueue(settings.config.feeds, {
    store,
    http,
    queue,
    owner: `ingest:${context.awsRequestId}`,
    log,
    // The lease outlives the function's own deadline: after that its holder is surely gone.
    leaseTtlMs: context.getRemainingTimeInMillis() + LEASE_MARGIN_MS,
    maxItemsPerSource: settings.config.maxItemsPerSource,
    maxListPages: settings.config.maxListPages,
    newItemsPerRun: settings.config.newItemsPerRun,
  });
  if (run.skippedFor) {
    // A previous run is still going (or died less than its timeout ago): this tick has nothing to do.
    logger.warn('run skipped: the run lease is held', { owner: run.skippedFor.owner, expiresAt: run.skippedFor.expiresAt });
  }
  for (const feed of run.feeds) {
    log.info(`feed ${feed.status}`, { source: feed.source, url: feed.url, items: feed.items, newItems: feed.newItems, ...(feed.waiting ? { waiting: feed.waiting } : {}), ...(feed.error ? { error: feed.error } : {}) });
  }
  for (const error of run.errors) log.warn('ingest error', { url: error.url, error: error.message });
  for (const f of run.refused) log.error('could not queue item', { id: f.id, error: f.reason });
  // Sent only by a run that polled and found a failing source: the source-failing alarm counts
  // such runs in an hour, and CloudWatch bills a metric only for the hours it is sent in, so a
  // healthy month costs nothing. A source that answers with a bot challenge yields nothing either:
  // it counts as failed, for a day.
  if (run.status === 'done' && run.failing.length > 0) {
    metrics.addMetric(METRICS.feedErrors, MetricUnit.Count, run.failing.length);
    metrics.publishStoredMetrics();
  }
  if (run.blockedForADay.length > 0) log.warn('source blocked for a day or more', { sources: run.blockedForADay });

  const summary: IngestSummary = {
    status: run.status,
    feeds: run.feeds.map((f) => ({ url: f.url, status: f.status, newItems: f.newItems })),
    seen: run.seen,
    queued: run.queued,
    enqueueFailures: run.refused.length,
    publishRequested: run.publishRequested,
  };
  logger.info('ingest run finished', { ...summary, feeds: undefined, publishDelaySeconds: publishDelay, publishWindowMinutes: publishWindow });
  // Items SQS refused are retried next run, but the refusal must reach the runs dead-letter queue and its alarm.
  if (summary.enqueueFailures > 0) throw new Error(`${summary.enqueueFailures} items could not be queued; they stay pending for the next run`);
  return summary;
}
