import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../functions/ingest/index.ts';
import { httpClientFor } from '../../functions/lib/http.ts';
import { METRICS } from '../../functions/lib/lambda-env.ts';
import { captureEmf, type HandlerStack, lambdaContext, sqsEvent, sqsRecord, startHandlerStack, useEnv } from './support.ts';

/**
 * What the alarm on the share of pages that fit no version of the Kazinform extractor averages
 * (infra/alarms.ts): one ArticlesUnversioned value per stored article, 1 for a page no version fits.
 */
describe('the process handler over pages in the 2026 markup and one in neither markup', () => {
  let stack: HandlerStack;
  let restore: () => void;
  let emf: Record<string, any>[];

  beforeAll(async () => {
    stack = await startHandlerStack();
    restore = useEnv({ ...stack.env, POWERTOOLS_METRICS_DISABLED: 'false' });
    const { handler } = await import('../../functions/process/handler.ts');
    const { items } = await ingest([{ url: stack.site.url('/feeds/2026.xml') }], { store: stack.s3.store, http: httpClientFor(stack.config) });
    emf = captureEmf();
    await handler(sqsEvent(items.map((item) => sqsRecord(JSON.stringify(item)))), lambdaContext('process'));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    restore?.();
    await stack?.close();
  });

  it('publishes one ArticlesUnversioned value per stored page, 1 for the page no version fits, in one batch record', () => {
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ service: 'process', deployment: 'HandlerTest' });
    expect([...(emf[0]?.[METRICS.articlesUnversioned] as number[])].sort()).toEqual([0, 0, 0, 1]);
  });
});
