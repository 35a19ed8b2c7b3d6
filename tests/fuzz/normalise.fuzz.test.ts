import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDate } from '../../functions/lib/dates.ts';
import { extractFigures } from '../../functions/process/normalise/figures.ts';
import { Figure, UtcDateTime } from '../../schemas/article.ts';
import { hostileText } from './arbitraries.ts';
import { countFuzzRuns, fuzzRuns, reportFuzzRuns } from './count.ts';

afterAll(() => reportFuzzRuns('fuzz/normalise'));

const MIN = Date.UTC(1990, 0, 1);
const MAX = Date.UTC(2101, 0, 1);

/** Date-like text: the pieces date parsers look for, in any order and amount. */
const dateSoup = fc.array(fc.oneof(
  fc.integer({ min: -10, max: 100_000 }).map(String),
  fc.constantFrom('-', ':', '.', ',', ' ', 'T', 'Z', '+05:00', '+0500', 'GMT', 'Tue', 'Oct', 'Август', 'тамыз', 'ноябрда', 'йил', '年', '月', '日', 'сегодня', 'вчера', 'AM', 'PM', '\u00A0', '٢٠٢٥'),
), { maxLength: 12 }).map((parts) => parts.join(''));

describe('parseDate, fuzzed', () => {
  it('returns null or a UTC instant within 1990..2100 for any text, options and reference', () => {
    const property = fc.property(
      fc.oneof(hostileText(10), dateSoup, fc.string({ unit: 'binary', maxLength: 300 })),
      fc.option(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY)), { nil: undefined }),
      fc.option(fc.date(), { nil: undefined }),
      (text, defaultOffsetMinutes, reference) => {
        const parsed = parseDate(text, { defaultOffsetMinutes, reference });
        if (parsed === null) return;
        expect(UtcDateTime.safeParse(parsed).success).toBe(true);
        expect(Date.parse(parsed)).toBeGreaterThanOrEqual(MIN);
        expect(Date.parse(parsed)).toBeLessThan(MAX);
      },
    );
    fc.assert(countFuzzRuns('parseDate any text', property), { numRuns: fuzzRuns(2000) });
  });

  it('reads back any instant it writes, as ISO 8601 and as RFC 822', () => {
    const property = fc.property(fc.date({ min: new Date(MIN), max: new Date(MAX - 1000), noInvalidDate: true }), (date) => {
      const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
      expect(parseDate(seconds.toISOString())).toBe(seconds.toISOString());
      expect(parseDate(seconds.toUTCString())).toBe(seconds.toISOString());
    });
    fc.assert(countFuzzRuns('parseDate round trip', property), { numRuns: fuzzRuns(1000) });
  });
});

describe('extractFigures, fuzzed', () => {
  it('never throws, and every figure is valid and points at a paragraph that exists', () => {
    const property = fc.property(fc.array(fc.oneof(hostileText(10), dateSoup, fc.string({ unit: 'binary', maxLength: 200 })), { maxLength: 5 }), (paragraphs) => {
      for (const figure of extractFigures(paragraphs)) {
        expect(Figure.safeParse(figure).success).toBe(true);
        expect(figure.paragraph).toBeLessThan(paragraphs.length);
      }
    });
    fc.assert(countFuzzRuns('extractFigures any text', property), { numRuns: fuzzRuns(2000) });
  });

  it('reads a percentage written in English or Russian style as the same number', () => {
    const property = fc.property(fc.integer({ min: 0, max: 9999 }), fc.boolean(), (tenths, comma) => {
      const value = tenths / 10;
      const written = comma ? value.toFixed(1).replace('.', ',') : value.toFixed(1);
      const figures = extractFigures([`Growth was ${written}% last year.`]);
      expect(figures).toEqual([expect.objectContaining({ kind: 'percent', value, unit: '%', paragraph: 0 })]);
    });
    fc.assert(countFuzzRuns('extractFigures percent round trip', property), { numRuns: fuzzRuns(500) });
  });
});
