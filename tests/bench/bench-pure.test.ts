/**
 * The benchmark's pure parts: the cost model's arithmetic and the corpus generator's determinism.
 * No timings here (benchmarks are never timed tests).
 */
import { describe, expect, it } from 'vitest';
import { agreement } from '../../bench/agreement.ts';
import { generateCorpus, loadFixtures, prng } from '../../bench/corpus.ts';
import { type CostInputs, DEFAULT_ASSUMPTIONS, monthlyCost, type Prices, PRICES_US_EAST_1 } from '../../bench/cost.ts';
import { articleId } from '../../functions/lib/urls.ts';
import { SAMPLE_SITE } from '../support/stack.ts';

const ZERO = { put: 0, get: 0, list: 0, delete: 0 };
const FREE: Prices = Object.fromEntries(Object.keys(PRICES_US_EAST_1).map((k) => [k, 0])) as unknown as Prices;

/** Inputs that cost (next to) nothing, to switch one thing on at a time: no items, hardly any runs. */
function nothing(): CostInputs {
  return {
    ...DEFAULT_ASSUMPTIONS.inputs,
    itemsPerDay: 0,
    scheduleMinutes: 1e12,
    s3PerIngestRun: ZERO,
    s3PerItem: ZERO,
    s3PerPublishFixed: ZERO,
    s3PerPendingArticle: ZERO,
    feedFilesPerPublish: 0,
    fetchMsPerFeed: 0,
    feeds: 0,
    publishCpuMs: 0,
    coldShare: 0,
    derivedBytesPerPublish: 0,
    stateBytes: 0,
    sqsIdlePollsPerQueueMonth: 0,
    customMetrics: { perStoredArticle: 0, onFailure: 0 },
    failureHourShare: 0,
    alarmMetrics: 0,
    kmsKeys: 0,
    logBytes: { perItem: 0, perIngestRun: 0, perPublish: 0 },
    readers: 0,
    feedFilesRead: 0,
  };
}

