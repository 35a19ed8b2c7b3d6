import { describe, expect, it } from 'vitest';
import { barChart, barHeight, niceCeiling } from '../../functions/publish/site/bar-chart.ts';
import { monthsBetween, monthsEnding } from '../../functions/publish/site/months.ts';

const rects = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="(\d+)" width="([\d.]+)" height="(\d+)">/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) }));
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the chart scale', () => {
  it('tops the axis at the next 1, 2 or 5 times a power of ten', () => {
    expect([1, 2, 3, 7, 10, 11, 1000, 1001, 555_700_000, 5.4].map(niceCeiling)).toEqual([1, 2, 5, 10, 10, 20, 1000, 2000, 1_000_000_000, 10]);
  });

  it('keeps a scale of 1 for an empty or all-zero series, and never breaks on a non-number', () => {
    expect([0, -5, Number.NaN, Number.POSITIVE_INFINITY].map(niceCeiling)).toEqual([1, 1, 1, 1]);
  });

  it('draws any value above zero at least 1 px tall, zero as nothing, the top as the full height', () => {
    expect([barHeight(0, 1000, 82), barHeight(1, 1000, 82), barHeight(1000, 1000, 82), barHeight(500, 1000, 82)]).toEqual([0, 1, 82, 41]);
  });
});

describe('a bar chart', () => {
  it('draws one month with one article as one bar of full height, at most 32 px wide', () => {
    const svg = barChart([{ label: '2025-11', value: 1 }], { title: 'KZ-TM' });
    expect(rects(svg)).toEqual([{ x: 18, y: 0, width: 31, height: 82 }]);
    expect(texts(svg)).toEqual(['1', '0', '2025-11']);
    expect(svg).toContain('role="img" aria-label="KZ-TM"><title>KZ-TM</title>');
  });

  it('draws 24 months with 1,000 articles in one against a top of 1,000, labelling first, middle and last', () => {
    const bars = monthsEnding('2025-11', 24).map((label, i) => ({ label, value: i === 23 ? 1000 : i }));
    const svg = barChart(bars, { title: 'busy' });
    const drawn = rects(svg);
    expect(drawn).toHaveLength(24);
    expect(drawn[23]).toMatchObject({ y: 0, height: 82 });
    expect(drawn[0]?.height).toBe(0);
    expect(drawn[1]?.height).toBe(1);
    expect(texts(svg)).toEqual(['1000', '0', '2023-12', '2024-11', '2025-11']);
    // Every bar inside the 360-wide view box.
    expect(Math.max(...drawn.map((r) => r.x + r.width))).toBeLessThanOrEqual(360);
  });

  it('draws no bar and no label for no data, still a valid scale', () => {
    const svg = barChart([], { title: 'none' });
    expect(rects(svg)).toEqual([]);
    expect(texts(svg)).toEqual(['1', '0']);
  });

  it('makes room on the axis for a formatted top value and escapes every label', () => {
    const svg = barChart([{ label: '<2024>', value: 555_700_000 }], { title: 'A & B "quoted"', format: (v) => `${v / 1e6}M USD` });
    expect(texts(svg)).toEqual(['1000M USD', '0', '&lt;2024&gt;']);
    expect(rects(svg)[0]?.x).toBe(60);
    expect(svg).toContain('aria-label="A &amp; B &quot;quoted&quot;"');
    expect(svg).not.toContain('<2024>');
  });
});

describe('months', () => {
  it('counts back across a year end, and spans first to last, capped', () => {
    expect(monthsEnding('2025-02', 4)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-11', '2025-11', 120)).toEqual(['2025-11']);
    expect(monthsBetween('2014-01', '2025-12', 3)).toEqual(['2025-10', '2025-11', '2025-12']);
  });
});

describe('chart labels', () => {
  it('leaves out a label that would overlap another, keeping the first', () => {
    const svg = barChart([{ label: '2024', value: 5 }, { label: '2025-01/2025-09', value: 3 }], { title: 'turnover' });
    expect(texts(svg)).toEqual(['5', '0', '2024']);
    const wide = barChart(monthsEnding('2025-11', 12).map((label) => ({ label, value: 1 })), { title: 'a year' });
    expect(texts(wide)).toEqual(['1', '0', '2024-12', '2025-05', '2025-11']);
  });
});
