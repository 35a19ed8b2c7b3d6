import { describe, expect, it } from 'vitest';
import { datePrefixes, keys, utcDay } from '../../functions/lib/keys.ts';

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

  it('lists one prefix per day of an inclusive range of days, across month ends', () => {
    expect(datePrefixes('articles', '2025-10-30', '2025-11-01')).toEqual(['articles/2025/10/30/', 'articles/2025/10/31/', 'articles/2025/11/01/']);
    expect(datePrefixes('raw', '2025-11-24', '2025-11-24')).toEqual(['raw/2025/11/24/']);
    expect(datePrefixes('raw', '2025-11-25', '2025-11-24')).toEqual([]);
  });

  it('lists a whole month or year of the range as one prefix, the days around them one each, in key order', () => {
    expect(datePrefixes('articles', '2025-01-30', '2025-03-01')).toEqual(['articles/2025/01/30/', 'articles/2025/01/31/', 'articles/2025/02/', 'articles/2025/03/01/']);
    expect(datePrefixes('rejected', '2023-12-31', '2025-02-28')).toEqual(['rejected/2023/12/31/', 'rejected/2024/', 'rejected/2025/01/', 'rejected/2025/02/']);
    expect(datePrefixes('articles', '2024-02-01', '2024-02-29')).toEqual(['articles/2024/02/']);
    expect(datePrefixes('articles', '2024-02-01', '2024-02-28')).toHaveLength(28);
    expect(datePrefixes('articles', '2019-01-01', '2025-12-31')).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025'].map((y) => `articles/${y}/`));
    // Years 0-99 are not 1900-1999, as Date.UTC would have them.
    expect(datePrefixes('articles', '0050-01-01', '0052-02-01')).toEqual(['articles/0050/', 'articles/0051/', 'articles/0052/01/', 'articles/0052/02/01/']);
  });

  it('covers exactly the days of the range: every day in it under one prefix, none outside it', () => {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const start = Date.UTC(2023, 10, 20);
    for (const [from, to] of [[0, 500], [41, 41], [12, 400], [100, 131], [38, 68]] as const) {
      const prefixes = datePrefixes('articles', day(start + from * 86_400_000), day(start + to * 86_400_000));
      for (let i = from - 3; i <= to + 3; i++) {
        const key = keys.article('x', `${day(start + i * 86_400_000)}T12:00:00Z`);
        expect(prefixes.filter((p) => key.startsWith(p)).length, key).toBe(i >= from && i <= to ? 1 : 0);
      }
      expect([...prefixes].sort()).toEqual(prefixes);
    }
  });
});
