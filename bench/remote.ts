/**
 * `npm run bench:remote`: the CLI's long commands against a store that answers the way a bucket
 * does from outside AWS, each request a round trip. A store is filled by one pipeline run over N
 * generated items (as part 2 of `npm run bench` does); then `kazfeed check`, `export`, `reprocess`
 * and `query` run as processes (`node cli/kazfeed.js`, `KAZFEED_BUCKET` + `S3_ENDPOINT`) through a
 * loopback proxy that holds every S3 request for a fixed delay before passing it on: 0 ms (the
 * embedded store as it is) and 30 ms (about a laptop's round trip to an AWS region). Reports wall
 * seconds, the requests the proxy saw by operation (GET, LIST, PUT, ...), and peak RSS (`/usr/bin/time`, when present).
 * Writes bench/results/remote.json and remote.md. BENCH_QUICK=1: 300 items (a smoke test).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, loadFixtures } from './corpus.ts';
import type { E2eResult } from './e2e-worker.ts';
import { BENCH_DIR, FIXTURES_DIR, log, REPO_ROOT, round, runWorker, startWorker } from './lib.ts';
import type { Services } from './services.ts';
import { writeSite } from './site.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const ITEMS = QUICK ? 300 : 2000;
const DELAYS_MS = [0, 30];
const SEED = 20251207;
const HAS_TIME = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

interface Proxy {
  endpoint: string;
  delayMs: number;
  requests: Record<string, number>;
  close(): Promise<void>;
}

/** A loopback HTTP proxy to `upstream` that holds each request `delayMs` first, counting them by operation. */
async function startDelayProxy(upstream: string): Promise<Proxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const proxy: Proxy = { endpoint: '', delayMs: 0, requests: {}, close: async () => {} };
  const server = createServer((incoming, outgoing) => {
    // A listing is a GET with list-type=2 in its query.
    const operation = incoming.method === 'GET' && /[?&]list-type=/.test(incoming.url ?? '') ? 'LIST' : (incoming.method ?? '?');
    proxy.requests[operation] = (proxy.requests[operation] ?? 0) + 1;
    setTimeout(() => {
      const forwarded = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on('error', (error) => outgoing.destroy(error));
      incoming.pipe(forwarded);
    }, proxy.delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    agent.destroy();
  };
  return proxy;
}

interface CommandRun {
  command: string;
  delayMs: number;
  seconds: number;
  exitCode: number | null;
  requests: Record<string, number>;
  peakRssMb: number | null;
  /** The command's last line on stderr: its summary. */
  summary: string;
}

/** Runs `kazfeed <args>` against the bucket through the proxy; stdout is counted, not kept. */
async function kazfeed(args: string[], proxy: Proxy, bucket: string): Promise<CommandRun> {
  const kazfeedJs = join(REPO_ROOT, 'cli', 'kazfeed.js');
  const [command, argv] = HAS_TIME ? ['/usr/bin/time', ['-f', 'peak-rss-kb %M', process.execPath, kazfeedJs, ...args]] : [process.execPath, [kazfeedJs, ...args]];
  const env = { ...process.env, KAZFEED_BUCKET: bucket, S3_ENDPOINT: proxy.endpoint, AWS_ACCESS_KEY_ID: 'kazfeed', AWS_SECRET_ACCESS_KEY: 'kazfeed', AWS_REGION: 'us-east-1' };
  const before = { ...proxy.requests };
  const started = performance.now();
  const child = spawn(command as string, argv as string[], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const rss = /^peak-rss-kb (\d+)$/m.exec(stderr);
  const lines = stderr.split('\n').filter((line) => line && !line.startsWith('peak-rss-kb '));
  const requests = Object.fromEntries(Object.entries(proxy.requests).map(([method, n]) => [method, n - (before[method] ?? 0)]).filter(([, n]) => (n as number) > 0));
  return { command: `kazfeed ${args.join(' ')}`, delayMs: proxy.delayMs, seconds: round(seconds, 2), exitCode, requests, peakRssMb: rss ? round(Number(rss[1]) / 1024) : null, summary: lines.at(-1) ?? '' };
}

function markdown(result: { items: number; stored: Record<string, number>; runs: CommandRun[]; date: string }): string {
  const rows = result.runs.map((r) => `| \`${r.command}\` | ${r.delayMs} ms | ${r.seconds} | ${Object.values(r.requests).reduce((s, n) => s + n, 0)} (${Object.entries(r.requests).map(([m, n]) => `${m} ${n}`).join(', ')}) | ${r.peakRssMb ?? 'n/a'} | ${r.exitCode} | ${r.summary.replaceAll('|', '\\|')} |`);
  return [
    `# The CLI against a remote store (${result.date.slice(0, 10)})`,
    '',
    `A store filled by one pipeline run over ${result.items} generated items (${Object.entries(result.stored).map(([k, n]) => `${n} ${k}`).join(', ')}), each command run once per delay through a proxy that holds every S3 request that long. Generated by \`npm run bench:remote\`${QUICK ? ' (quick mode: a smoke test, not a result)' : ''}.`,
    '',
    '| command | delay per request | seconds | S3 requests | peak RSS (MB) | exit | last line on stderr |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

const work = await mkdtemp(join(tmpdir(), 'kazfeed-bench-remote-'));
try {
  const fixtures = await loadFixtures(FIXTURES_DIR);
  const pages = generateCorpus(fixtures, { count: ITEMS, seed: SEED, itemsPerDay: 400 });
  await writeSite(join(work, 'site'), fixtures, pages);
  const services = startWorker<Services>(join(BENCH_DIR, 'services.ts'), [join(work, 'home'), join(work, 'site')]);
  const ready = await services.result;
  try {
    log(`remote: filling a store with one run over ${ITEMS} generated items`);
    const run = await runWorker<E2eResult>(join(BENCH_DIR, 'e2e-worker.ts'), [JSON.stringify(ready)]);
    const stored = { 'items fetched': run.counts.fetched ?? 0, 'articles stored': run.counts.accepted ?? 0, bilateral: run.counts.bilateral ?? 0, rejected: run.counts.rejected ?? 0 };
    const proxy = await startDelayProxy(ready.endpoint);
    const runs: CommandRun[] = [];
    try {
      for (const delayMs of DELAYS_MS) {
        proxy.delayMs = delayMs;
        for (const args of [['check'], ['export'], ['reprocess'], ['query', 'select count(*) as articles from articles']]) {
          const measured = await kazfeed(args, proxy, ready.bucket);
          log(`  ${measured.command} at ${delayMs} ms: ${measured.seconds} s, exit ${measured.exitCode}, ${JSON.stringify(measured.requests)}`);
          runs.push(measured);
        }
      }
    } finally {
      await proxy.close();
    }
    const result = { items: ITEMS, stored, runs, quick: QUICK, date: new Date().toISOString() };
    const suffix = QUICK ? '-quick' : '';
    await writeFile(join(BENCH_DIR, 'results', `remote${suffix}.json`), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(join(BENCH_DIR, 'results', `remote${suffix}.md`), markdown(result));
    process.stdout.write(markdown(result));
  } finally {
    const stopped = new Promise<unknown>((resolve) => services.onMessage(resolve));
    services.send('stop');
    await stopped;
    await services.exited;
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
