import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { metaExtractor } from '../../functions/process/extract/meta.ts';

const URL_ = 'https://cn.inform.kz/cn/talks-e47f19';
const extract = (head: string) => metaExtractor.extract(parse(`<html lang="zh"><head>${head}</head><body></body></html>`), URL_);

describe('the meta extractor reads Open Graph and article:* meta in both forms', () => {
  it('reads them from `name`, as cn.inform.kz writes them', () => {
    const found = extract(`
      <meta name="og:title" content="中俄总理举行定期会晤 | Kazinform">
      <meta name="og:image" content="/static/img/1.jpg">
      <meta name="article:published_time" content="2025-11-04T20:10:00+05:00">
      <meta name="article:modified_time" content="2025-11-04T21:00:00+05:00">
      <meta name="article:tag" content="中国"><meta name="article:tag" content="俄罗斯">`);
    expect(found).toMatchObject({
      title: '中俄总理举行定期会晤 | Kazinform',
      imageUrl: 'https://cn.inform.kz/static/img/1.jpg',
      published: '2025-11-04T20:10:00+05:00',
      modified: '2025-11-04T21:00:00+05:00',
      tags: ['中国', '俄罗斯'],
    });
  });

  it('reads them from `property`, the standard form, and counts a tag written both ways once', () => {
    const found = extract(`
      <meta property="article:published_time" content="2025-11-04T20:10:00+05:00">
      <meta property="article:tag" content="中国"><meta name="article:tag" content="中国">`);
    expect(found.published).toBe('2025-11-04T20:10:00+05:00');
    expect(found.tags).toEqual(['中国']);
  });

  it('skips an empty one for the next that has a value', () => {
    expect(extract('<meta property="article:published_time" content=" "><meta name="article:published_time" content="2025-11-04T20:10:00+05:00">').published)
      .toBe('2025-11-04T20:10:00+05:00');
  });
});
