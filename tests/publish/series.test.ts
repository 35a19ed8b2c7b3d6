import { describe, expect, it } from 'vitest';
import type { Figure } from '../../schemas/article.ts';
import { Series } from '../../schemas/series.ts';
import { mergeSeries, seriesPeriod, seriesValuesOf } from '../../functions/publish/series.ts';
import { testArticle, turnoverFigure } from '../support/articles.ts';

const article = (id: string, publishedAt: string, pair: string | null, figures: Figure[]) => testArticle(id, publishedAt, { language: 'uz-Cyrl', pair, figures });
const turnover = (value: number, raw: string, period: string | null, paragraph = 1) => turnoverFigure(value, raw, period, paragraph);

describe('series of a pair', () => {
  const first = article('oz-000001', '2025-11-24T04:00:00.000Z', 'KZ-TM', [
    turnover(555_700_000, '555,7 миллион доллар', '2024'),
    { kind: 'money', value: 5_000_000, unit: 'USD', raw: '5 миллион доллар', paragraph: 2, metric: 'other', period: '2024', direction: null, change: null },
    turnover(1, '1 доллар', null, 3),
  ]);
  const second = article('ru-000002', '2025-12-01T04:00:00.000Z', 'KZ-TM', [turnover(556_000_000, '556 млн долларов', '2024', 4)]);

  it('takes the figures that say what they measure and for when, from bilateral articles only', () => {
    expect(seriesValuesOf(first).map((v) => [v.entry.metric, v.entry.period, v.value.raw])).toEqual([['trade-turnover', '2024', '555,7 миллион доллар']]);
    expect(seriesValuesOf(article('en-000003', '2025-11-24T04:00:00.000Z', null, [turnover(1e9, '$1 billion', '2024')]))).toEqual([]);
  });

  it('leaves out a target, plan or forecast: no reported value', () => {
    const target = { ...turnover(10_000_000_000, '10 млрд долларов', '2030', 2), planned: true };
    const reported = { ...turnover(3_012_400_000, '3,01 млрд долларов', '2024', 1), planned: false };
    expect(seriesValuesOf(article('ru-000004', '2025-11-24T04:00:00.000Z', 'KZ-UZ', [reported, target])).map((v) => v.value.raw)).toEqual(['3,01 млрд долларов']);
  });

  it('keeps two reports of the same turnover side by side, each with its source', () => {
    const series = mergeSeries(null, 'KZ-TM', [second, first], new Set(), '2025-12-01T05:00:00.000Z');
    expect(() => Series.parse(series)).not.toThrow();
    expect(series.entries).toEqual([{
      metric: 'trade-turnover', period: '2024', direction: null,
      values: [
        { value: 555_700_000, unit: 'USD', kind: 'money', change: null, articleId: 'oz-000001', url: 'https://www.inform.kz/x/oz-000001', paragraph: 1, raw: '555,7 миллион доллар', publishedAt: '2025-11-24T04:00:00.000Z' },
        { value: 556_000_000, unit: 'USD', kind: 'money', change: null, articleId: 'ru-000002', url: 'https://www.inform.kz/x/ru-000002', paragraph: 4, raw: '556 млн долларов', publishedAt: '2025-12-01T04:00:00.000Z' },
      ],
    }]);
  });

  it('replaces an article\'s earlier values instead of adding them again, and drops it when it leaves the pair', () => {
    const once = mergeSeries(null, 'KZ-TM', [first, second], new Set(), '2025-12-01T05:00:00.000Z');
    const again = mergeSeries(once, 'KZ-TM', [first], new Set([first.id]), '2025-12-02T05:00:00.000Z');
    expect(again.entries[0]?.values.map((v) => v.articleId)).toEqual(['oz-000001', 'ru-000002']);
    const moved = { ...first, relations: { ...first.relations, countries: ['KZ', 'UZ'], pair: 'KZ-UZ' } };
    const left = mergeSeries(once, 'KZ-TM', [moved], new Set([first.id]), '2025-12-02T05:00:00.000Z');
    expect(left.entries[0]?.values.map((v) => v.articleId)).toEqual(['ru-000002']);
  });

  it('keys a quarter by its months, so "the first quarter" and "January to March" report one period', () => {
    expect(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2025', '2025-03', '2025-01/2025-06'].map(seriesPeriod))
      .toEqual(['2025-01/2025-03', '2025-04/2025-06', '2025-07/2025-09', '2025-10/2025-12', '2025', '2025-03', '2025-01/2025-06']);
    const quarter = article('ru-000005', '2025-05-01T04:00:00.000Z', 'KZ-UZ', [turnover(1_200_000_000, '1,2 млрд долларов', '2025-Q1')]);
    const months = article('en-000006', '2025-05-02T04:00:00.000Z', 'KZ-UZ', [turnover(1_200_000_000, '$1.2 billion', '2025-01/2025-03')]);
    const series = mergeSeries(null, 'KZ-UZ', [quarter, months], new Set(), '2025-05-03T00:00:00.000Z');
    expect(series.entries.map((e) => [e.period, e.values.map((v) => v.articleId)])).toEqual([['2025-01/2025-03', ['ru-000005', 'en-000006']]]);
  });

  it('folds an entry an older publish keyed as a quarter into the one its months key', () => {
    const months = article('en-000006', '2025-05-02T04:00:00.000Z', 'KZ-UZ', [turnover(1_200_000_000, '$1.2 billion', '2025-01/2025-03')]);
    const older: Series = { pair: 'KZ-UZ', updatedAt: '2025-05-01T05:00:00.000Z', entries: [{
      metric: 'trade-turnover', period: '2025-Q1', direction: null,
      values: [{ value: 1_200_000_000, unit: 'USD', kind: 'money', change: null, articleId: 'ru-000005', url: 'https://www.inform.kz/x/ru-000005', paragraph: 1, raw: '1,2 млрд долларов', publishedAt: '2025-05-01T04:00:00.000Z' }],
    }] };
    const series = mergeSeries(older, 'KZ-UZ', [months], new Set([months.id]), '2025-05-03T00:00:00.000Z');
    expect(series.entries.map((e) => [e.period, e.values.map((v) => v.articleId)])).toEqual([['2025-01/2025-03', ['ru-000005', 'en-000006']]]);
  });
});
