/**
 * A source whose pages stall after their headers: the run spends at most its processing budget on
 * them, gives up the fetch under way, and leaves the items it did not start for the next run,
 * untried (their attempts not counted).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../../cli/loopback.ts';
import { keys } from '../../functions/lib/keys.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import type { RunReport } from '../../schemas/run-report.ts';
import { IngestState } from '../../schemas/state.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { samplePage } from '../support/hostile-site.ts';

const ids = ['a00001', 'a00002', 'a00003', 'a00004'];
const path = (id: string) => `/ru/x-y-${id}`;

describe('a run over pages that stall after their headers', () => {
  let server: Server;
  let stack: FaultyStack;
  const hits = new Map<string, number>();
  const reports: RunReport[] = [];
  let stateAfterFirst: IngestState;
  let hitsAfterFirst: Map<string, number>;

  beforeAll(async () => {
    const page = (await samplePage('ru-4c1e9a')).text;
    let origin = '';
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      const hit = (hits.get(url) ?? 0) + 1;
      hits.set(url, hit);
      if (url === '/rss/ru.xml') {
        // Newest first: the first item is the stalling one.
        const items = ids.map((id, n) => `<item><link>${origin}${path(id)}</link><pubDate>${new Date(Date.parse('2025-11-24T12:00:00Z') - n * 60_000).toUTCString()}</pubDate></item>`);
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>/</link><description>d</description>${items.join('')}</channel></rss>`);
      }
      const body = page.replaceAll('{{origin}}', origin);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      // The first page sends a little on its first request, then nothing more.
      if (url === path(ids[0] as string) && hit === 1) return void res.write(body.slice(0, 2048));
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stack = await startFaultyStack({ config: { feeds: [{ url: `${origin}/rss/ru.xml` }], allowHosts: [new URL(origin).host], retries: 0, concurrency: 1 } });
    reports.push(await runPipeline(stack.config, { store: stack.store, processBudgetMs: 1500 }));
    stateAfterFirst = (await stack.store.getJson(keys.ingestState, IngestState))?.value as IngestState;
    hitsAfterFirst = new Map(hits);
    reports.push(await runPipeline(stack.config, { store: stack.store, processBudgetMs: 60_000 }));
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    server?.closeAllConnections();
    if (server) await closeServer(server);
  });

  it('gives up the stalled fetch when the budget is spent, and leaves the items not started for the next run, untried', () => {
    expect(reports[0]?.counts).toMatchObject({ new: 1, accepted: 0, errors: 1, waiting: 3 });
    expect(reports[0]?.errors.map((e) => e.message)).toEqual([expect.stringMatching(/deadline of 1500 ms reached/)]);
    expect(ids.map((id) => [stateAfterFirst.items[`ru-${id}`]?.status, stateAfterFirst.items[`ru-${id}`]?.attempts])).toEqual([['retry', 1], ['pending', 0], ['pending', 0], ['pending', 0]]);
    expect(ids.map((id) => hitsAfterFirst.get(path(id)) ?? 0)).toEqual([1, 0, 0, 0]);
  });

  it('the next run takes them all, each fetched once more at most', () => {
    expect(reports[1]?.counts).toMatchObject({ new: 4, accepted: 4, errors: 0 });
    expect(reports[1]?.counts.waiting).toBeUndefined();
    expect(ids.map((id) => hits.get(path(id)))).toEqual([2, 1, 1, 1]);
  });
});
