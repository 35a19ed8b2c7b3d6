import { describe, expect, it } from 'vitest';
import { describeSource } from '../../functions/pipeline.ts';
import type { FeedOutcome } from '../../schemas/run-report.ts';

const source = (outcome: Partial<FeedOutcome>): FeedOutcome => ({ source: 'https://x.example/rss.xml', url: 'https://x.example/rss.xml', kind: 'rss', status: 'fetched', items: 0, newItems: 0, ...outcome });

describe('the line a run prints for each source', () => {
  it('counts what a source listed, one item in the singular', () => {
    expect(describeSource(source({ items: 1, newItems: 1 }))).toBe('source https://x.example/rss.xml: rss, fetched, 1 item, 1 new');
    expect(describeSource(source({ source: 'ru', items: 12, newItems: 3, waiting: 2 }))).toBe('source ru from https://x.example/rss.xml: rss, fetched, 12 items, 3 new, 2 more waiting for later runs');
  });

  it('says in the sentence why a source gave nothing, once, even when its note says the same', () => {
    expect(describeSource(source({ status: 'empty', error: 'no items' }))).toBe('source https://x.example/rss.xml: rss, empty: no items');
    const none = 'no links to article pages among 1 link';
    expect(describeSource(source({ kind: 'html', status: 'empty', error: none, notes: [none] }))).toBe(`source https://x.example/rss.xml: html, empty: ${none}`);
    expect(describeSource(source({ kind: null, status: 'error', error: 'HTTP 404, an answer, not retried: https://x.example/rss.xml' }))).toBe(
      'source https://x.example/rss.xml: error: HTTP 404, an answer, not retried: https://x.example/rss.xml',
    );
  });

  it('keeps the notes that add something', () => {
    expect(describeSource(source({ items: 2, newItems: 0, notes: ['1 link to hosts not allowed (evil.example) ignored'] }))).toBe(
      'source https://x.example/rss.xml: rss, fetched, 2 items, 0 new (1 link to hosts not allowed (evil.example) ignored)',
    );
  });
});
