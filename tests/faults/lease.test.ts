import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keys } from '../../functions/lib/keys.ts';
import { acquireLease, LeaseHeld } from '../../functions/lib/lease.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { auditStore, cleanAudit } from '../support/audit.ts';
import { type FaultyStack, snapshot, startFaultyStack } from '../support/faulty-stack.ts';
import { type SiteSubset, sampleSiteSubset } from '../support/site-subset.ts';

let site: SiteSubset;
beforeAll(async () => {
  site = await sampleSiteSubset(['rss/rus.xml', 'rss/eng.xml']);
});
afterAll(async () => rm(site.dir, { recursive: true, force: true }));

async function withStack(test: (stack: FaultyStack) => Promise<void>): Promise<void> {
  const stack = await startFaultyStack({ siteDir: site.dir, proxy: { enforceConditionalWrites: true } });
  try {
    await test(stack);
  } finally {
    await stack.close();
  }
}

/** A gate the proxy holds matching requests at until the test opens it. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return { opened, arrived, open, reached };
}

describe('the run lease', () => {
  it('makes a run that overlaps a running one refuse with LeaseHeld and write nothing, while the first completes', async () => {
    await withStack(async (stack) => {
      // The first run is held at its first raw page write: it holds the lease and is mid-way.
      const held = gate();
      stack.proxy.rule = async (req) => {
        if (req.method === 'PUT' && req.key?.startsWith('raw/')) {
          held.reached();
          await held.opened;
        }
        return undefined;
      };
      const first = runPipeline(stack.config, { store: stack.store });
      await held.arrived;
      const lease = await stack.s3.store.getJson(keys.lease, z.object({ owner: z.string() }));
      const before = await snapshot(stack.s3.store);

      const second = await runPipeline(stack.config, { store: stack.s3.store }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(LeaseHeld);
      expect((second as LeaseHeld).owner).toBe(lease?.value.owner);
      expect(await snapshot(stack.s3.store)).toEqual(before);

      held.open();
      const report = await first;
      expect(report.counts).toMatchObject({ accepted: site.ids.length, errors: 0 });
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    });
  });

  it('takes over an expired lease (its run died) and completes', async () => {
    await withStack(async (stack) => {
      // A clock after the sample site's newest article (August 2026): a page dated after its fetch is refused.
      await stack.s3.store.putJson(keys.lease, { owner: 'dead-run', expiresAt: '2026-12-01T00:00:00.000Z' });
      const report = await runPipeline(stack.config, { store: stack.store, now: () => new Date('2026-12-01T00:00:01.000Z') });
      expect(report.counts).toMatchObject({ accepted: site.ids.length, errors: 0 });
      expect(await stack.s3.store.get(keys.lease)).toBeNull(); // released at the end
    });
  });

  it('never lasts past its holder\'s known end (a Lambda invocation\'s), renewed or not: then the next one takes it at once', async () => {
    await withStack(async (stack) => {
      const start = new Date('2026-12-01T00:00:00.000Z');
      const until = new Date('2026-12-01T00:05:15.000Z');
      const expiresAt = async () => z.object({ expiresAt: z.string() }).parse(JSON.parse(new TextDecoder().decode((await stack.s3.store.get(keys.publishLease))!.body))).expiresAt;
      const dying = await acquireLease(stack.store, 'publish:dying', 600_000, start, keys.publishLease, { until });
      expect(await expiresAt()).toBe(until.toISOString());
      await dying.renew(new Date('2026-12-01T00:04:50.000Z'));
      expect(await expiresAt()).toBe(until.toISOString());
      // Killed without releasing it: Lambda's retry, a minute later, takes it over.
      await expect(acquireLease(stack.store, 'publish:retry', 600_000, new Date('2026-12-01T00:05:14.000Z'), keys.publishLease)).rejects.toThrow(LeaseHeld);
      const retry = await acquireLease(stack.store, 'publish:retry', 600_000, new Date('2026-12-01T00:06:15.000Z'), keys.publishLease);
      await retry.release();
    });
  });

  it('lets exactly one of two runs racing for a free lease win, where writes are conditional (S3)', async () => {
    await withStack(async (stack) => {
      for (let round = 0; round < 10; round++) {
        const results = await Promise.allSettled([
          acquireLease(stack.store, `run-a-${round}`, 60_000),
          acquireLease(stack.store, `run-b-${round}`, 60_000),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]?.reason).toBeInstanceOf(LeaseHeld);
        await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value.release();
      }
    });
  });

  it('stops a run that outlived its lease before it writes shared state, leaving the newer run\'s state', async () => {
    await withStack(async (stack) => {
      // The slow run's lease lasts 1 ms: it is expired by the time its pages are fetched.
      const held = gate();
      let holding = true;
      stack.proxy.rule = async (req) => {
        if (holding && req.method === 'PUT' && req.key?.startsWith('raw/')) {
          held.reached();
          await held.opened;
        }
        return undefined;
      };
      const slow = runPipeline(stack.config, { store: stack.store, leaseTtlMs: 1 }).catch((e: unknown) => e);
      await held.arrived;
      // The next scheduled run takes the expired lease over and does the work.
      const next = await runPipeline(stack.config, { store: stack.s3.store });
      expect(next.counts).toMatchObject({ accepted: site.ids.length, errors: 0 });
      const state = await snapshot(stack.s3.store, 'state/');
      const feeds = await snapshot(stack.s3.store, 'feeds/');

      holding = false;
      held.open();
      const error = await slow;
      expect(error).toBeInstanceOf(LeaseHeld);
      expect((error as Error).message).toContain("this run's lease was taken over");
      expect(await snapshot(stack.s3.store, 'state/')).toEqual(state);
      expect(await snapshot(stack.s3.store, 'feeds/')).toEqual(feeds);
      // What the late run wrote before stopping (pages, pending markers of articles already
      // stored) is folded in by the following run, which leaves everything as it should be.
      await runPipeline(stack.config, { store: stack.store });
      expect(await auditStore(stack.s3.store, site.ids, site.bilateralIds)).toEqual(cleanAudit(site.ids));
    });
  });
});
