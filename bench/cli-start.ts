/**
 * CLI start: wall time from spawning to exit of `kazfeed --version`, `--help` and `run --help`
 * through the bin entry (cli/kazfeed.js), beside `node -e 0` (Node's own start) and `npx kazfeed
 * --version` (what npm adds). The variants run interleaved, so that the machine's load falls on
 * all of them alike; the median of each counts. One untimed start first fills the compile cache,
 * as any start after the first finds it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { median, REPO_ROOT } from './lib.ts';

export interface CliStartResult {
  /** Median wall ms per invocation, by label. */
  medianMs: Record<string, number>;
  runs: number;
}

const BIN = join(REPO_ROOT, 'cli/kazfeed.js');

export function measureCliStart(runs: number): CliStartResult {
  const variants: Record<string, string[]> = {
    'node -e 0': [process.execPath, '-e', '0'],
    'kazfeed --version': [process.execPath, BIN, '--version'],
    'kazfeed --help': [process.execPath, BIN, '--help'],
    'kazfeed run --help': [process.execPath, BIN, 'run', '--help'],
    'npx kazfeed --version': ['npx', '--offline', 'kazfeed', '--version'],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const start = ([command, ...args]: string[]) => {
    const t0 = performance.now();
    const out = spawnSync(command as string, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    if (out.status !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${out.status}: ${out.stderr}`);
    return performance.now() - t0;
  };
  start(variants['kazfeed --version'] as string[]);
  for (let i = 0; i < runs; i++) for (const [label, argv] of Object.entries(variants)) times[label]?.push(start(argv));
  return { medianMs: Object.fromEntries(Object.entries(times).map(([label, t]) => [label, Math.round(median(t) * 10) / 10])), runs };
}
