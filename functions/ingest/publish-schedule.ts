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

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second so that it never lies in the past. */
export function atExpression(when: Date): string {
  const seconds = new Date(Math.ceil(when.getTime() / 1000) * 1000);
  return `at(${seconds.toISOString().slice(0, 19)})`;
}

export function publishSchedule(target: PublishScheduleTarget, request: PublishRequest, at: Date): CreateScheduleCommandInput {
  return {
    // One per run: the Lambda request id is unique, and Scheduler names allow its characters.
    Name: `${PUBLISH_SCHEDULE_PREFIX}${request.requestId}`,
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
