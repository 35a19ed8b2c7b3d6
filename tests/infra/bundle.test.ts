import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES } from '../../bench/report.ts';
import { REPO_ROOT } from './support.ts';

const run = promisify(execFile);

interface Bundle {
  dir: string;
  code: string;
  bytes: number;
  sources: string[];
}

/**
 * `npx cdk synth --quiet` as a user runs it in a fresh checkout, bundling for real with the local
 * esbuild: no AWS credentials or config, and any outbound HTTP(S) sent to a closed local port. The
 * settings file is the test's own, so a developer's kazfeed.deploy.json does not count.
 */
describe('cdk synth through the CLI, bundling with esbuild', () => {
  let outdir: string;
  let cliEnv: Record<string, string>;
  let result: { stdout: string; stderr: string };
  const settings = (name: string, values: Record<string, unknown>) => {
    const path = join(outdir, name);
    writeFileSync(path, JSON.stringify(values));
    return path;
  };
  const synth = (out: string, file: string) =>
    run('npx', ['cdk', 'synth', '--quiet', '--output', join(outdir, out), '-c', `settingsFile=${file}`], { cwd: REPO_ROOT, env: cliEnv, timeout: 120_000 });
  const bundles = new Map<string, Bundle>();

  beforeAll(async () => {
    // Inside the checkout (tmp/ is git-ignored), so the bundles resolve the SDK from node_modules when imported below.
    mkdirSync(join(REPO_ROOT, 'tmp'), { recursive: true });
    outdir = mkdtempSync(join(REPO_ROOT, 'tmp', 'cdk-synth-test-'));
    cliEnv = {
      PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
      HOME: outdir,
      AWS_CONFIG_FILE: join(outdir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(outdir, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '',
      CI: 'true',
    };
    result = await synth('out', settings('kazfeed.deploy.json', { alarmEmail: 'ops@example.org' }));
    const template = JSON.parse(readFileSync(join(outdir, 'out', 'KazinformRelationsFeed.template.json'), 'utf8'));
    for (const [id, resource] of Object.entries<any>(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const name = /^(Ingest|Process|Publish)/.exec(id)?.[1]?.toLowerCase() as string;
      const dir = join(outdir, 'out', resource.Metadata['aws:asset:path']);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8'));
      bundles.set(name, { dir, code, bytes: statSync(join(dir, 'index.mjs')).size, sources: map.sources });
    }
  }, 120_000);
  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it('succeeds offline and says nothing', () => {
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect([...bundles.keys()].sort()).toEqual(['ingest', 'process', 'publish']);
  });

  it('warns, and still succeeds, when the settings name no alarm e-mail', async () => {
    const out = await synth('empty', settings('empty.deploy.json', {}));
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('WARNING no alarmEmail is set: the alarms notify an SNS topic nobody is subscribed to');
  }, 120_000);

  it('fails, naming the bad setting and where it came from', async () => {
    const file = settings('bad.deploy.json', { alarmEmail: 'nobody' });
    const out = await synth('bad', file).then(() => ({ stderr: 'succeeded' }), (error: { stderr: string }) => error);
    expect(out.stderr).toContain(`kazfeed settings: ${file} "alarmEmail": is not an e-mail address, got "nobody"\n`);
  }, 120_000);

  it('bundles each handler as one minified ESM file with a source map, the SDK left to the runtime', () => {
    for (const [name, bundle] of bundles) {
      expect(bundle.code.startsWith("import { createRequire as __kazfeedRequire } from 'node:module';"), name).toBe(true);
      expect(bundle.code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      // Minified: few, long lines.
      expect(bundle.code.split('\n').length, name).toBeLessThan(200);
      expect(bundle.sources.some((s) => s.includes('node_modules/@aws-sdk/')), name).toBe(false);
      expect(bundle.code).toMatch(/from\s*"@aws-sdk\/client-s3"/);
      expect(bundle.sources.some((s) => s.endsWith(`functions/${name}/handler.ts`)), name).toBe(true);
    }
  });

  it('keeps every bundle within 460 KB, the budget that keeps cold starts short', () => {
    for (const [name, bundle] of bundles) expect(bundle.bytes, name).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });

  it('keeps the CLI, commander, fauxqs, DuckDB and the training code out of every bundle, and extraction out of ingest and publish', () => {
    for (const [name, bundle] of bundles) {
      const banned = bundle.sources.filter((s) => /node_modules\/(fauxqs|commander|@duckdb)\/|(^|\/)cli\/|tests\/|(^|\/)train\//.test(s));
      expect(banned, name).toEqual([]);
    }
    for (const name of ['ingest', 'publish']) {
      expect(bundles.get(name)?.sources.filter((s) => /functions\/process\/(extract|classify)\//.test(s)), name).toEqual([]);
    }
    // Reported in the closing note: bytes of each minified bundle.
    console.info(`bundle sizes: ${[...bundles].map(([n, b]) => `${n} ${b.bytes}`).join(', ')}`);
  });

  it('loads on Node 24, and the bundled process handler reports a poison message', async () => {
    const env: Record<string, string> = {
      KAZFEED_BUCKET: 'kazfeed-bundle-test',
      AWS_REGION: 'us-east-1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      for (const [name, bundle] of bundles) {
        const mod = await import(join(bundle.dir, 'index.mjs'));
        expect(typeof mod.handler, name).toBe('function');
      }
      const { handler } = await import(join(bundles.get('process')?.dir as string, 'index.mjs'));
      const context = { awsRequestId: 'r', getRemainingTimeInMillis: () => 300_000 };
      const response = await handler({ Records: [{ messageId: 'm-1', body: 'not json', attributes: {} }] }, context);
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
