import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kazfeed } from '../support/cli.ts';

describe('kazfeed flags and settings a person gets wrong, run as processes', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-flags-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('--pair rejects codes that are not ISO 3166-1, in one line', async () => {
    const out = await kazfeed(['export', '--pair', 'xx-yy'], { KAZFEED_HOME: home });
    expect(out.code).toBe(1);
    expect(out.stderr).toBe("kazfeed: option '--pair <pair>' argument 'xx-yy' is invalid. XX and YY are not ISO 3166-1 country codes (see kazfeed export --help)\n");
    expect(out.stdout).toBe('');
    const one = await kazfeed(['export', '--pair', 'kz-qq'], { KAZFEED_HOME: home });
    expect(one.stderr).toMatch(/argument 'kz-qq' is invalid\. QQ is not an ISO 3166-1 country code \(see kazfeed export --help\)\n$/);
  });

  it("commander's errors are one line each, naming the help to read, with a non-zero exit", async () => {
    for (const [args, line] of [
      [['run', '--bogus'], "kazfeed: unknown option '--bogus' (see kazfeed run --help)"],
      [['run', '--fee', 'x'], "kazfeed: unknown option '--fee' (Did you mean --feed?) (see kazfeed run --help)"],
      [['bogus'], "kazfeed: unknown command 'bogus' (see kazfeed --help)"],
      [['export', '--from', '2025-02-02', '--to', '2025-01-01'], 'kazfeed: --from 2025-02-02 is after --to 2025-01-01 (see kazfeed export --help)'],
      [['query'], "kazfeed: missing required argument 'sql' (see kazfeed query --help)"],
    ] as const) {
      const out = await kazfeed([...args], { KAZFEED_HOME: home });
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr).toBe(`${line}\n`);
      expect(out.stdout).toBe('');
    }
  });

  it('a value without its own flag after a repeatable flag (--feed A B) says to give the flag again; other stray arguments are named', async () => {
    for (const [args, line] of [
      [['run', '--feed', 'http://127.0.0.1:9/a.xml', 'http://127.0.0.1:9/b.xml'], "kazfeed: --feed takes one value; for 'http://127.0.0.1:9/b.xml' give the flag again (--feed A --feed B) (see kazfeed run --help)"],
      [['run', '--json', '--allow-host=127.0.0.1', 'localhost'], "kazfeed: --allow-host takes one value; for 'localhost' give the flag again (--allow-host A --allow-host B) (see kazfeed run --help)"],
      [['export', '--pair', 'kz-tm', 'kz-ru'], "kazfeed: --pair takes one value; for 'kz-ru' give the flag again (--pair A --pair B) (see kazfeed export --help)"],
      [['run', '--json', 'now'], "kazfeed: unexpected argument 'now': kazfeed run takes flags only (see kazfeed run --help)"],
      [['export', '--from', '2025-01-01', '2025-02-01'], "kazfeed: unexpected argument '2025-02-01': kazfeed export takes flags only (see kazfeed export --help)"],
      [['check', 'all'], "kazfeed: unexpected argument 'all': kazfeed check takes flags only (see kazfeed check --help)"],
      [['classify', 'in.jsonl'], 'kazfeed: classify reads its lines on stdin, not from a file named: kazfeed classify < in.jsonl (see kazfeed classify --help)'],
    ] as const) {
      const out = await kazfeed([...args], { KAZFEED_HOME: home });
      expect(out.stderr, args.join(' ')).toBe(`${line}\n`);
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stdout).toBe('');
    }
  });

  it('--pair rejects the same country twice', async () => {
    const out = await kazfeed(['export', '--pair', 'kz-KZ'], { KAZFEED_HOME: home });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/argument 'kz-KZ' is invalid\. a pair is two different countries \(see kazfeed export --help\)\n$/);
  });

  it('--format ignores case, as --pair and --lang do', async () => {
    const out = await kazfeed(['export', '--format', 'CSV'], { KAZFEED_HOME: home });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe('id,publishedAt,language,kind,pair,kazakhstanInvolved,topics,title,url,summary,figures,updatedAt,countries,confidence\n');
  });

  it('--feed takes an absolute http or https URL; anything else is one line and exit 1 before the run starts', async () => {
    for (const [value, expected] of [
      ['notaurl', 'expected an absolute http or https URL of a feed, sitemap or list page, e.g. https://www.inform.kz/rss/rus.xml'],
      ['ftp://127.0.0.1/rss.xml', 'expected an http or https URL, not ftp'],
    ] as const) {
      const out = await kazfeed(['run', '--feed', value, '--allow-host', '127.0.0.1'], { KAZFEED_HOME: home });
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`kazfeed: option '--feed <url>' argument '${value}' is invalid. ${expected} (see kazfeed run --help)\n`);
      expect(out.stdout).toBe('');
    }
  });

  it('--allow-host takes a host or host:port; anything else is one line and exit 1 before the run starts', async () => {
    for (const [value, line] of [
      ['bad host!!', ''],
      ['http://127.0.0.1:8080', ', not a URL: give 127.0.0.1:8080'],
    ] as const) {
      const out = await kazfeed(['run', '--feed', 'http://127.0.0.1:9/rss.xml', '--allow-host', value], { KAZFEED_HOME: home });
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`kazfeed: option '--allow-host <host>' argument '${value}' is invalid. expected a host or host:port, e.g. www.inform.kz or 127.0.0.1:8080${line} (see kazfeed run --help)\n`);
      expect(out.stdout).toBe('');
    }
  });

  it('S3_ENDPOINT without KAZFEED_BUCKET is ignored, with a warning that says so', async () => {
    const out = await kazfeed(['export'], { KAZFEED_HOME: home, S3_ENDPOINT: 'http://127.0.0.1:9' });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe(`kazfeed: S3_ENDPOINT is ignored without KAZFEED_BUCKET; using the embedded store in ${home}\nexported 0 articles from embedded store in ${home}\n`);
  });

  it('without KAZFEED_BUCKET, AWS_* variables (and a proxy) change nothing: the embedded store starts and answers', async () => {
    const cases: Record<string, string>[] = [
      { AWS_USE_FIPS_ENDPOINT: 'true' },
      { AWS_USE_DUALSTACK_ENDPOINT: 'true' },
      { AWS_DEFAULTS_MODE: 'bogus' },
      { AWS_RETRY_MODE: 'bogus' },
      { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' },
      // Node's own proxy support would send even loopback requests to a proxy that cannot reach them.
      { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9' },
    ];
    for (const variables of cases) {
      // A home of its own: the store server is started by this command, with these variables too.
      const own = await mkdtemp(join(tmpdir(), 'kazfeed-aws-env-'));
      try {
        const out = await kazfeed(['export'], { KAZFEED_HOME: own, ...variables });
        expect(out.stderr, JSON.stringify(variables)).toBe(`exported 0 articles from embedded store in ${own}\n`);
        expect(out.code).toBe(0);
      } finally {
        await rm(own, { recursive: true, force: true });
      }
    }
  }, 60_000);

  it('a KAZFEED_HOME that cannot be written: one line saying so, and exit 1', async (context) => {
    const readOnly = await mkdtemp(join(tmpdir(), 'kazfeed-read-only-'));
    const store = join(readOnly, 's3');
    await mkdir(store);
    // Mode bits do not stop root: as root the folder is made immutable instead (Linux chattr).
    const asRoot = process.getuid?.() === 0;
    try {
      if (!asRoot) await chmod(store, 0o555);
      else {
        try {
          execFileSync('chattr', ['+i', store], { stdio: 'ignore' });
        } catch {
          context.skip('running as root where chattr +i is not allowed: no folder here is read-only to this process');
        }
      }
      for (const args of [['export'], ['run', '--feed', 'http://127.0.0.1:9/rss.xml', '--allow-host', '127.0.0.1:9']]) {
        const out = await kazfeed(args, { KAZFEED_HOME: readOnly });
        expect(out.code, args[0]).toBe(1);
        expect(out.stderr).toMatch(new RegExp(`^kazfeed: the store in ${readOnly} cannot be written \\((EACCES|EPERM|EROFS)\\): choose another KAZFEED_HOME or fix its permissions\n$`));
        expect(out.stdout).toBe('');
      }
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', store], { stdio: 'ignore' });
      await rm(readOnly, { recursive: true, force: true });
    }
  });

  it('a KAZFEED_HOME under a file, or where nothing can be made (/proc): one line naming the error, and exit 1, at once', async (context) => {
    const dir = await mkdtemp(join(tmpdir(), 'kazfeed-home-file-'));
    try {
      const file = join(dir, 'file');
      await writeFile(file, '');
      // A home whose s3 folder is a file.
      const home = join(dir, 'home');
      await mkdir(home);
      await writeFile(join(home, 's3'), '');
      const cases: [string, string][] = [[join(file, 'home'), 'ENOTDIR'], [home, 'ENOTDIR']];
      if (existsSync('/proc/self')) cases.push(['/proc/kazfeed-home', 'ENOENT']);
      else context.annotate('no /proc here: only the file case is tried');
      for (const [home, code] of cases) {
        // run, which makes a home that does not exist (the commands that read refuse one: cli.test.ts).
        const out = await kazfeed(['run', '--feed', 'http://127.0.0.1:9/rss.xml', '--allow-host', '127.0.0.1:9'], { KAZFEED_HOME: home });
        expect([out.code, out.stdout, out.stderr], home).toEqual([1, '', `kazfeed: the store in ${home} cannot be written (${code}): choose another KAZFEED_HOME or fix its permissions\n`]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
