/** Rows of a query as a table for people, CSV (RFC 4180) or JSON: values made plain first. */

import { csvField, spreadsheetText } from '../csv.ts';

export type QueryFormat = 'table' | 'csv' | 'json';

/** DuckDB's JS values to plain JSON ones: BIGINT to a number where exact, timestamps to ISO 8601. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Long cells are cut in the table (the full value is in csv and json). */
const TABLE_CELL = 60;

/** A result column: its name, and whether it is text (VARCHAR), which CSV writes as a spreadsheet will not run it. */
export interface QueryColumn {
  name: string;
  text: boolean;
}

/** JSON objects cannot hold one key twice: a repeated column name gets `_1`, `_2`, ... */
function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 1; taken.has(unique); n += 1) unique = `${name}_${n}`;
    taken.add(unique);
    return unique;
  });
}

export function formatRows(columns: readonly QueryColumn[], rows: ReadonlyArray<readonly unknown[]>, format: QueryFormat): string {
  const names = columns.map((c) => c.name);
  const values = rows.map((row) => row.map(plain));
  if (format === 'json') {
    const keys = uniqueNames(names);
    return `${JSON.stringify(values.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]]))), null, 2)}\n`;
  }
  if (format === 'csv') {
    const cell = (v: unknown, i: number) => csvField(columns[i]?.text && typeof v === 'string' ? spreadsheetText(v) : text(v));
    return [names.map(csvField).join(','), ...values.map((r) => r.map(cell).join(','))].map((l) => `${l}\n`).join('');
  }
  const cells = values.map((r) => r.map((v) => {
    const t = text(v).replace(/\s+/g, ' ');
    return t.length > TABLE_CELL ? `${t.slice(0, TABLE_CELL - 1)}…` : t;
  }));
  const widths = names.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (r: readonly string[]) => r.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(names), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].map((l) => `${l}\n`).join('');
}