describe('cost model', () => {
  it('prices S3 PUT-class requests per item: 3 PUTs × 300 items × 365/12 days at $0.005 per 1,000', () => {
    const r = monthlyCost({ ...nothing(), scheduleMinutes: 10, itemsPerDay: 300, s3PerItem: { put: 3, get: 0, list: 0, delete: 0 }, s3LatencyMs: 0, fetchMsPerPage: 0, cpuMsPerItem: 0 });
    const line = r.lines.find((l) => l.item === 'PUT/LIST requests');
    expect(line?.quantity).toBeCloseTo(3 * 300 * (365 / 12), 6);
    expect(line?.usd).toBeCloseTo((3 * 300 * (365 / 12) * 0.005) / 1000, 9);
  });

  it('bills Lambda GB-seconds: ingest runs every 10 minutes at 512 MB', () => {
    const r = monthlyCost({ ...nothing(), scheduleMinutes: 10, feeds: 4, fetchMsPerFeed: 950, s3LatencyMs: 0 });
    // One round of up to 4 feeds (950 ms) + 50 ms of overhead = 1 s, at 0.5 GB, 144 runs a day.
    const gbs = 144 * (365 / 12) * 1 * 0.5;
    expect(r.derived.lambdaGbSeconds).toBeCloseTo(gbs, 6);
    expect(r.lines.find((l) => l.item === 'compute (arm64)')?.usd).toBeCloseTo(gbs * PRICES_US_EAST_1.lambdaArmGbSecond, 9);
    expect(r.lines.find((l) => l.item === 'compute (arm64)')?.usdWithFreeTier).toBe(0);
  });

  it('without a publish window, counts a publish for every run that found at least one item (Poisson arrivals)', () => {
    // All items in 24 active hours: 144 runs a day, 1 item per run on average.
    const r = monthlyCost({ ...nothing(), scheduleMinutes: 10, publishWindowMinutes: 0, itemsPerDay: 144, activeShare: 1, activeHoursPerDay: 24 });
    expect(r.derived.publishesPerMonth).toBeCloseTo(144 * (1 - Math.exp(-1)) * (365 / 12), 6);
  });

  it('with a 30-minute publish window, counts a publish for every window with at least one item', () => {
    // 48 windows a day, 3 items per window on average.
    const r = monthlyCost({ ...nothing(), scheduleMinutes: 10, publishWindowMinutes: 30, itemsPerDay: 144, activeShare: 1, activeHoursPerDay: 24 });
    expect(r.derived.publishesPerMonth).toBeCloseTo(48 * (1 - Math.exp(-3)) * (365 / 12), 6);
  });

  it('bills a custom metric for the hours it is sent in: with every stored article, or only on failure', () => {
    // 24 items a day, one an hour on average: an hour has an article with probability 1 - e^-1.
    const r = monthlyCost({ ...nothing(), scheduleMinutes: 10, itemsPerDay: 24, activeShare: 1, activeHoursPerDay: 24, customMetrics: { perStoredArticle: 1, onFailure: 2 }, failureHourShare: 0.05 });
    const metrics = r.lines.find((l) => l.service === 'CloudWatch' && l.item.startsWith('custom metrics'));
    expect(metrics?.quantity).toBeCloseTo(1 - Math.exp(-1) + 2 * 0.05, 9);
    expect(metrics?.usd).toBeCloseTo((1 - Math.exp(-1) + 0.1) * 0.3, 9);
  });

  it('asks Scheduler, not SQS, for the publishes: one invocation per ingest tick and per run with items, one idle-polled queue', () => {
    const r = monthlyCost({ ...nothing(), scheduleMinutes: 10, itemsPerDay: 144, activeShare: 1, activeHoursPerDay: 24 });
    const quantity = (service: string) => r.lines.find((l) => l.service === service)?.quantity;
    expect(quantity('EventBridge Scheduler')).toBeCloseTo(r.derived.ingestRunsPerMonth + r.derived.publishesPerMonth, 6);
    const messages = r.derived.itemsPerMonth / 10 + r.derived.processInvocationsPerMonth * 2;
    // nothing() polls no queue: what is left is the process messages alone.
    expect(quantity('SQS')).toBeCloseTo(messages, 6);
    expect(DEFAULT_ASSUMPTIONS.inputs.queues).toBe(1);
  });

  it('applies the always-free allowances only where they exist', () => {
    const r = monthlyCost({ ...nothing(), customMetrics: { perStoredArticle: 0, onFailure: 12 }, failureHourShare: 1, alarmMetrics: 9, kmsKeys: 1 });
    const metrics = r.lines.find((l) => l.service === 'CloudWatch' && l.item.startsWith('custom metrics'));
    expect(metrics?.usd).toBeCloseTo(12 * 0.3, 9);
    expect(metrics?.usdWithFreeTier).toBeCloseTo(2 * 0.3, 9);
    expect(r.lines.find((l) => l.service === 'KMS')?.usdWithFreeTier).toBe(1);
    expect(r.totalUsd).toBeCloseTo(3.6 + 0.9 + 1, 6);
    expect(r.totalUsdWithFreeTier).toBeCloseTo(0.6 + 1, 6);
  });

  it('costs nothing with nothing to do, and nothing at zero prices', () => {
    expect(monthlyCost(nothing()).totalUsd).toBeCloseTo(0, 6);
    expect(monthlyCost(DEFAULT_ASSUMPTIONS.inputs, FREE).totalUsd).toBe(0);
  });

  it('grows with volume', () => {
    const low = monthlyCost({ ...DEFAULT_ASSUMPTIONS.inputs, itemsPerDay: 300 }).totalUsd;
    const high = monthlyCost({ ...DEFAULT_ASSUMPTIONS.inputs, itemsPerDay: 500 }).totalUsd;
    expect(high).toBeGreaterThan(low);
  });
});

describe('corpus generator', () => {
  it('is deterministic: the same seed gives the same pages, another seed other pages', async () => {
    const fixtures = await loadFixtures(SAMPLE_SITE);
    const a = generateCorpus(fixtures, { count: 60, seed: 42 });
    const b = generateCorpus(fixtures, { count: 60, seed: 42 });
    const c = generateCorpus(fixtures, { count: 60, seed: 43 });
    expect(b).toEqual(a);
    expect(c.map((p) => p.id)).not.toEqual(a.map((p) => p.id));
  });

  it('gives every page a unique id that the pipeline derives from its URL, in several languages', async () => {
    const fixtures = await loadFixtures(SAMPLE_SITE);
    const pages = generateCorpus(fixtures, { count: 300, seed: 7 });
    expect(new Set(pages.map((p) => p.id)).size).toBe(300);
    for (const p of pages) {
      expect(articleId(`https://www.inform.kz${p.path}`)).toBe(p.id);
      expect(p.html).toContain(`{{origin}}${p.path}"`);
    }
    expect(new Set(pages.map((p) => p.language)).size).toBeGreaterThanOrEqual(5);
    const sizes = pages.map((p) => p.html.length);
    expect(Math.max(...sizes)).toBeGreaterThan(2 * Math.min(...sizes));
  });

  it('seeds a reproducible PRNG in [0, 1)', () => {
    const r1 = prng(1);
    const r2 = prng(1);
    const xs = Array.from({ length: 1000 }, () => r1());
    expect(Array.from({ length: 1000 }, () => r2())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('agreement measure', () => {
  it('is 1 for the same words, lower when words are missing or extra', () => {
    expect(agreement('Astana. The talks', 'the talks astana').f1).toBe(1);
    const a = agreement('one two three four', 'one two');
    expect(a.recall).toBe(0.5);
    expect(a.precision).toBe(1);
    expect(agreement('中哈合作', '中哈').recall).toBe(0.5);
  });
});
