import { describe, expect, it } from 'vitest';
import { dayPrefixes, keys, utcDay } from '../../functions/lib/keys.ts';

describe('utcDay', () => {
  it('gives the UTC calendar day of an instant', () => {
    expect(utcDay('2025-11-24T05:30:00.000Z')).toBe('2025-11-24');
    expect(utcDay('2025-11-24T02:00:00+05:00')).toBe('2025-11-23');
  });

  it('throws a RangeError on what is not an instant with an offset', () => {
    expect(() => utcDay('2025-11-24')).toThrow(RangeError);
    expect(() => utcDay('2025-11-24T10:00:00')).toThrow(RangeError);
    expect(() => utcDay('yesterday')).toThrow(RangeError);
  });
});

describe('the S3 layout', () => {
  it('dates articles, raw pages and rejections by the UTC day of the given instant', () => {
    expect(keys.article('oz-9f3a27', '2025-11-23T20:00:00-05:00')).toBe('articles/2025/11/24/oz-9f3a27.json');
    expect(keys.raw('oz-9f3a27', '2025-11-24T04:00:00.000Z')).toBe('raw/2025/11/24/oz-9f3a27.html.gz');
    expect(keys.rejected('oz-9f3a27', '2025-11-24T04:00:00.000Z')).toBe('rejected/2025/11/24/oz-9f3a27.json');
  });

  it('names feeds by lower-cased language tag and pair', () => {
    expect(keys.feedLang('zh-Hans', 'xml')).toBe('feeds/lang/zh-hans.xml');
    expect(keys.feedPair('KZ-TM', 'json')).toBe('feeds/pair/kz-tm.json');
    expect(keys.daily('2025-11-24')).toBe('archive/daily/2025-11-24.ndjson.gz');
  });

  it('lists one prefix per day of an inclusive range, across month ends', () => {
    expect(dayPrefixes('articles', '2025-10-30', '2025-11-01')).toEqual(['articles/2025/10/30/', 'articles/2025/10/31/', 'articles/2025/11/01/']);
  });
});
