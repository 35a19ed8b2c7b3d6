import { SendMessageCommand } from '@aws-sdk/client-sqs';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/lib/keys.ts';
import { IngestState } from '../../schemas/state.ts';
import { allKeys, type ExpectedArticle, sampleSiteIndex } from '../support/stack.ts';
import { type DrainResult, drainQueue, type HandlerStack, lambdaContext, queueCounts, scheduleEvent, startHandlerStack, takeAll, useEnv } from './support.ts';

const MAX_RECEIVE_COUNT = 3;
const PROCESS_BATCH_SIZE = 5;

describe('ingest → process queue → process → publish schedule → publish, through fauxqs SQS on loopback', () => {
  let stack: HandlerStack;
  let restore: () => void;
  let expected: ExpectedArticle[];
  let processed: DrainResult;
  let poisonId: string;
  let poisonBody: string;
  let publishResults: unknown[];

  beforeAll(async () => {
    stack = await startHandlerStack({ maxReceiveCount: MAX_RECEIVE_COUNT });
    restore = useEnv(stack.env);
    const ingest = (await import('../../functions/ingest/handler.ts')).handler;
    const process = (await import('../../functions/process/handler.ts')).handler;
    const publish = (await import('../../functions/publish/handler.ts')).handler;
    expected = (await sampleSiteIndex()).articles;

    await ingest(scheduleEvent(), lambdaContext('ingest'));
    // A poison message, as a bad deploy or a hand-sent message could leave in the queue.
    poisonBody = '{"id":"poison","url":';
    poisonId = (await stack.sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.process, MessageBody: poisonBody }))).MessageId as string;

    processed = await drainQueue(stack.sqs, stack.queues.process, (event) => process(event, lambdaContext('process')), PROCESS_BATCH_SIZE);
    // What Scheduler does when each schedule's time comes (the test does not wait the delay out,
    // which is what lets process drain first in the cloud): invoke publish with the schedule's Input.
    publishResults = [];
    for (const request of stack.scheduler.requests) publishResults.push(await publish(JSON.parse(request.body.Target.Input), lambdaContext('publish')));
  });
  afterAll(async () => {
    restore?.();
    await stack?.close();
  });

  it('stores every article of the site once, through the process queue', async () => {
    expect(await allKeys(stack, 'articles/')).toHaveLength(expected.length);
    expect(await queueCounts(stack.sqs, stack.queues.process)).toEqual({ visible: 0, delayed: 0, inflight: 0 });
    const state = (await stack.s3.store.getJson(keys.ingestState, IngestState))?.value as IngestState;
    expect(Object.values(state.items).every((i) => i.status === 'queued')).toBe(true);
  });

  it('hands the poison message to the handler maxReceiveCount times, then SQS moves it to the dead-letter queue', async () => {
    expect(processed.receives.get(poisonId)).toBe(MAX_RECEIVE_COUNT);
    const dead = await takeAll(stack.sqs, stack.queues.processDlq);
    expect(dead.map((m) => m.Body)).toEqual([poisonBody]);
    // Only the poison message was ever retried: every real item succeeded on its first receive.
    for (const [id, count] of processed.receives) if (id !== poisonId) expect(count).toBe(1);
  });

  it('publishes once for the whole burst, from the one schedule ingest created', async () => {
    expect(publishResults).toEqual([expect.objectContaining({ pending: expected.length })]);
    expect(await allKeys(stack, keys.pendingPrefix)).toEqual([]);
    const xml = new TextDecoder().decode((await stack.s3.store.get('feeds/all.xml'))?.body);
    const feed = await new Parser().parseString(xml);
    const bilateral = expected.filter((a) => a.expected.kind === 'bilateral').map((a) => a.id).sort();
    expect(feed.items.map((i) => i.guid).sort()).toEqual(bilateral);
  });
});
