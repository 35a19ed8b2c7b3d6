/**
 * The one delayed publish an ingest run asks for, as a one-time EventBridge Scheduler schedule:
 * Scheduler invokes the publish function once at `at(...)` and deletes the schedule. Unlike a
 * delayed SQS message it needs no queue that the publish function's event source long-polls
 * while idle (half the stack's SQS requests).
 */
// A type import only: the CDK app imports this file for the name prefix.
import type { CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';

/** Every publish schedule's name starts so; ingest may create schedules of that name only. */
export const PUBLISH_SCHEDULE_PREFIX = 'publish-';

/**
 * The publish settings' defaults and bounds: the stack's settings (infra/config.ts) and the ingest
 * function reading them from its environment share these.
 */
export const PUBLISH_DELAY_SECONDS = { default: 120, max: 900 } as const;
export const PUBLISH_WINDOW_MINUTES = { default: 30, max: 1440 } as const;

export interface PublishScheduleTarget {
  group: string;
  publishFunctionArn: string;
  roleArn: string;
  deadLetterArn: string;
}

/** What the publish function receives, as a delayed SQS message carried it before. */
export interface PublishRequest {
  reason: 'ingest';
  requestId: string;
  queued: number;
  scheduledTime?: string | undefined;
}

/**
 * Scheduler retries an invocation it could not deliver (throttled, permissions) for up to 10
 * minutes, then dead-letters it: by then the next ingest tick asks again if articles are pending.
 */
export const PUBLISH_RETRY_POLICY = { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 600 } as const;

const MIN_LEAD_SECONDS = 60;

/**
 * When the publish a run asks for runs: `delaySeconds` from now, or with a window, at the end of
 * the window (aligned on UTC multiples of `windowMinutes`) that moment falls in. Every run of one
 * window then asks for the same publish, so the feeds are rewritten at most once a window, however
 * many runs found items: each publish rewrites every feed an article entered, so fewer of them
 * are most of what the pipeline's S3 requests cost (README.md, "Monthly cost estimate").
 */
export function publishTime(now: Date, delaySeconds: number, windowMinutes: number): Date {
  // Never sooner than a minute ahead: a one-time schedule fires within the minute anyway, and one
  // whose time has passed by the time Scheduler reads the request would never fire.
  const earliest = now.getTime() + Math.max(delaySeconds, MIN_LEAD_SECONDS) * 1000;
  if (windowMinutes <= 0) return new Date(earliest);
  const window = windowMinutes * 60_000;
  return new Date(Math.ceil(earliest / window) * window);
}

/**
 * A windowed publish is named by its time, so a second request for it is refused by Scheduler as
 * a conflict (the publish is already on its way); otherwise by the asking run's request id.
 */
export function publishScheduleName(requestId: string, at: Date, windowMinutes: number): string {
  const suffix = windowMinutes > 0 ? at.toISOString().slice(0, 16).replace(':', '-') : requestId;
  return `${PUBLISH_SCHEDULE_PREFIX}${suffix}`;
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second so that it never lies in the past. */
export function atExpression(when: Date): string {
  const seconds = new Date(Math.ceil(when.getTime() / 1000) * 1000);
  return `at(${seconds.toISOString().slice(0, 19)})`;
}

export function publishSchedule(target: PublishScheduleTarget, request: PublishRequest, at: Date, windowMinutes: number): CreateScheduleCommandInput {
  return {
    Name: publishScheduleName(request.requestId, at, windowMinutes),
    GroupName: target.group,
    ScheduleExpression: atExpression(at),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: target.publishFunctionArn,
      RoleArn: target.roleArn,
      Input: JSON.stringify(request),
      RetryPolicy: PUBLISH_RETRY_POLICY,
      DeadLetterConfig: { Arn: target.deadLetterArn },
    },
  };
}
