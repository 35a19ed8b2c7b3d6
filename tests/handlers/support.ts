import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { vi } from 'vitest';
import { ENV } from '../../functions/lib/lambda-env.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** fauxqs accepts any credentials; fixed ones keep the developer's AWS_* settings out of the tests. */
const CREDENTIALS = { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' };
const REGION = 'us-east-1';
export const PUBLIC_BASE_URL = 'https://d111111abcdef8.cloudfront.net';

export interface Queues {
  process: string;
  processDlq: string;
}

/** The publish schedule target the stack would give ingest (ARNs are only passed through). */
export const PUBLISH_TARGET = {
  group: 'KazinformRelationsFeed-ScheduleGroup',
  publishFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:KazinformRelationsFeed-Publish',
  roleArn: 'arn:aws:iam::123456789012:role/KazinformRelationsFeed-PublishScheduleRole',
  deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:KazinformRelationsFeed-RunsDeadLetterQueue',
};

/** A CreateSchedule call as the Scheduler endpoint received it. */
export interface ScheduleRequest {
  method: string;
  /** From the path, /schedules/<name>. */
  name: string;
  body: Record<string, any>;
}

/**
 * A stand-in for the EventBridge Scheduler endpoint (there is no local Scheduler): it records
 * every CreateSchedule REST call the real client makes and answers it as Scheduler does: created,
 * or a conflict for a name that already exists (in `conflicts`), or with `fail` set, refused as
 * Scheduler refuses a request it does not allow.
 */
export interface SchedulerEndpoint {
  endpoint: string;
  requests: ScheduleRequest[];
  conflicts: ScheduleRequest[];
  fail: boolean;
  close(): Promise<void>;
}

export async function startSchedulerEndpoint(): Promise<SchedulerEndpoint> {
  const requests: ScheduleRequest[] = [];
  const conflicts: ScheduleRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/schedules\//, ''));
    // No Date header: tests that fake the clock would otherwise see a skew the SDK corrects by retrying.
    res.sendDate = false;
    if (endpoint.fail) {
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
      res.end(JSON.stringify({ Message: 'not authorized to perform scheduler:CreateSchedule' }));
      return;
    }
    const request = { method: req.method ?? '', name, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') };
    if (requests.some((r) => r.name === name)) {
      conflicts.push(request);
      res.writeHead(409, { 'content-type': 'application/json', 'x-amzn-errortype': 'ConflictException' });
      res.end(JSON.stringify({ Message: `Schedule ${name} already exists.` }));
      return;
    }
    requests.push(request);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/${PUBLISH_TARGET.group}/${name}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint: SchedulerEndpoint = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    conflicts,
    fail: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return endpoint;
}

export interface HandlerStack extends Stack {
  sqs: SQSClient;
  queues: Queues;
  scheduler: SchedulerEndpoint;
  /** The Lambda environment the stack would set, pointing at the loopback servers. */
  env: Record<string, string>;
}

/**
 * The embedded S3-compatible server (fauxqs, which serves SQS on the same endpoint), the replay
 * of the sample Kazinform site, the process and dead-letter queues, and a Scheduler endpoint, all on loopback.
 */
export async function startHandlerStack(options: { maxReceiveCount?: number } = {}): Promise<HandlerStack> {
  const stack = await startStack();
  const sqs = new SQSClient({ endpoint: stack.s3.endpoint, region: REGION, credentials: CREDENTIALS });
  const create = async (name: string, attributes: Record<string, string> = {}) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl as string;
  const processDlq = await create('process-dlq');
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: processDlq, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn as string;
  const queues: Queues = {
    processDlq,
    process: await create('process', {
      VisibilityTimeout: '1800',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount ?? 5 }),
    }),
  };
  const scheduler = await startSchedulerEndpoint();
  const { config } = stack;
  const env: Record<string, string> = {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    [ENV.bucket]: stack.s3.store.bucket,
    [ENV.s3Endpoint]: stack.s3.endpoint,
    [ENV.sqsEndpoint]: stack.s3.endpoint,
    [ENV.config]: JSON.stringify({ feeds: config.feeds, allowHosts: config.allowHosts, retries: 0, feedSize: 100, concurrency: 2, maxAttempts: 5 }),
    [ENV.processQueueUrl]: queues.process,
    [ENV.schedulerEndpoint]: scheduler.endpoint,
    [ENV.scheduleGroup]: PUBLISH_TARGET.group,
    [ENV.publishFunctionArn]: PUBLISH_TARGET.publishFunctionArn,
    [ENV.publishScheduleRoleArn]: PUBLISH_TARGET.roleArn,
    [ENV.publishDeadLetterArn]: PUBLISH_TARGET.deadLetterArn,
    [ENV.publishDelaySeconds]: '120',
    [ENV.publicBaseUrl]: PUBLIC_BASE_URL,
    [ENV.deployment]: 'HandlerTest',
    POWERTOOLS_METRICS_NAMESPACE: 'KazinformRelationsFeed',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  return {
    ...stack,
    sqs,
    queues,
    scheduler,
    env,
    async close() {
      sqs.destroy();
      await scheduler.close();
      await stack.close();
    },
  };
}

/** Replaces process.env entries (and clears AWS_PROFILE & co.); returns a function restoring them. */
export function useEnv(env: Record<string, string | undefined>): () => void {
  const keys = [...Object.keys(env), 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_REGION'];
  const saved: Record<string, string | undefined> = {};
  for (const key of keys) saved[key] = process.env[key];
  for (const key of keys) {
    const value = env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const key of keys) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
}

/**
 * Collects the embedded-metric-format blobs Powertools writes to stdout (what CloudWatch turns into
 * metrics), keeping them off the test output. Undo with vi.restoreAllMocks().
 */
export function captureEmf(): Record<string, any>[] {
  const emf: Record<string, any>[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: any[]) => {
    const text = typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    if (!text.includes('"_aws"')) return write(chunk, ...rest);
    emf.push(JSON.parse(text));
    return true;
  });
  return emf;
}

/** A Lambda context with a fixed remaining time (no clock involved). */
export function lambdaContext(functionName: string, remainingMs = 300_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2025/11/24/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => remainingMs,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** What EventBridge Scheduler sends, given the input template in infra/stack.ts. */
export function scheduleEvent(scheduledTime = '2025-11-24T12:00:00Z'): Record<string, string> {
  return {
    source: 'kazfeed.schedule',
    scheduleArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/KazinformRelationsFeed-IngestSchedule',
    scheduledTime,
    executionId: randomUUID(),
    attemptNumber: '1',
  };
}

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:KazinformRelationsFeed-ProcessQueue';

/** An SQS record as the Lambda event source delivers it. */
export function sqsRecord(body: string, overrides: Partial<SQSRecord> = {}): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1763985600000',
      SenderId: 'AROAEXAMPLE:ingest',
      ApproximateFirstReceiveTimestamp: '1763985601000',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'us-east-1',
    ...overrides,
  };
}

