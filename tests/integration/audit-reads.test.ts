import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditStore } from '../../functions/check/audit.ts';
import { READ_AHEAD } from '../../functions/lib/dated-keys.ts';
import { plural } from '../../functions/lib/plural.ts';
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

  it('reports each read with the stored objects read so far, counting up to the objects it checked, never past the count listed', async () => {
    const listed = (await allKeys(stack)).length;
    const reports: [number, number][] = [];
    const audit = await auditStore(stack.s3.store, { progress: (read, of) => void reports.push([read, of]) });
    const counts = reports.map(([read]) => read);
    expect(counts.every((read, i) => read - (counts[i - 1] ?? 0) <= 1)).toBe(true);
    expect(counts.at(-1)).toBe(audit.objects);
    expect(audit.objects).toBe(listed);
    expect(new Set(reports.map(([, of]) => of))).toEqual(new Set([listed]));
  });

  it('reads a daily file whose lines are not exactly its stored articles line by line: one that is no article makes it unreadable, one left out makes it stale', async () => {
    const linesOf = async (key: string) => gunzipSync((await stack.s3.store.get(key))?.body as Uint8Array).toString('utf8').split('\n').filter(Boolean);
    const days = await Promise.all((await allKeys(stack, 'archive/daily/')).map(async (key) => ({ key, lines: await linesOf(key) })));
    const { key: day, lines: stored } = days.reduce((most, d) => (d.lines.length > most.lines.length ? d : most));
    expect(stored.length).toBeGreaterThan(1);
    const judged = async (lines: string[]) => {
      await stack.s3.store.put(day, gzipSync(lines.join('\n')), { contentType: 'application/gzip' });
      return (await auditStore(stack.s3.store)).findings.filter((f) => f.key === day).map((f) => f.problem);
    };
    expect(await judged([...stored.slice(1), '{"id":"not an article"}'])).toEqual([expect.stringMatching(/^unreadable: /)]);
    expect(await judged(stored.slice(1))).toEqual([`holds ${plural(stored.length - 1, 'article')}; ${stored.length} are stored for ${day.slice(-'YYYY-MM-DD.ndjson.gz'.length, -'.ndjson.gz'.length)}`]);
    expect(await judged(stored)).toEqual([]);
  });

  it('counts a missing object it looked for as no object read: a store missing its feeds, pages and raw pages is still read up to its listing', async () => {
    for (const key of await allKeys(stack)) {
      if (['site/', 'feeds/', 'raw/', 'archive/'].some((prefix) => key.startsWith(prefix))) await stack.s3.store.delete(key);
    }
    const listed = (await allKeys(stack)).length;
    let last: [number, number] = [0, 0];
    const audit = await auditStore(stack.s3.store, { progress: (read, of) => void (last = [read, of]) });
    expect(audit.findings.length).toBeGreaterThan(0);
    expect(last).toEqual([listed, listed]);
    expect(audit.objects).toBe(listed);
  });
});
