import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditStore } from '../../functions/check/audit.ts';
import { READ_AHEAD } from '../../functions/lib/dated-keys.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { CountingStore } from '../support/counting-store.ts';
import { allKeys, type Stack, startStack } from '../support/stack.ts';

describe('check reads a large store ahead and says how far it has got', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await runPipeline(stack.config, { store: stack.s3.store });
  });
  afterAll(async () => stack?.close());

  it('reads the raw pages several at once, at most READ_AHEAD, and finds nothing wrong with a store a run completed', async () => {
    const store = new CountingStore(stack.s3.store, (key) => key.startsWith('raw/'));
    const audit = await auditStore(store);
    expect(audit.findings).toEqual([]);
    expect(store.mostInFlight).toBeGreaterThan(1);
    expect(store.mostInFlight).toBeLessThanOrEqual(READ_AHEAD);
  });

  it('reports each object it reads, counting up from 1, with the count of objects listed', async () => {
    const listed = (await allKeys(stack)).length;
    const reports: [number, number][] = [];
    const audit = await auditStore(stack.s3.store, { progress: (read, of) => void reports.push([read, of]) });
    const counts = reports.map(([read]) => read);
    expect(counts.every((read, i) => i === 0 || read > (counts[i - 1] ?? 0))).toBe(true);
    expect(counts[0]).toBe(1);
    expect(counts.at(-1)).toBeGreaterThan(listed / 2);
    expect(counts.at(-1)).toBeLessThanOrEqual(audit.objects);
    expect(new Set(reports.map(([, of]) => of))).toEqual(new Set([listed]));
  });
});
