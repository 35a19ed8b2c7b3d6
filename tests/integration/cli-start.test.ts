import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/stack.ts';

/** Prints, at exit, every module the process loaded (ESM and CommonJS), one URL a line, on stderr. */
const RECORD_LOADS = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on('exit', () => process.stderr.write(loaded.join('\\n')));
`)}`;

/** The bin entry (package.json "bin"), run as `npx kazfeed` runs it. */
function modulesLoadedBy(args: string[]): string[] {
  const out = spawnSync(process.execPath, ['--import', RECORD_LOADS, join(REPO_ROOT, 'cli/kazfeed.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(out.status).toBe(0);
  return out.stderr.split('\n').filter(Boolean).map((url) => url.replace(`file://${REPO_ROOT}`, ''));
}

describe('kazfeed starts at once: help and version load only the command table', () => {
  for (const args of [['--version'], ['--help'], ['run', '--help'], ['export', '--help'], ['query', '--help']]) {
    it(`kazfeed ${args.join(' ')} loads commander and the table, no store, SDK, zod or classifier`, () => {
      const ours = modulesLoadedBy(args).filter((url) => !url.startsWith('node:'));
      const packages = new Set(ours.filter((url) => url.includes('node_modules/')).map((url) => url.split('node_modules/')[1]?.split('/')[0]));
      expect([...packages]).toEqual(['commander']);
      expect(ours.filter((url) => !url.includes('node_modules/')).sort()).toEqual([
        'cli/kazfeed.js', 'cli/kazfeed.ts', 'cli/signals.ts', 'cli/stdout.ts', 'functions/lib/errors.ts', 'functions/lib/version.ts', 'schemas/addresses.ts', 'schemas/languages.ts',
      ]);
    });
  }
});

describe('the help says what each command does', () => {
  it('serve serves feeds/, archive/ and site/, in kazfeed --help and kazfeed serve --help', () => {
    for (const args of [['--help'], ['serve', '--help']]) {
      const out = spawnSync(process.execPath, [join(REPO_ROOT, 'cli/kazfeed.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(out.status).toBe(0);
      expect(out.stdout.replace(/\s+/g, ' '), args.join(' ')).toContain('serve the stored feeds/, archive/ and site/ (the atlas) over HTTP');
    }
  });
});

describe('the bin entry as npm installs it', () => {
  it('is committed executable, so npm ci (which sets the bit) leaves git status clean', () => {
    const bin = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    for (const path of Object.values(bin)) {
      const staged = spawnSync('git', ['ls-files', '--stage', '--', path], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(staged.stdout.split(' ')[0], path).toBe('100755');
    }
  });
});

/** A Node.js older than 24 on this machine's PATH (a system one), if there is one. */
function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (!dir || !existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (Number(/^v(\d+)\./.exec(version)?.[1] ?? 99) < 24) return candidate;
  }
  return undefined;
}

describe('the bin entry on an older Node.js', () => {
  const node = olderNode();
  it.skipIf(!node)(`says in one line that it needs Node.js 24 and how to run it, exit 1${node ? '' : ' (skipped: no Node.js older than 24 on PATH)'}`, () => {
    const out = spawnSync(node as string, [join(REPO_ROOT, 'cli/kazfeed.js'), '--version'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect([out.status, out.stdout]).toEqual([1, '']);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^kazfeed: needs Node\.js 24 or later, and this is v\d+\..*run it as `npx kazfeed`/);
  });
});
