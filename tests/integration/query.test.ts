import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../schemas/article.ts';
import { startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { storeArticle } from '../../functions/process/index.ts';
import { publish } from '../../functions/publish/index.ts';
import { testArticle, turnoverFigure } from '../support/articles.ts';
import { kazfeed } from '../support/cli.ts';

const article = (id: string, publishedAt: string, pair: string | null, figures: Figure[]) => testArticle(id, publishedAt, { language: 'uz-Cyrl', pair, figures });
const turnover = turnoverFigure;

describe('kazfeed query', () => {
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-query-'));
    env = { KAZFEED_HOME: home };
    const s3 = await startEmbeddedS3(home);
    try {
      await storeArticle(s3.store, article('oz-000001', '2025-11-24T04:00:00.000Z', 'KZ-TM', [{ ...turnover(555_700_000, '555,7 миллион доллар', '2024', 4), planned: false }]), { overwrite: false });
      await storeArticle(s3.store, article('ru-000002', '2025-11-25T04:00:00.000Z', 'KZ-TM', [turnover(556_000_000, '556 млн долларов', '2024', 2)]), { overwrite: false });
      await storeArticle(s3.store, article('en-000003', '2025-11-25T05:00:00.000Z', null, []), { overwrite: false });
      await publish(s3.store, { feedSize: 100 });
    } finally {
      await s3.stop();
    }
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('answers SQL over the series of the store, both reports of one turnover side by side', async () => {
    const out = await kazfeed(['query', "select pair, metric, period, value, articleId from series where pair = 'KZ-TM' order by value"], env);
    expect(out.stderr).toBe(`2 rows from embedded store in ${home}\n`);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe([
      'pair   metric          period  value      articleId',
      '-----  --------------  ------  ---------  ---------',
      'KZ-TM  trade-turnover  2024    555700000  oz-000001',
      'KZ-TM  trade-turnover  2024    556000000  ru-000002',
      '',
    ].join('\n'));
  });

  it('joins figures with articles, as JSON', async () => {
    const out = await kazfeed(['query', 'select a.id, a.kind, f.metric, f.value from figures f join articles a on a.id = f.articleId order by a.id', '--format', 'JSON'], env);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([
      { id: 'oz-000001', kind: 'bilateral', metric: 'trade-turnover', value: 555_700_000 },
      { id: 'ru-000002', kind: 'bilateral', metric: 'trade-turnover', value: 556_000_000 },
    ]);
  });

  it('tells a planned figure from a reported one, and leaves it unknown for articles stored before the flag', async () => {
    const out = await kazfeed(['query', 'select raw, planned from figures order by raw', '--format', 'json'], env);
    expect(JSON.parse(out.stdout)).toEqual([{ raw: '555,7 миллион доллар', planned: false }, { raw: '556 млн долларов', planned: null }]);
  });

  it('filters articles by date as CSV', async () => {
    const out = await kazfeed(['query', "select id from articles where publishedAt >= TIMESTAMPTZ '2025-11-25' order by id", '--format', 'csv'], env);
    expect(out.stdout).toBe('id\nen-000003\nru-000002\n');
  });

  it('reads a downloaded archive folder, and an empty one has empty views and says so on stderr', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'kazfeed-query-empty-'));
    try {
      const out = await kazfeed(['query', 'select count(*) as n from articles', '--archive', empty, '--format', 'csv'], {});
      expect([out.code, out.stdout]).toEqual([0, 'n\n0\n']);
      expect(out.stderr).toBe(
        `kazfeed query: ${empty} holds no archive files (daily/*.ndjson.gz or series/*.json, in it or in its archive/ folder); every view is empty\n1 row from ${empty}\n`,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('runs the README\'s examples as written', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Asking the archive questions'), readme.indexOf('### The same questions in Athena'));
    const examples = [...section.matchAll(/^npx kazfeed query "([^"]+)"([^\n]*)$/gm)].map(([, sql, flags]) => [(sql as string).replace(/\s+/g, ' '), ...(flags as string).trim().split(/\s+/).filter(Boolean)]);
    expect(examples).toHaveLength(3);
    const outputs = [];
    for (const [sql, ...flags] of examples) {
      const out = await kazfeed(['query', sql as string, ...flags], env);
      expect(out.stderr, sql).toMatch(/^\d+ rows? from embedded store in /);
      expect(out.code, sql).toBe(0);
      outputs.push(out.stdout);
    }
    // The KZ-TM trade turnover, both reports; the pair per month as CSV; no exports here: [].
    expect(outputs[0]?.split('\n').filter((l) => l.startsWith('2024')).map((l) => l.split(/\s+/).slice(0, 4).join(' '))).toEqual([
      '2024 555700000 USD oz-000001',
      '2024 556000000 USD ru-000002',
    ]);
    expect(outputs[1]).toBe('pair,month,articles\nKZ-TM,2025-11-01T00:00:00.000Z,2\n');
    expect(JSON.parse(outputs[2] ?? '')).toEqual([]);
  });

  it('warns that a store with nothing archived yet has empty views', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'kazfeed-query-fresh-'));
    try {
      const out = await kazfeed(['query', 'select count(*) as n from series', '--format', 'csv'], { KAZFEED_HOME: fresh });
      expect([out.code, out.stdout]).toEqual([0, 'n\n0\n']);
      expect(out.stderr).toBe(`kazfeed query: embedded store in ${fresh} holds no archived articles yet (kazfeed run stores them); every view is empty\n1 row from embedded store in ${fresh}\n`);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('shows a DATE as the day it is, and a timestamp in ISO 8601 UTC', async () => {
    const out = await kazfeed(['query', "select cast(publishedAt as date) as day, publishedAt from articles where id = 'oz-000001'", '--format', 'csv'], env);
    expect([out.code, out.stdout]).toEqual([0, 'day,publishedAt\n2025-11-24,2025-11-24T04:00:00.000Z\n']);
    const far = await kazfeed(['query', "select date '0044-03-15' as ides, date '12000-01-01' as far", '--format', 'csv'], env);
    expect([far.code, far.stdout]).toEqual([0, 'ides,far\n0044-03-15,+012000-01-01\n']);
  });

  it('writes text that a spreadsheet would run as a formula with a leading apostrophe in CSV, as is in JSON', async () => {
    const sql = "select '=HYPERLINK(\"http://x.test\")' as title, -2 as n";
    const csv = await kazfeed(['query', sql, '--format', 'csv'], env);
    expect([csv.code, csv.stdout]).toEqual([0, 'title,n\n"\'=HYPERLINK(""http://x.test"")",-2\n']);
    const json = await kazfeed(['query', sql, '--format', 'json'], env);
    expect(JSON.parse(json.stdout)).toEqual([{ title: '=HYPERLINK("http://x.test")', n: -2 }]);
  });

  it('shows each column\'s own value when two share a name; JSON names the second x_1', async () => {
    const table = await kazfeed(['query', 'select 1 as x, 2 as x'], env);
    expect(table.stdout).toBe('x  x\n-  -\n1  2\n');
    const json = await kazfeed(['query', 'select 1 as x, 2 as x', '--format', 'json'], env);
    expect(JSON.parse(json.stdout)).toEqual([{ x: 1, x_1: 2 }]);
  });

  it('writes a timestamp without time zone, a time and an interval as DuckDB does, not as UTC instants or counts', async () => {
    const sql = "select TIMESTAMP '2025-11-14 22:10:00' as local, TIME '12:30:00' as t, INTERVAL 25 MINUTE as delay";
    const out = await kazfeed(['query', sql, '--format', 'csv'], env);
    expect([out.code, out.stdout]).toEqual([0, 'local,t,delay\n2025-11-14 22:10:00,12:30:00,00:25:00\n']);
  });

  it('runs every statement in order and answers with the last one\'s rows', async () => {
    const out = await kazfeed(['query', "create temp table pairs as select distinct pair from articles where pair is not null; select pair from pairs", '--format', 'csv'], env);
    expect([out.code, out.stdout, out.stderr]).toEqual([0, 'pair\nKZ-TM\n', `1 row from embedded store in ${home}\n`]);
  });

  it('refuses a query with no statement, and an --archive that is a file, with one line and exit 1', async () => {
    for (const sql of ['', ' ; ', '/* nothing */']) {
      const out = await kazfeed(['query', sql], env);
      expect([out.code, out.stdout, out.stderr], JSON.stringify(sql)).toEqual([1, '', 'kazfeed: no SQL statement given (e.g. kazfeed query "select count(*) from articles")\n']);
    }
    const file = new URL('../../README.md', import.meta.url).pathname;
    const out = await kazfeed(['query', 'select 1', '--archive', file], {});
    expect([out.code, out.stdout, out.stderr]).toEqual([1, '', `kazfeed: --archive ${file}: not a folder (give the folder that holds daily/ and series/, or its parent)\n`]);
  });

  it('names a bad query or a bad flag on stderr and exits 1', async () => {
    const bad = await kazfeed(['query', 'select * from nope', '--archive', home], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^kazfeed: Catalog Error: Table with name nope does not exist! .*\(line 1: "select \* from nope"\)\n$/);
    const format = await kazfeed(['query', 'select 1', '--format', 'xml'], env);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("option '--format <format>' argument 'xml' is invalid. expected table, csv or json");
  });
});
