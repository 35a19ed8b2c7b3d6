import * as z from './zod.ts';
import { LANGUAGES } from './languages.ts';

export { LANGUAGES };
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** The fixed topic vocabulary of `relations.topics`. */
export const TOPICS = [
  'diplomacy', 'trade', 'investment', 'energy', 'transport', 'agriculture', 'industry', 'finance',
  'education', 'culture', 'health', 'security', 'water', 'digital', 'tourism', 'migration', 'other',
] as const;
export const Topic = z.enum(TOPICS);
export type Topic = z.infer<typeof Topic>;

/** An instant in UTC, written as `2025-11-24T09:05:00.000Z` or `2025-11-24T09:05:00Z`. */
export const UtcDateTime = z.iso.datetime({ offset: false });

export const CountryCode = z.string().check(z.regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, upper case'));

export const RelationKind = z.enum(['bilateral', 'multilateral', 'none']);

export const Relations = z
  .object({
    kind: RelationKind,
    /** Sorted ISO codes: the pair when bilateral, the participants when multilateral, [] when none. */
    countries: z.array(CountryCode),
    /** The two codes of `countries` joined with `-` when bilateral, otherwise null. */
    pair: z.nullable(z.string().check(z.regex(/^[A-Z]{2}-[A-Z]{2}$/))),
    kazakhstanInvolved: z.boolean(),
    confidence: z.number().check(z.gte(0), z.lte(1)),
    topics: z.array(Topic),
    /** Human-readable reasons for the decision, strongest first. */
    signals: z.array(z.string()),
  })
  .check(z.superRefine((r, ctx) => {
    const sorted = [...r.countries].sort();
    if (sorted.join() !== r.countries.join()) {
      ctx.addIssue({ code: 'custom', path: ['countries'], message: 'countries must be sorted' });
    }
    if (r.kind === 'bilateral') {
      if (r.countries.length !== 2 || r.pair !== r.countries.join('-')) {
        ctx.addIssue({ code: 'custom', path: ['pair'], message: 'a bilateral relation names exactly two countries and pair = countries joined with "-"' });
      }
      if (r.kazakhstanInvolved !== r.countries.includes('KZ')) {
        ctx.addIssue({ code: 'custom', path: ['kazakhstanInvolved'], message: 'kazakhstanInvolved must say whether KZ is in the pair' });
      }
    } else if (r.pair !== null) {
      ctx.addIssue({ code: 'custom', path: ['pair'], message: 'only a bilateral relation has a pair' });
    }
  }));
export type Relations = z.infer<typeof Relations>;

/** What a figure measures (schema 1.1). */
export const FIGURE_METRICS = [
  'trade-turnover', 'exports', 'imports', 'investment', 'loans', 'grants', 'project-value', 'volume', 'growth', 'share', 'other',
] as const;
export const FigureMetric = z.enum(FIGURE_METRICS);
export type FigureMetric = z.infer<typeof FigureMetric>;

const PERIOD_POINT = String.raw`\d{4}(?:-(?:Q[1-4]|\d{2}(?:-\d{2})?))?`;
const PERIOD = new RegExp(`^${PERIOD_POINT}(?:/${PERIOD_POINT})?$`);

export const Figure = z.object({
  kind: z.enum(['money', 'percent', 'count']),
  value: z.number(),
  /** ISO 4217 code for money, "%" for percent, a short noun for counts. */
  unit: z.string().check(z.minLength(1)),
  /** The matched text, verbatim. */
  raw: z.string().check(z.minLength(1)),
  /** 0 = the summary; the body's paragraphs count from 1 across sections. */
  paragraph: z.number().check(z.int(), z.gte(0)),
  // Schema 1.1, additive: what the figure measures and for when, where the text says so.
  metric: z.optional(FigureMetric),
  /** ISO 8601 as stated: `2024`, `2025-03`, `2025-Q3`, `2025-01/2025-09`; relative periods resolved against publishedAt. */
  period: z.optional(z.nullable(z.string().check(z.regex(PERIOD, 'an ISO 8601 year, month, quarter, date or interval')))),
  /** Exports and imports: from which state to which. */
  direction: z.optional(z.nullable(z.object({ from: CountryCode, to: CountryCode }))),
  /** The growth, in percent, that the text ties to this figure ("up 5.4%" → 5.4; a fall is negative). */
  change: z.optional(z.nullable(z.number())),
  /**
   * Schema 1.2, additive: the text states the figure as a target, plan, forecast or expectation ("to bring trade to
   * $10 billion by 2030"), not as reported. Absent in articles stored before it.
   */
  planned: z.optional(z.boolean()),
});
export type Figure = z.infer<typeof Figure>;

export const Section = z.object({
  heading: z.optional(z.string().check(z.minLength(1))),
  paragraphs: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
});
export type Section = z.infer<typeof Section>;

export const Dateline = z.object({
  /** The place as written in the lead: same script and spelling. */
  place: z.string().check(z.minLength(1)),
});
export type Dateline = z.infer<typeof Dateline>;

export const Provenance = z.object({
  feedUrl: z.nullable(z.url()),
  /** The extractor that produced the body, e.g. `kazinform@2024-01`, `json-ld`, `generic`. */
  extractor: z.string().check(z.minLength(1)),
  /** Which extractor produced each field group (title, summary, dates, authors, body, ...). */
  fields: z.optional(z.record(z.string(), z.string())),
  /**
   * What the extraction parsed: `article`, the page's head and article element alone, or
   * `document`, the whole page (when the article element could not be told apart for sure).
   * The same article either way. Absent in articles built before it was recorded.
   */
  parse: z.optional(z.enum(['article', 'document'])),
  pipelineVersion: z.string().check(z.minLength(1)),
  rawKey: z.string().check(z.minLength(1)),
  /** How decoding the page fell back, when it had to (a declared charset overruled, a guess, bytes replaced). */
  decoding: z.optional(z.string().check(z.minLength(1))),
});

export const ARTICLE_SCHEMA_VERSION = 1 as const;

/** The canonical article, schema version 1 (see DESIGN.md: a contract). */
export const Article = z.object({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"')),
  url: z.url({ protocol: /^https?$/ }),
  source: z.literal('kazinform'),
  language: Language,
  /** A headline; anything longer than this is not one (a page's furniture, or hostile). */
  title: z.string().check(z.minLength(1), z.maxLength(1000)),
  summary: z.string(),
  dateline: z.nullable(Dateline),
  authors: z.array(z.string().check(z.minLength(1))),
  tags: z.array(z.string().check(z.minLength(1))),
  imageUrl: z.nullable(z.url({ protocol: /^https?$/ })),
  /** Who took or supplied the lead image, from its caption ("Photo: Akorda" → "Akorda"). */
  imageCredit: z.nullable(z.string().check(z.minLength(1))),
  publishedAt: UtcDateTime,
  /** Equal to publishedAt when the page states no later update. */
  updatedAt: UtcDateTime,
  fetchedAt: UtcDateTime,
  body: z.object({ sections: z.array(Section).check(z.minLength(1)) }),
  relations: Relations,
  figures: z.array(Figure),
  /** sha256 (hex) of the normalised title and body. */
  contentHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  provenance: Provenance,
});
export type Article = z.infer<typeof Article>;
