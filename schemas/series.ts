import * as z from 'zod';
import { CountryCode, FigureMetric, UtcDateTime } from './article.ts';

/** One reported value of a series, with the article and paragraph it was stated in. */
export const SeriesValue = z.object({
  value: z.number().finite(),
  unit: z.string().min(1),
  kind: z.enum(['money', 'percent', 'count']),
  /** The growth in percent the text ties to this value, when it says so. */
  change: z.number().finite().nullable(),
  articleId: z.string().min(1),
  url: z.url(),
  /** 0 = the summary; the body's paragraphs count from 1. */
  paragraph: z.number().int().min(0),
  /** The figure as written. */
  raw: z.string().min(1),
  publishedAt: UtcDateTime,
});
export type SeriesValue = z.infer<typeof SeriesValue>;

/** Everything reported for one (metric, period, direction): conflicting values side by side, never averaged. */
export const SeriesEntry = z.object({
  metric: FigureMetric,
  period: z.string().min(4),
  direction: z.object({ from: CountryCode, to: CountryCode }).nullable(),
  values: z.array(SeriesValue).min(1),
});
export type SeriesEntry = z.infer<typeof SeriesEntry>;

/** `archive/series/<a-b>.json`: the figures stated about one pair's relations, by what and when. */
export const Series = z.object({
  pair: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/),
  updatedAt: UtcDateTime,
  entries: z.array(SeriesEntry),
});
export type Series = z.infer<typeof Series>;
