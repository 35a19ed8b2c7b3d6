/**
 * Lambda bundles: each handler bundled with esbuild the way infra/stack.ts has NodejsFunction do it
 * (platform node, ESM, target node24, minified, UTF-8 output, legal comments in a file beside it, external source map without sources, main fields
 * module/main, the createRequire banner, @aws-sdk/* external: the Node.js 24 runtime ships the
 * SDK v3), with a metafile. Reports the bundle's bytes, what fills it (by package and by file), and
 * cold init: a fresh `node` process importing the bundle, median of 10, as the functions run (no
 * source maps: see infra/stack.ts) and with `--enable-source-maps`; and the init without the SDK: the
 * bundle imported after its external imports (@aws-sdk/*, node:*) are loaded, timed alone. @aws-sdk/*
 * resolves from the project's node_modules (symlinked next to the bundles), as from the runtime's on Lambda.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { median, REPO_ROOT } from './lib.ts';

export interface BundleResult {
  name: string;
  entry: string;
  bytes: number;
  sourceMapBytes: number;
  /** Median ms to import the bundle in a fresh node process, as deployed (no source maps). */
  initMs: number;
  /** The same with --enable-source-maps. */
  initMsSourceMaps: number;
  /** Median ms to import the bundle once its external imports are loaded: our own code's init. */
  ownInitMs: number;
  /** Median ms to import only the external modules the bundle imports (@aws-sdk/*, node:*), bare. */
  externalsInitMs: number;
  /** Median ms from spawning node to its exit after the import (node's own start-up included). */
  processMs: number;
  /** The package (or project folder) with the most bytes in the bundle. */
  topInput: { name: string; bytes: number };
  /** Biggest contributors by package / project folder. */
  byPackage: { name: string; bytes: number }[];
  /** Biggest single input files. */
  topFiles: { path: string; bytes: number }[];
  externals: string[];
}

/** The handlers, or (while they are being written) the stage entry points they will call. */
export function handlerEntries(): { name: string; entry: string }[] {
  return ['ingest', 'process', 'publish'].map((name) => {
    const handler = `functions/${name}/handler.ts`;
    return { name, entry: existsSync(join(REPO_ROOT, handler)) ? handler : `functions/${name}/index.ts` };
  });
}

/** `node_modules/@scope/name/...` → `@scope/name`; project files → their first two folders. */
function packageOf(path: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (m?.[1]) return m[1];
  return path.split('/').slice(0, Math.min(3, path.split('/').length - 1)).join('/') || path;
}

const BANNER = "import { createRequire as __kazfeedRequire } from 'node:module'; const require = __kazfeedRequire(import.meta.url);";

export async function bundle(name: string, entry: string, outDir: string): Promise<{ outfile: string; metafile: Metafile }> {
  const outfile = join(outDir, name, 'index.mjs');
  const result = await build({
    entryPoints: [join(REPO_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: BANNER },
    external: ['@aws-sdk/*'],
    charset: 'utf8',
    legalComments: 'external',
    metafile: true,
    logLevel: 'error',
    absWorkingDir: REPO_ROOT,
  });
  return { outfile, metafile: result.metafile };
}

/**
 * Runs `node` with a module script that imports `before` (untimed), then `specifiers`, and prints
 * the time the latter took in ms.
 */
function importMs(specifiers: string[], nodeArgs: string[], cwd: string, before: string[] = []): { importMs: number; processMs: number } {
  const code = `const [b, s] = JSON.parse(process.argv[1]); for (const x of b) await import(x); const t0 = performance.now(); for (const x of s) await import(x); process.stdout.write(String(performance.now() - t0));`;
  const start = performance.now();
  const out = execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', code, JSON.stringify([before, specifiers])], {
    encoding: 'utf8',
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'bench', POWERTOOLS_DEV: 'false' },
  });
  return { importMs: Number(out), processMs: performance.now() - start };
}

function medianOf(runs: number, f: () => number): number {
  return median(Array.from({ length: runs }, f));
}

export async function measureBundles(workDir: string, runs = 10): Promise<BundleResult[]> {
  const outDir = join(workDir, 'bundles');
  await mkdir(outDir, { recursive: true });
  // @aws-sdk/* stays external: let the bundles resolve it from the project's node_modules.
  if (!existsSync(join(outDir, 'node_modules'))) await symlink(join(REPO_ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  const results: BundleResult[] = [];
  for (const { name, entry } of handlerEntries()) {
    const { outfile, metafile } = await bundle(name, entry, outDir);
    const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
    if (!output) throw new Error(`no output for ${entry}`);
    const byPackage = new Map<string, number>();
    const files: { path: string; bytes: number }[] = [];
    for (const [path, input] of Object.entries(output.inputs)) {
      byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + input.bytesInOutput);
      files.push({ path, bytes: input.bytesInOutput });
    }
    const packages = [...byPackage].map(([n, bytes]) => ({ name: n, bytes })).sort((a, b) => b.bytes - a.bytes);
    const externals = [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))].sort();
    const url = new URL(`file://${outfile}`).href;
    const deployed = Array.from({ length: runs }, () => importMs([url], [], outDir));
    results.push({
      name,
      entry,
      bytes: (await stat(outfile)).size,
      sourceMapBytes: (await stat(`${outfile}.map`)).size,
      initMs: median(deployed.map((r) => r.importMs)),
      initMsSourceMaps: medianOf(runs, () => importMs([url], ['--enable-source-maps'], outDir).importMs),
      ownInitMs: medianOf(runs, () => importMs([url], [], outDir, externals).importMs),
      externalsInitMs: medianOf(runs, () => importMs(externals, [], outDir).importMs),
      processMs: median(deployed.map((r) => r.processMs)),
      topInput: packages[0] ?? { name: '(none)', bytes: 0 },
      byPackage: packages.slice(0, 8),
      topFiles: files.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
      externals,
    });
  }
  return results;
}
