import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../open-store.ts';
import { writeOut } from '../stdout.ts';
import { formatRows, type QueryFormat } from '../query/output.ts';
import { viewStatements, type ArchiveFiles } from '../query/views.ts';
import { sqlErrorLine } from '../query/sql-error.ts';
import { copyArchive } from '../query/mirror.ts';
import { errorMessage } from '../../functions/lib/errors.ts';
import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import { plural } from '../../functions/lib/plural.ts';

export interface QueryFlags {
  format: QueryFormat;
  /** A downloaded copy of the archive instead of the store. */
  archive?: string;
}

/** The archive folder holding `daily/` and `series/`: the one given, or its `archive/` child. */
function archiveDir(given: string): string {
  const dir = resolve(given);
  if (!existsSync(dir)) throw new Error(`--archive ${given}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new Error(`--archive ${given}: not a folder (give the folder that holds daily/ and series/, or its parent)`);
  const child = join(dir, 'archive');
  return existsSync(join(child, 'daily')) || existsSync(join(child, 'series')) ? child : dir;
}

function archiveFiles(dir: string): ArchiveFiles {
  const has = (sub: string, suffix: string) => existsSync(join(dir, sub)) && readdirSync(join(dir, sub)).some((f) => f.endsWith(suffix));
  return {
    daily: has('daily', '.ndjson.gz') ? join(dir, 'daily', '*.ndjson.gz') : null,
    series: has('series', '.json') ? join(dir, 'series', '*.json') : null,
  };
}

/** Copies the store's daily files and series into a temporary folder: DuckDB reads files. */
async function mirrorStore(): Promise<{ dir: string; description: string; empty: string; cleanup: () => Promise<void> }> {
  const opened = await openStore(process.env, { existing: true });
  const dir = await mkdtemp(join(tmpdir(), 'kazfeed-query-'));
  try {
    await copyArchive(opened.store, dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await opened.close();
  }
  return { dir, description: opened.description, empty: `${opened.description} holds no archived articles yet (kazfeed run stores them)`, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A calendar day as ISO 8601 writes it, the year in four digits and signed outside 0000-9999. */
function dayOf(date: Date): string {
  const year = date.getUTCFullYear();
  const yyyy = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${yyyy}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Runs every statement of `sql` in order and reads the last one's rows, so that a query may set
 * up what it asks (`create temp table ...; select ...`); DuckDB alone would answer with the first.
 */
async function runAll(connection: DuckDBConnection, sql: string): Promise<DuckDBResultReader> {
  const none = new Error('no SQL statement given (e.g. kazfeed query "select count(*) from articles")');
  // DuckDB meets text with no statement in it (blank, only ";" or comments) with a bare "Error in native callback".
  const blank = /^[\s;]*$/.test(sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ''));
  const statements = await connection.extractStatements(sql).catch((error: unknown) => {
    throw blank ? none : error;
  });
  if (statements.count === 0) throw none;
  for (let i = 0; ; i += 1) {
    const prepared = await statements.prepare(i);
    try {
      if (i === statements.count - 1) return await prepared.runAndReadAll();
      await prepared.run();
    } finally {
      prepared.destroySync();
    }
  }
}

/** `kazfeed query "<SQL>"`: SQL over the archive with embedded DuckDB (views articles, figures, series). */
export async function queryCommand(sql: string, flags: QueryFlags): Promise<void> {
  const source = flags.archive
    ? { dir: archiveDir(flags.archive), description: resolve(flags.archive), empty: `${resolve(flags.archive)} holds no archive files (daily/*.ndjson.gz or series/*.json, in it or in its archive/ folder)`, cleanup: async () => {} }
    : await mirrorStore();
  try {
    // Loaded here, not at start-up: the other commands never pay for DuckDB.
    const { DuckDBInstance, DuckDBTypeId } = await import('@duckdb/node-api');
    // Extensions come built in (json, parquet); nothing is ever downloaded.
    const db = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
    const connection = await db.connect();
    try {
      const files = archiveFiles(source.dir);
      for (const statement of viewStatements(files)) await connection.run(statement);
      const reader = await runAll(connection, sql).catch((error: unknown) => {
        throw new Error(sqlErrorLine(errorMessage(error)));
      });
      const types = reader.columnTypes().map((type) => type.typeId);
      // As DuckDB writes them: JS reads a TIMESTAMP without time zone as UTC, an INTERVAL or TIME as counts.
      const own = new Set([DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS, DuckDBTypeId.TIME, DuckDBTypeId.TIME_TZ, DuckDBTypeId.INTERVAL]);
      // DuckDB's own values are read only for the columns that need them: each read holds every row.
      const shown = types.some((type) => own.has(type)) ? reader.getRows() : [];
      // By position, not by name: two columns may share one (a self-join's `a.id, b.id`).
      const rows = reader.getRowsJS().map((row, i) => row.map((value, j) => {
        // A DATE comes back as a JS Date at midnight UTC: shown as the day it is, not as a timestamp.
        const type = types[j];
        if (type === DuckDBTypeId.DATE && value instanceof Date) return dayOf(value);
        return type !== undefined && own.has(type) && value !== null ? String(shown[i]?.[j]) : value;
      }));
      const columns = reader.columnNames().map((name, j) => ({ name, text: types[j] === DuckDBTypeId.VARCHAR }));
      await writeOut(formatRows(columns, rows, flags.format));
      // Empty views answer validly, but from a mistyped folder or an unfilled store they look like "nothing matched".
      if (!files.daily && !files.series) process.stderr.write(`kazfeed query: ${source.empty}; every view is empty\n`);
      process.stderr.write(`${plural(rows.length, 'row')} from ${source.description}\n`);
    } finally {
      connection.closeSync();
      db.closeSync();
    }
  } finally {
    await source.cleanup();
  }
}
