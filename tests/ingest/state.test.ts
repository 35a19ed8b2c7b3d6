import { describe, expect, it } from 'vitest';
import { BLOCKED_ALARM_MS, BLOCKED_GIVE_UP_MS, blockedForADay, failingSources, forgetOldItems, mergeIngestState, recordOutcomes } from '../../functions/ingest/index.ts';
import { candidateOrder, PROBE_INTERVAL_MS } from '../../functions/ingest/poll-source.ts';
import type { FeedOutcome } from '../../schemas/run-report.ts';
import type { IngestState } from '../../schemas/state.ts';

const NOW = new Date('2026-01-10T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const CANDIDATES = ['https://oz.inform.kz/rss.xml', 'https://oz.inform.kz/sitemaps/google-news_oz.xml', 'https://oz.inform.kz/lenta/', 'https://oz.inform.kz/'];

describe('candidateOrder: which candidates a poll tries, in what order', () => {
  it('tries them all in order when none has served yet, and counts that as a probe', () => {
    expect(candidateOrder(CANDIDATES, undefined, NOW)).toEqual({ order: CANDIDATES, probedAt: NOW.toISOString() });
  });

  it('starts from the one that served last, then the later ones, then the earlier ones', () => {
    const remembered = { servedBy: CANDIDATES[2], probedAt: ago(60_000), checkedAt: ago(60_000) };
    expect(candidateOrder(CANDIDATES, remembered, NOW).order).toEqual([CANDIDATES[2], CANDIDATES[3], CANDIDATES[0], CANDIDATES[1]]);
  });

  it('tries the earlier ones first again once PROBE_INTERVAL_MS has passed since the last probe', () => {
    const remembered = { servedBy: CANDIDATES[2], probedAt: ago(PROBE_INTERVAL_MS), checkedAt: ago(60_000) };
    expect(candidateOrder(CANDIDATES, remembered, NOW)).toEqual({ order: CANDIDATES, probedAt: NOW.toISOString() });
  });

  it('starts from the first when the one remembered is no longer a candidate (the configuration changed)', () => {
    expect(candidateOrder(CANDIDATES, { servedBy: 'https://old.example/feed.xml', checkedAt: ago(1) }, NOW).order).toEqual(CANDIDATES);
  });
});

const item = { id: 'oz-9f3a27', url: 'https://oz.inform.kz/news/x-9f3a27', feedUrl: 'https://oz.inform.kz/', title: 'x', publishedAt: null, feedLanguage: 'uz-Cyrl' };
const pending = (): IngestState => ({ feeds: {}, sources: {}, items: { [item.id]: { status: 'pending', attempts: 0, lastSeenAt: ago(1), item } } });

describe('recordOutcomes for an item whose page answered with a challenge', () => {
  it('keeps it for a retry without counting an attempt, and remembers since when it is blocked', () => {
    const state = recordOutcomes(pending(), [{ id: item.id, status: 'failed', blocked: true, reason: 'a bot challenge' }], 5, NOW);
    expect(state.items[item.id]).toMatchObject({ status: 'retry', attempts: 0, blockedSince: NOW.toISOString(), lastError: 'a bot challenge' });
    const later = new Date(NOW.getTime() + 3_600_000);
    recordOutcomes(state, [{ id: item.id, status: 'failed', blocked: true, reason: 'again' }], 5, later);
    expect(state.items[item.id]).toMatchObject({ status: 'retry', attempts: 0, blockedSince: NOW.toISOString() });
  });

  it('gives it up after BLOCKED_GIVE_UP_MS of challenges', () => {
    const state = pending();
    state.items[item.id] = { ...state.items[item.id]!, status: 'retry', blockedSince: ago(BLOCKED_GIVE_UP_MS) };
    recordOutcomes(state, [{ id: item.id, status: 'failed', blocked: true, reason: 'still' }], 5, NOW);
    expect(state.items[item.id]?.status).toBe('failed');
  });

  it('forgets the block once the page answers again', () => {
    const state = pending();
    state.items[item.id] = { ...state.items[item.id]!, status: 'retry', blockedSince: ago(60_000) };
    recordOutcomes(state, [{ id: item.id, status: 'failed', reason: 'HTTP 500' }], 5, NOW);
    expect(state.items[item.id]).toMatchObject({ status: 'retry', attempts: 1 });
    expect(state.items[item.id]?.blockedSince).toBeUndefined();
  });
});

describe('the sources in the ingest state', () => {
  it('are merged by their later check, like the feeds', () => {
    const stored: IngestState = { feeds: {}, sources: { 'uz-cyrl': { servedBy: CANDIDATES[3], checkedAt: ago(1000) }, ru: { checkedAt: ago(10) } }, items: {} };
    const ours: IngestState = { feeds: {}, sources: { 'uz-cyrl': { servedBy: CANDIDATES[1], checkedAt: ago(500) }, ru: { checkedAt: ago(5000) } }, items: {} };
    expect(mergeIngestState(stored, ours).sources).toEqual({ 'uz-cyrl': ours.sources['uz-cyrl'], ru: stored.sources.ru });
  });

  it('are forgotten, with their validators, when not polled for 45 days', () => {
    const state: IngestState = {
      feeds: { [CANDIDATES[0]!]: { checkedAt: ago(46 * 86_400_000) }, [CANDIDATES[1]!]: { checkedAt: ago(1) } },
      sources: { gone: { checkedAt: ago(46 * 86_400_000) }, 'uz-cyrl': { checkedAt: ago(1) } },
      items: {},
    };
    forgetOldItems(state, NOW);
    expect(Object.keys(state.feeds)).toEqual([CANDIDATES[1]]);
    expect(Object.keys(state.sources)).toEqual(['uz-cyrl']);
  });
});

describe('failingSources: what the source-failing alarm counts for a run', () => {
  const outcome = (source: string, status: FeedOutcome['status'], extra: Partial<FeedOutcome> = {}): FeedOutcome => ({ source, url: 'https://www.inform.kz/rss/rus.xml', kind: null, status, items: 0, newItems: 0, ...extra });

  it('counts sources that failed or were blocked, and editions none of whose candidates listed an item', () => {
    const edition = { candidates: [{ url: 'https://www.inform.kz/rss/rus.xml', status: 'empty' as const, kind: 'rss' as const, items: 0 }] };
    expect(failingSources([
      outcome('ru', 'fetched'), outcome('en', 'not-modified'), outcome('kk-cyrl', 'error'), outcome('uz-cyrl', 'blocked', { blockedSince: ago(3_600_000) }),
      outcome('zh-hans', 'empty', edition), outcome('https://example.org/quiet.xml', 'empty'),
    ], NOW)).toEqual(['kk-cyrl', 'uz-cyrl', 'zh-hans']);
  });

  it('stops counting a source blocked for a day or more, so that the alarm can speak for the others again', () => {
    expect(failingSources([outcome('zh-hans', 'blocked', { blockedSince: ago(BLOCKED_ALARM_MS) }), outcome('kk-cyrl', 'error')], NOW)).toEqual(['kk-cyrl']);
  });
});

describe('blockedForADay', () => {
  it('names the sources that have answered only with challenges for BLOCKED_ALARM_MS or more', () => {
    const outcome = (source: string, blockedSince?: string): FeedOutcome => ({ source, url: 'https://cn.inform.kz/', kind: null, status: blockedSince ? 'blocked' : 'fetched', items: 0, newItems: 0, ...(blockedSince ? { blockedSince } : {}) });
    expect(blockedForADay([outcome('zh-hans', ago(BLOCKED_ALARM_MS)), outcome('uz-cyrl', ago(BLOCKED_ALARM_MS - 1)), outcome('ru')], NOW)).toEqual(['zh-hans']);
  });
});
