import * as z from './zod.ts';
import { CountryCode, FigureMetric, UtcDateTime } from './article.ts';

/** One reported value of a series, with the article and paragraph it was stated in. */
export const SeriesValue = z.object({
  value: z.number(),
  unit: z.string().check(z.minLength(1)),
  kind: z.enum(['money', 'percent', 'count']),
  /** The growth in percent the text ties to this value, when it says so. */
  change: z.nullable(z.number()),
  articleId: z.string().check(z.minLength(1)),
  url: z.url(),
  /** 0 = the summary; the body's paragraphs count from 1. */
  paragraph: z.number().check(z.int(), z.gte(0)),
  /** The figure as written. */
  raw: z.string().check(z.minLength(1)),
  publishedAt: UtcDateTime,
});
export type SeriesValue = z.infer<typeof SeriesValue>;

/** Everything reported for one (metric, period, direction): conflicting values side by side, never averaged. */
export const SeriesEntry = z.object({
  metric: FigureMetric,
  /** ISO 8601 as the figures state it, except a quarter, written as its months (`2025-07/2025-09`). */
  period: z.string().check(z.minLength(4)),
  direction: z.nullable(z.object({ from: CountryCode, to: CountryCode })),
  values: z.array(SeriesValue).check(z.minLength(1)),
});
export type SeriesEntry = z.infer<typeof SeriesEntry>;

/** `archive/series/<a-b>.json`: the figures stated about one pair's relations, by what and when. */
export const Series = z.object({
  pair: z.string().check(z.regex(/^[A-Z]{2}-[A-Z]{2}$/)),
  updatedAt: UtcDateTime,
  entries: z.array(SeriesEntry),
});
export type Series = z.infer<typeof Series>;
