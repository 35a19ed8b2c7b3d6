import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { auditStore as checkStore } from '../../functions/check/audit.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { auditStore, cleanAudit } from '../support/audit.ts';
import { type Fault, isWrite, type ProxyRequest } from '../support/fault-proxy.ts';
import { type FaultyStack, snapshot, startFaultyStack } from '../support/faulty-stack.ts';
import { type SiteSubset, sampleSiteSubset } from '../support/site-subset.ts';
import { REPO_ROOT } from '../support/stack.ts';

const CHILD = join(REPO_ROOT, 'tests/support/pipeline-child.ts');

interface KillPoint {
  name: string;
  /** The write at which the child is killed: the `nth` request matching `at`. */
  at: (req: ProxyRequest) => boolean;
  nth: number;
  /** 'stall': killed before the write lands; 'apply-then-stall': after it landed, before the answer. */
  fault: Extract<Fault, 'stall' | 'apply-then-stall'>;
  /** true: the proxy enforces conditional writes like S3; false: emulator semantics (no 412s). */
  s3: boolean;
}

const put = (prefix: string) => (r: ProxyRequest) => r.method === 'PUT' && (r.key?.startsWith(prefix) ?? false);
const del = (prefix: string) => (r: ProxyRequest) => r.method === 'DELETE' && (r.key?.startsWith(prefix) ?? false);

/** Kill points across a whole run: lease, processing, state, feeds, archive, manifest, clean-up, report. */
const POINTS: KillPoint[] = [
  { name: 'the lease write, before it lands', at: put('state/lease.json'), nth: 1, fault: 'stall', s3: true },
  { name: 'the lease write, after it lands', at: put('state/lease.json'), nth: 1, fault: 'apply-then-stall', s3: false },
  { name: 'the first raw page', at: put('raw/'), nth: 1, fault: 'stall', s3: false },
  { name: 'the first article, stored but without its pending marker', at: put('articles/'), nth: 1, fault: 'apply-then-stall', s3: true },
  { name: 'the 4th article, stored but without its pending marker', at: put('articles/'), nth: 4, fault: 'apply-then-stall', s3: false },
  { name: 'the 5th pending marker, before it lands', at: put('index/pending/'), nth: 5, fault: 'stall', s3: true },
  { name: 'the ingest state, before it lands', at: put('state/ingest.json'), nth: 1, fault: 'stall', s3: false },
  { name: 'the ingest state, after it lands', at: put('state/ingest.json'), nth: 1, fault: 'apply-then-stall', s3: true },
  { name: 'the first feed file', at: put('feeds/'), nth: 1, fault: 'stall', s3: true },
  { name: "the 2nd feed's index, after it lands", at: put('index/feeds/'), nth: 2, fault: 'apply-then-stall', s3: false },
  { name: 'the feed membership index, after it lands', at: put('index/members.json'), nth: 1, fault: 'apply-then-stall', s3: true },
  { name: 'the 3rd daily archive file, after it lands', at: put('archive/daily/'), nth: 3, fault: 'apply-then-stall', s3: true },
  { name: 'the manifest, after it lands', at: put('archive/manifest.json'), nth: 1, fault: 'apply-then-stall', s3: false },
  { name: 'the 4th pending-marker delete', at: del('index/pending/'), nth: 4, fault: 'apply-then-stall', s3: true },
  { name: 'the run report', at: put('runs/'), nth: 1, fault: 'stall', s3: false },
  { name: 'the lease release', at: del('state/lease.json'), nth: 1, fault: 'stall', s3: true },
  { name: 'the 20th write, whatever it is', at: isWrite, nth: 20, fault: 'apply-then-stall', s3: false },
];

function startChild(stack: FaultyStack): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [CHILD], {
    cwd: REPO_ROOT,
    env: { ...process.env, KAZFEED_TEST_S3: JSON.stringify(stack.location), KAZFEED_TEST_CONFIG: JSON.stringify(stack.config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** What the figures in docs/reliability.md count: scenarios run, articles lost and duplicated. */
const totals = { scenarios: 0, lost: 0, duplicated: 0 };
// Two of the sample site's five feeds (Russian and English, bilateral and not): every phase of a
// run at a fraction of the cost of the whole site, so that sixteen kill points fit the test budget.
let site: SiteSubset;
beforeAll(async () => {
  site = await sampleSiteSubset(['rss/rus.xml', 'rss/eng.xml']);
});
afterAll(async () => {
  process.stderr.write(`kill -9 scenarios: ${totals.scenarios}, articles lost: ${totals.lost}, duplicated: ${totals.duplicated}\n`);
  await rm(site.dir, { recursive: true, force: true });
});

describe.concurrent('a run killed with SIGKILL at any point is completed by the next run: nothing lost, nothing duplicated', () => {
  // Five scenarios run at once, each two pipeline runs in child processes: about 10 s apiece on an
  // idle two-core machine, 30 s when it is busy, so more than the suite's 30 s default.
  it.for(POINTS)('killed at $name (S3 semantics: $s3)', { timeout: 120_000 }, async (point, { expect }) => {
    const { ids, bilateralIds: bilateral } = site;
    const stack = await startFaultyStack({ siteDir: site.dir, proxy: { enforceConditionalWrites: point.s3 } });
    try {
      let matched = 0;
      let reached!: () => void;
      const atPoint = new Promise<'reached'>((resolve) => (reached = () => resolve('reached')));
      stack.proxy.rule = (req) => {
        if (!point.at(req) || ++matched !== point.nth) return undefined;
        reached();
        return point.fault;
      };
      const run = startChild(stack);
      const first = await Promise.race([atPoint, run.exited.then(() => 'exited' as const)]);
      expect(first, run.output()).toBe('reached');
      run.child.kill('SIGKILL');
      expect(await run.exited).toBe(null); // killed, not finished
      stack.proxy.rule = () => undefined;

      // The dead run's lease names a process on this machine that is gone: the next run takes it
      // over at once, well within its time to live, and completes the work.
      const lease = await stack.s3.store.get('state/lease.json');
      if (lease) expect(JSON.parse(new TextDecoder().decode(lease.body)).holder.pid).toBe(run.child.pid);
      const report = await runPipeline(stack.config, { store: stack.store });
      expect(report.counts.errors).toBe(0);

      const audit = await auditStore(stack.s3.store, ids, bilateral);
      totals.scenarios += 1;
      totals.lost += audit.lost.length + audit.archiveLost.length + audit.feedMissing.length;
      totals.duplicated += audit.duplicated.length + audit.archiveDuplicated.length + audit.feedDuplicated.length;
      expect(audit).toEqual(cleanAudit(ids));
      // What `kazfeed check` verifies holds too.
      expect((await checkStore(stack.s3.store)).findings).toEqual([]);

      // And the run after that finds nothing left to do and changes no article.
      const before = await snapshot(stack.s3.store, 'articles/');
      const again = await runPipeline(stack.config, { store: stack.store });
      expect(again.counts).toMatchObject({ new: 0, fetched: 0, errors: 0 });
      expect(await snapshot(stack.s3.store, 'articles/')).toEqual(before);
    } finally {
      await stack.close();
    }
  });
});
