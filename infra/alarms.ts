import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRIC_NAMESPACE, METRICS } from '../functions/lib/lambda-env.ts';
import type { StackSettings } from './config.ts';

export interface AlarmedResources {
  settings: StackSettings;
  topic: ITopic;
  processQueue: IQueue;
  processDeadLetterQueue: IQueue;
  runsDeadLetterQueue: IQueue;
}

/** A process message older than this has failed at least once (the visibility timeout is 30 minutes). */
export const QUEUE_AGE_LIMIT = Duration.minutes(30);
/** Share of an hour's stored articles that fit no extractor version beyond which the markup changed. */
export const UNVERSIONED_SHARE = 0.25;

const FIVE_MINUTES = Duration.minutes(5);
const ONE_HOUR = Duration.hours(1);

/**
 * Ingest runs in a clock hour under a `rate(...)` schedule; a cron or at schedule counts as one
 * (the source-failing alarm then fires on the first hour with a failing source).
 */
export function runsPerHour(schedule: string): number {
  return Math.max(1, Math.floor(60 / minutesBetweenRuns(schedule)));
}

/** Minutes between ingest runs under a `rate(...)` schedule; an hour for a cron or at schedule. */
export function minutesBetweenRuns(schedule: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(schedule.trim());
  if (!rate?.[1]) return 60;
  return Number(rate[1]) * { minute: 1, hour: 60, day: 1440 }[rate[2] as 'minute' | 'hour' | 'day'];
}

/** CloudWatch looks back at most a day: 288 five-minute periods. */
const MAX_FIVE_MINUTE_PERIODS = 288;

/**
 * Every alarm of the stack, each notifying the topic when it fires and when it is OK again. Each
 * watches an AWS metric where one exists; the two custom metrics (METRICS) are what AWS cannot
 * see, and every alarm reads one metric (CloudWatch bills an alarm per metric it reads: a guard by
 * metric math would double it). What used to take an alarm per function and schedule (Errors,
 * Throttles, Scheduler's TargetErrorCount) now arrives in one place, the runs dead-letter queue,
 * or shows as the process queue's age. README.md, "Alarms", has a runbook line per alarm id.
 */
export function createAlarms(scope: Construct, r: AlarmedResources): Alarm[] {
  const s = r.settings;
  const action = new SnsAction(r.topic);
  const alarms: Alarm[] = [];
  const alarm = (id: string, metric: IMetric, props: { description: string; threshold: number; comparison?: ComparisonOperator; periods?: number; datapoints?: number; missing?: TreatMissingData }) => {
    const a = new Alarm(scope, id, {
      metric,
      alarmDescription: `${props.description} Runbook: README.md, "Alarms", ${id}.`,
      threshold: props.threshold,
      comparisonOperator: props.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: props.periods ?? 1,
      datapointsToAlarm: props.datapoints ?? props.periods ?? 1,
      treatMissingData: props.missing ?? TreatMissingData.NOT_BREACHING,
    });
    a.addAlarmAction(action);
    a.addOkAction(action);
    alarms.push(a);
  };
  /** An alarm on the first occurrence: one datapoint of 1 or more. */
  const onAny = (id: string, metric: IMetric, description: string) => alarm(id, metric, { description, threshold: 1 });
  const custom = (service: string, metricName: string, statistic: string, period: Duration) =>
    new Metric({ namespace: METRIC_NAMESPACE, metricName, dimensionsMap: { service, deployment: s.stackName }, statistic, period });

  // ── Ingest runs and publishes ────────────────────────────────────────────────────────────────
  // Messages sent, not messages visible: no redrive is ever needed. A failure in any five minutes
  // of a window one run interval long and five minutes more keeps the alarm on, so a run failing
  // on every tick mails once when it starts and once when it stops, not twice a tick.
  alarm('RunsDeadLetterAlarm', r.runsDeadLetterQueue.metricNumberOfMessagesSent({ period: FIVE_MINUTES, statistic: 'Sum' }), {
    description: 'An ingest run or a publish failed for good (an exception, a timeout, feed items SQS refused, a publish schedule Scheduler refused, throttling), or EventBridge Scheduler could not invoke the function: that run or publish did not happen.',
    threshold: 1,
    periods: Math.min(MAX_FIVE_MINUTE_PERIODS, Math.ceil(minutesBetweenRuns(s.schedule) / 5) + 1),
    datapoints: 1,
  });
  // FeedErrors is sent only by a run that polled and found a failing source (a metric is billed
  // for the hours it is sent in): its sample count in an hour is the runs with a failing source.
  const runs = runsPerHour(s.schedule);
  alarm('SourceFailingAlarm', custom('ingest', METRICS.feedErrors, 'SampleCount', ONE_HOUR), {
    description: `A source failed, answered with a bot challenge (for up to a day), or listed no item, on ${runs > 1 ? `at least ${runs - 1} of an hour's ${runs} ingest runs` : "an hour's ingest run"}: it moved, broke, or blocks the pipeline; its edition gets no articles.`,
    // One run short of all: a tick skipped while a long run holds the lease sends nothing.
    threshold: Math.max(1, runs - 1),
  });

  // ── Process ──────────────────────────────────────────────────────────────────────────────────
  // Counts messages in flight too: a message older than 30 minutes for 15 minutes has failed at
  // least twice (a crashed or throttled invocation's items come back too), or process is not
  // consuming at all. A failure retried successfully passes quickly, so this is also the alarm for
  // a failing site: items failing again 30 minutes later, not a burst that recovers.
  alarm('ProcessQueueAgeAlarm', r.processQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }), {
    description: `A feed item has waited in the process queue for more than ${QUEUE_AGE_LIMIT.toMinutes()} minutes: process keeps failing it (or crashing, or being throttled), or is not running.`,
    threshold: QUEUE_AGE_LIMIT.toSeconds(),
    periods: 3,
  });
  // Per hour, not per run: one run's articles are often too few for a share to mean anything. At
  // night (~5 articles an hour) one odd page is 20%, under the threshold.
  alarm('LayoutBrokenAlarm', custom('process', METRICS.articlesUnversioned, 'Average', ONE_HOUR), {
    description: `More than ${UNVERSIONED_SHARE * 100}% of an hour's stored articles fit no version of the Kazinform extractor (stored from the generic fallback): the site's markup changed.`,
    threshold: UNVERSIONED_SHARE,
    comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  // Visible messages: items moved by the redrive policy do not count as sent.
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
  return alarms;
}
