import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRIC_NAMESPACE, METRICS } from '../functions/lib/lambda-env.ts';
import type { StackSettings } from './config.ts';

export interface AlarmedResources {
  settings: StackSettings;
  topic: ITopic;
  ingest: IFunction;
  process: IFunction;
  publish: IFunction;
  processQueue: IQueue;
  processDeadLetterQueue: IQueue;
  scheduleGroup: IScheduleGroup;
}

/** A process message older than this has failed at least once (the visibility timeout is 30 minutes). */
export const QUEUE_AGE_LIMIT = Duration.minutes(30);
/** Failed items within an hour that mean more than one flaky page: the site or the network is failing. */
export const ITEMS_FAILED_PER_HOUR = 5;
/** Share of an hour's stored articles that fit no extractor version beyond which the markup changed. */
export const UNVERSIONED_SHARE = 0.25;

const FIVE_MINUTES = Duration.minutes(5);
const ONE_HOUR = Duration.hours(1);

/**
 * Every alarm of the stack, each notifying the topic when it fires and when it is OK again. Each
 * watches an AWS metric where one exists; the three custom metrics (METRICS) are what AWS cannot
 * see, and every alarm reads one metric (CloudWatch bills an alarm per metric it reads: a guard by
 * metric math would double it). README.md, "Alarms", has a runbook line per alarm id.
 */
export function createAlarms(scope: Construct, r: AlarmedResources): Alarm[] {
  const s = r.settings;
  const action = new SnsAction(r.topic);
  const alarms: Alarm[] = [];
  const alarm = (id: string, metric: IMetric, props: { description: string; threshold: number; comparison?: ComparisonOperator; periods?: number; missing?: TreatMissingData }) => {
    const a = new Alarm(scope, id, {
      metric,
      alarmDescription: `${props.description} Runbook: README.md, "Alarms", ${id}.`,
      threshold: props.threshold,
      comparisonOperator: props.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: props.periods ?? 1,
      datapointsToAlarm: props.periods ?? 1,
      treatMissingData: props.missing ?? TreatMissingData.NOT_BREACHING,
    });
    a.addAlarmAction(action);
    a.addOkAction(action);
    alarms.push(a);
  };
  /** An alarm on the first occurrence: one datapoint of 1 or more. */
  const onAny = (id: string, metric: IMetric, description: string) => alarm(id, metric, { description, threshold: 1 });
  const sumIn5Minutes = { period: FIVE_MINUTES, statistic: 'Sum' };
  const custom = (service: string, metricName: string, statistic: string, period: Duration) =>
    new Metric({ namespace: METRIC_NAMESPACE, metricName, dimensionsMap: { service, deployment: s.stackName }, statistic, period });

  // ── Schedules ────────────────────────────────────────────────────────────────────────────────
  // Per group: the ingest schedule and the one-time publish schedules ingest creates. A publish
  // Scheduler gives up on goes to the publish dead-letter queue only after failed attempts that
  // each count here, and needs no redrive (ingest asks again while articles are pending): an
  // alarm on that queue's depth would add a billed alarm and no news.
  onAny('ScheduleTargetErrorsAlarm', r.scheduleGroup.metricTargetErrors(sumIn5Minutes),
    'EventBridge Scheduler could not invoke the ingest or the publish function (permissions, throttling, function missing): that run or publish did not happen.');

  // ── Ingest ───────────────────────────────────────────────────────────────────────────────────
  onAny('IngestErrorsAlarm', r.ingest.metricErrors(sumIn5Minutes), 'An ingest run failed (an exception, a timeout, feed items SQS refused, or a publish schedule Scheduler refused).');
  // FeedErrors is emitted once per completed run: its minimum over an hour is at least 1 only if
  // some source failed on every run of that hour, whatever the other sources did.
  onAny('SourceFailingAlarm', custom('ingest', METRICS.feedErrors, 'Minimum', ONE_HOUR),
    'A source failed, or answered with a bot challenge, on every ingest run for an hour: it moved, broke, or blocks the pipeline; its edition gets no articles.');

  // ── Process ──────────────────────────────────────────────────────────────────────────────────
  // Counts messages in flight too: a message older than 30 minutes for 15 minutes has failed at
  // least twice, or process is not consuming at all. A failure retried successfully passes quickly.
  alarm('ProcessQueueAgeAlarm', r.processQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }), {
    description: `A feed item has waited in the process queue for more than ${QUEUE_AGE_LIMIT.toMinutes()} minutes: process keeps failing it, or is not running.`,
    threshold: QUEUE_AGE_LIMIT.toSeconds(),
    periods: 3,
  });
  alarm('ItemsFailingAlarm', custom('process', METRICS.itemsFailed, 'Sum', ONE_HOUR), {
    description: `${ITEMS_FAILED_PER_HOUR} or more feed items failed within an hour (network errors, timeouts, 5xx or 429 from the site); SQS retries them every 30 minutes.`,
    threshold: ITEMS_FAILED_PER_HOUR,
  });
  // Per hour, not per run: one run's articles are often too few for a share to mean anything. At
  // night (~5 articles an hour) one odd page is 20%, under the threshold.
  alarm('LayoutBrokenAlarm', custom('process', METRICS.articlesUnversioned, 'Average', ONE_HOUR), {
    description: `More than ${UNVERSIONED_SHARE * 100}% of an hour's stored articles fit no version of the Kazinform extractor (stored from the generic fallback): the site's markup changed.`,
    threshold: UNVERSIONED_SHARE,
    comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  onAny('ProcessErrorsAlarm', r.process.metricErrors(sumIn5Minutes),
    'A process invocation failed as a whole (crash, out of memory, bad configuration); its items come back after 30 minutes.');
  onAny('ProcessDeadLetterAlarm', r.processDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
    'Feed items failed maxReceiveCount times and are in the process dead-letter queue: look at them, fix the cause, then redrive.');
  // One ArticlesUnversioned value per stored article: an hour without any has no data, which counts
  // as breaching while the schedule runs (a paused pipeline is silent on purpose).
  alarm('NoNewArticleAlarm', custom('process', METRICS.articlesUnversioned, 'SampleCount', ONE_HOUR), {
    description: `No new article was stored for ${s.noNewArticleHours} hours.`,
    threshold: 1,
    comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
    periods: s.noNewArticleHours,
    missing: s.scheduleEnabled ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING,
  });

  // ── Publish ──────────────────────────────────────────────────────────────────────────────────
  onAny('PublishErrorsAlarm', r.publish.metricErrors(sumIn5Minutes),
    'A publish failed; the feeds and the archive were not updated by it. Lambda retries it twice, and the next ingest run asks again while articles are pending.');

  // ── All functions ────────────────────────────────────────────────────────────────────────────
  // The stack reserves no concurrency, so its functions are throttled only when the account's
  // shared pool runs out: the account-wide metric (one alarm, not three) is the one to watch.
  onAny('ThrottlesAlarm', new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', ...sumIn5Minutes }),
    "A Lambda function in this account was throttled: the account's concurrency ran out (or a function elsewhere hit its own reserved concurrency).");
  return alarms;
}