export function sqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

function recordOf(message: Message, queueUrl: string): SQSRecord {
  return sqsRecord(message.Body ?? '', {
    messageId: message.MessageId as string,
    receiptHandle: message.ReceiptHandle as string,
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
      SentTimestamp: message.Attributes?.SentTimestamp ?? '0',
      SenderId: message.Attributes?.SenderId ?? 'test',
      ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? '0',
    },
    eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queueUrl.split('/').pop()}`,
  });
}

export interface DrainResult {
  invocations: number;
  /** Receive counts of each message id, as the handler saw them. */
  receives: Map<string, number>;
}

/**
 * What the Lambda SQS event source does, in a loop: receive a batch, invoke the handler, delete
 * what succeeded, and make the reported failures visible again at once (instead of after the
 * visibility timeout), until a receive comes back empty. SQS itself (here fauxqs, honouring the
 * queue's RedrivePolicy) moves a message to the dead-letter queue once it exceeds maxReceiveCount.
 */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | unknown>,
  batchSize: number,
  maxInvocations = 100,
): Promise<DrainResult> {
  const receives = new Map<string, number>();
  let invocations = 0;
  while (invocations < maxInvocations) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: batchSize, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }));
    const messages = out.Messages ?? [];
    if (messages.length === 0) break;
    const records = messages.map((m) => recordOf(m, queueUrl));
    for (const r of records) receives.set(r.messageId, Number(r.attributes.ApproximateReceiveCount));
    invocations += 1;
    let failed = new Set<string>();
    try {
      const response = (await handler(sqsEvent(records))) as SQSBatchResponse | undefined;
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(records.map((r) => r.messageId));
    }
    for (const record of records) {
      if (failed.has(record.messageId)) {
        await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle, VisibilityTimeout: 0 }));
      } else {
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle }));
      }
    }
  }
  return { invocations, receives };
}

/** Receives (and deletes) every visible message of a queue. */
export async function takeAll(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }));
    const messages = out.Messages ?? [];
    if (messages.length === 0) return all;
    for (const m of messages) {
      all.push(m);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle as string }));
    }
  }
}

export async function queueCounts(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; delayed: number; inflight: number }> {
  const a = (await sqs.send(new GetQueueAttributesCommand({
    QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessagesNotVisible'],
  }))).Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages ?? 0),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
    inflight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}
