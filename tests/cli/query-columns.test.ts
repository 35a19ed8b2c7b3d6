import { describe, expect, it } from 'vitest';
import { ARTICLE_COLUMNS as DUCKDB_ARTICLES, SERIES_COLUMNS as DUCKDB_SERIES } from '../../cli/query/views.ts';
import { ARTICLE_COLUMNS as GLUE_ARTICLES, SERIES_COLUMNS as GLUE_SERIES } from '../../infra/analytics.ts';

const SCALARS: Record<string, string> = { VARCHAR: 'string', DOUBLE: 'double', BOOLEAN: 'boolean', INTEGER: 'int' };

/**
 * A DuckDB column type written as the Hive type Glue declares: names lower-cased (Athena's JSON
 * reader matches them so), unquoted.
 */
function hiveType(duckdb: string): string {
  const type = duckdb.trim();
  if (type.endsWith('[]')) return `array<${hiveType(type.slice(0, -2))}>`;
  const struct = /^STRUCT\((.*)\)$/s.exec(type);
  if (!struct?.[1]) {
    const scalar = SCALARS[type];
    if (!scalar) throw new Error(`no Hive type for ${type}`);
    return scalar;
  }
  const fields: string[] = [];
  let depth = 0;
  let start = 0;
  const body = struct[1];
  for (let i = 0; i <= body.length; i++) {
    const char = body[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if ((char === ',' && depth === 0) || i === body.length) {
      const field = /^\s*"?([^"\s]+)"?\s+(.+)$/s.exec(body.slice(start, i));
      if (!field?.[1] || !field[2]) throw new Error(`unreadable field in ${type}`);
      fields.push(`${field[1].toLowerCase()}:${hiveType(field[2])}`);
      start = i + 1;
    }
  }
  return `struct<${fields.join(',')}>`;
}

describe("kazfeed query's views and the deployed Athena tables", () => {
  it('reads a DuckDB type as its Hive twin', () => {
    expect(hiveType('STRUCT("from" VARCHAR, "to" VARCHAR)[]')).toBe('array<struct<from:string,to:string>>');
    expect(hiveType('STRUCT(a STRUCT(b INTEGER, c DOUBLE[]), d BOOLEAN)')).toBe('struct<a:struct<b:int,c:array<double>>,d:boolean>');
  });

  for (const [table, duckdb, glue] of [['articles', DUCKDB_ARTICLES, GLUE_ARTICLES], ['series', DUCKDB_SERIES, GLUE_SERIES]] as const) {
    it(`declare the same ${table} columns, field for field, so a query written locally runs on Athena`, () => {
      const local = Object.entries(duckdb).map(([name, type]) => ({ name: name.toLowerCase(), type: hiveType(type) }));
      expect(local).toEqual(glue.map(({ name, type }) => ({ name, type })));
    });
  }
});
