import { describe, expect, it } from 'vitest';
import { decodeRawMetadata, encodeRawMetadata } from '../../functions/process/index.ts';
import type { SourceItem } from '../../schemas/source-item.ts';

const size = (m: Record<string, string>) => Object.entries(m).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
const item = (url: string, title = 'Talks'): SourceItem => ({ id: 'ru-4c1e9a', url, feedUrl: 'https://www.inform.kz/rss/rus.xml', title, publishedAt: '2025-11-24T04:00:00.000Z', feedLanguage: 'ru' });
const meta = (it: SourceItem, finalUrl: string) => ({ item: it, fetchedAt: '2025-11-24T05:00:00.000Z', finalUrl, contentType: 'text/html; charset=utf-8' });

describe('the raw page\'s metadata, within the 2 KB S3 keeps', () => {
  it('keeps everything when it fits, and reads back the same', () => {
    const url = 'https://www.inform.kz/ru/talks-4c1e9a';
    const encoded = encodeRawMetadata(meta(item(url), `${url}?amp`)) as Record<string, string>;
    expect(decodeRawMetadata(encoded)).toEqual(meta(item(url), `${url}?amp`));
  });

  it('sheds the feed title, then the final URL, to fit', () => {
    const url = `https://www.inform.kz/ru/${'a'.repeat(900)}-4c1e9a`;
    const encoded = encodeRawMetadata(meta(item(url, 'Т'.repeat(300)), `${url}?page=1`)) as Record<string, string>;
    expect(size(encoded)).toBeLessThanOrEqual(2048);
    expect(decodeRawMetadata(encoded)).toEqual(meta(item(url, ''), url));
  });

  it('gives none when the item alone is over 2 KB, so that the page is rejected instead of the write failing the run', () => {
    expect(encodeRawMetadata(meta(item(`https://www.inform.kz/ru/${'a'.repeat(1600)}-4c1e9a`), ''))).toBeNull();
  });
});
