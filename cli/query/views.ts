/**
 * The SQL views `kazfeed query` offers over an archive folder (`daily/*.ndjson.gz`,
 * `series/*.json`): `articles`, `figures` and `series`. Columns are declared, not sniffed, so
 * every daily file reads alike, schema 1 and 1.1 articles side by side (a missing field is NULL),
 * and an archive with no file yet still has its (empty) views.
 */

const DIRECTION = 'STRUCT("from" VARCHAR, "to" VARCHAR)';

export const ARTICLE_COLUMNS: Readonly<Record<string, string>> = {
  id: 'VARCHAR',
  url: 'VARCHAR',
  language: 'VARCHAR',
  title: 'VARCHAR',
  summary: 'VARCHAR',
  publishedAt: 'VARCHAR',
  updatedAt: 'VARCHAR',
  tags: 'VARCHAR[]',
  authors: 'VARCHAR[]',
  relations: 'STRUCT(kind VARCHAR, countries VARCHAR[], pair VARCHAR, kazakhstanInvolved BOOLEAN, confidence DOUBLE, topics VARCHAR[])',
  figures: `STRUCT(kind VARCHAR, value DOUBLE, unit VARCHAR, raw VARCHAR, paragraph INTEGER, metric VARCHAR, period VARCHAR, direction ${DIRECTION}, change DOUBLE, planned BOOLEAN)[]`,
};

export const SERIES_COLUMNS: Readonly<Record<string, string>> = {
  pair: 'VARCHAR',
  updatedAt: 'VARCHAR',
  entries: `STRUCT(metric VARCHAR, period VARCHAR, direction ${DIRECTION}, "values" STRUCT(value DOUBLE, unit VARCHAR, kind VARCHAR, change DOUBLE, articleId VARCHAR, url VARCHAR, paragraph INTEGER, raw VARCHAR, publishedAt VARCHAR)[])[]`,
};

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function columnsLiteral(columns: Readonly<Record<string, string>>): string {
  return `{${Object.entries(columns).map(([name, type]) => `${quote(name)}: ${quote(type)}`).join(', ')}}`;
}

function emptyTable(name: string, columns: Readonly<Record<string, string>>): string {
  return `CREATE TEMP TABLE ${name} (${Object.entries(columns).map(([n, t]) => `"${n}" ${t}`).join(', ')})`;
}

export interface ArchiveFiles {
  /** Glob of the daily files, or null when there are none. */
  readonly daily: string | null;
  /** Glob of the series files, or null when there are none. */
  readonly series: string | null;
}

/** The statements that create the views, in order. */
export function viewStatements(files: ArchiveFiles): string[] {
  return [
    "SET TimeZone = 'UTC'",
    files.daily
      ? `CREATE TEMP VIEW articles_json AS SELECT * FROM read_ndjson(${quote(files.daily)}, columns = ${columnsLiteral(ARTICLE_COLUMNS)}, compression = 'gzip')`
      : emptyTable('articles_json', ARTICLE_COLUMNS),
    files.series
      ? `CREATE TEMP VIEW series_json AS SELECT * FROM read_json(${quote(files.series)}, columns = ${columnsLiteral(SERIES_COLUMNS)}, format = 'unstructured')`
      : emptyTable('series_json', SERIES_COLUMNS),
    `CREATE TEMP VIEW articles AS SELECT id, url, language, title, summary,
       CAST(publishedAt AS TIMESTAMPTZ) AS publishedAt, CAST(updatedAt AS TIMESTAMPTZ) AS updatedAt,
       relations.kind AS kind, relations.pair AS pair, relations.countries AS countries,
       relations.kazakhstanInvolved AS kazakhstanInvolved, relations.confidence AS confidence, relations.topics AS topics,
       tags, authors, len(figures) AS figureCount
     FROM articles_json`,
    `CREATE TEMP VIEW figures AS SELECT a.id AS articleId, a.url, CAST(a.publishedAt AS TIMESTAMPTZ) AS publishedAt, a.language,
       a.relations.pair AS pair, f.kind, f.value, f.unit, f.raw, f.paragraph, f.metric, f.period,
       f.direction."from" AS directionFrom, f.direction."to" AS directionTo, f.change, f.planned
     FROM articles_json AS a, unnest(a.figures) AS t(f)`,
    `CREATE TEMP VIEW series AS SELECT s.pair, e.metric, e.period, e.direction."from" AS directionFrom, e.direction."to" AS directionTo,
       v.value, v.unit, v.kind, v.change, v.articleId, v.url, v.paragraph, v.raw, CAST(v.publishedAt AS TIMESTAMPTZ) AS publishedAt
     FROM series_json AS s, unnest(s.entries) AS t1(e), unnest(e."values") AS t2(v)`,
  ];
}
