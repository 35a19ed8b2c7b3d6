import { describe, expect, it } from 'vitest';
import { nothingPublished, type PublishResult } from '../../functions/publish/index.ts';
import { logPublished } from '../../functions/publish/report.ts';

function linesOf(published: PublishResult, articles: 'new' | 'reprocessed'): string[] {
  const lines: string[] = [];
  const log = { info: (m: string) => void lines.push(`info: ${m}`), warn: (m: string) => void lines.push(`warn: ${m}`), error: (m: string) => void lines.push(`error: ${m}`) };
  logPublished(log, published, articles);
  return lines;
}

describe('what a command prints of its publish', () => {
  it('prints nothing when nothing was published', () => {
    expect(linesOf(nothingPublished(), 'new')).toEqual([]);
  });

  it('counts feed files, daily archives and articles with their nouns, singular or plural', () => {
    expect(linesOf({ ...nothingPublished(), pending: 1, feeds: ['feeds/all.xml', 'feeds/all.json'], days: ['2025-11-24'] }, 'new')).toEqual([
      'info: published 2 feed files and 1 daily archive from 1 new article',
    ]);
    expect(linesOf({ ...nothingPublished(), pending: 3, feeds: ['feeds/all.xml'], days: ['2025-11-24', '2025-11-25'] }, 'reprocessed')).toEqual([
      'info: published 1 feed file and 2 daily archives from 3 reprocessed articles',
    ]);
  });

  it('warns of rebuilt indexes and damaged objects, and says what was rendered again, whatever was pending', () => {
    const result = { ...nothingPublished(), recovered: ['index/feeds/pair/kz-tm.json'], damaged: ['archive/series/kz-tm.json', 'index/site/state.json'], rerendered: ['feeds/all.xml'] };
    expect(linesOf(result, 'new')).toEqual([
      "warn: rebuilt index/feeds/pair/kz-tm.json: damaged or gone; a feed's index from the daily files of the last 400 days (kazfeed check --repair rebuilds it from every article, and names what else is damaged)",
      'warn: the series or the atlas did not take these articles: archive/series/kz-tm.json, index/site/state.json are damaged (kazfeed check --repair rebuilds them from the articles)',
      'info: rendered 1 feed file and page again: this version renders them differently, or their base URL changed',
    ]);
  });
});
