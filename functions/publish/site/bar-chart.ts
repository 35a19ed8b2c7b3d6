/**
 * A bar chart as an SVG string, rendered at publish time: the atlas loads no chart library and no
 * script. Pure: the same bars give the same bytes, so a page is rewritten only when its data moved.
 */
import { escapeHtml } from '../content-html.ts';

export interface Bar {
  /** Shown under the first, the middle and the last bar, and in each bar's tooltip. */
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** The chart's accessible name (`<title>`); the table under the chart carries the numbers. */
  title: string;
  width?: number;
  height?: number;
  /** How a value is written in tooltips and on the axis (default: a plain integer). */
  format?: (value: number) => string;
}

/** Room under the bars for labels. */
const LABEL_HEIGHT = 14;
/** A label's width per character at the charts' 10 px font, generously: the axis must not clip "500M USD". */
const CHAR_WIDTH = 6;
/** The widest a bar gets: one month alone is a bar, not a filled rectangle. */
const MAX_SLOT = 32;

/**
 * The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `max`: the axis's top,
 * so that a chart of 7 reads against 10 and one of 1,000 against 1,000. At least 1, so an empty
 * series still has a scale.
 */
export function niceCeiling(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** A bar's height in pixels for a value against the axis's top; a value above zero is at least 1 px tall, so it never vanishes. */
export function barHeight(value: number, top: number, plotHeight: number): number {
  if (!(value > 0)) return 0;
  return Math.max(1, Math.round((Math.min(value, top) / top) * plotHeight));
}

const plain = (value: number) => String(Math.round(value));

/** The SVG of a bar chart: one bar per entry, left to right, scaled from 0 to a nice ceiling. */
export function barChart(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 360;
  const height = options.height ?? 96;
  const format = options.format ?? plain;
  const top = niceCeiling(Math.max(0, ...bars.map((b) => b.value)));
  const axis = CHAR_WIDTH * Math.max(2, format(top).length) + 6;
  const plotWidth = width - axis;
  const plotHeight = height - LABEL_HEIGHT;
  const slot = Math.min(MAX_SLOT, bars.length > 0 ? plotWidth / bars.length : plotWidth);
  const gap = slot > 4 ? 1 : 0;
  const rects = bars.map((bar, i) => {
    const h = barHeight(bar.value, top, plotHeight);
    const x = (axis + i * slot).toFixed(1);
    return `<rect x="${x}" y="${plotHeight - h}" width="${(slot - gap).toFixed(1)}" height="${h}"><title>${escapeHtml(`${bar.label}: ${format(bar.value)}`)}</title></rect>`;
  });
  // First, last and middle labels only, and only those that do not overlap one placed before: 24
  // month labels would not fit at 360 px, nor two long periods under two narrow bars.
  const placed: { at: number; anchor: string; label: string; from: number; to: number }[] = [];
  for (const i of [0, bars.length - 1, Math.floor((bars.length - 1) / 2)]) {
    const label = bars[i]?.label;
    if (label === undefined || placed.some((p) => p.label === label)) continue;
    const anchor = i === 0 ? 'start' : i === bars.length - 1 ? 'end' : 'middle';
    const at = anchor === 'start' ? axis : anchor === 'end' ? axis + bars.length * slot : axis + (i + 0.5) * slot;
    const w = CHAR_WIDTH * label.length;
    const from = anchor === 'start' ? at : anchor === 'end' ? at - w : at - w / 2;
    if (placed.every((p) => from + w + CHAR_WIDTH <= p.from || from >= p.to + CHAR_WIDTH)) placed.push({ at, anchor, label, from, to: from + w });
  }
  const labels = placed.sort((a, b) => a.at - b.at).map((p) => `<text x="${p.at.toFixed(1)}" y="${height - 2}" text-anchor="${p.anchor}">${escapeHtml(p.label)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<text x="${axis - 4}" y="10" text-anchor="end">${escapeHtml(format(top))}</text>`,
    `<text x="${axis - 4}" y="${plotHeight}" text-anchor="end">0</text>`,
    `<line x1="${axis}" y1="${plotHeight + 0.5}" x2="${width}" y2="${plotHeight + 0.5}"/>`,
    ...rects,
    ...labels,
    '</svg>',
  ].join('');
}
