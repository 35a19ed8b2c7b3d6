/** What the benchmark's parts share: child processes with a result message, medians, paths. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/kazinform-site/', import.meta.url));

/** `taskset -c <cpu>` pins a child (and its GC / compiler threads) to one core, when available. */
const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

export interface WorkerOptions {
  /** Pin the child to this CPU (taskset), so "one core" means one core. */
  cpu?: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

export interface Worker<T> {
  pid: number;
  /** The first message the child sends (its result, or its ready message). */
  result: Promise<T>;
  /** Further messages. */
  onMessage(listener: (message: unknown) => void): void;
  send(message: unknown): void;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs `node <script> <args...>` with an IPC channel; the child answers with process.send(). */
export function startWorker<T>(script: string, args: string[], options: WorkerOptions = {}): Worker<T> {
  const node = [...(options.nodeArgs ?? []), script, ...args];
  const [command, argv] = options.cpu !== undefined && HAS_TASKSET
    ? ['taskset', ['-c', String(options.cpu), process.execPath, ...node]]
    : [process.execPath, node];
  const child = spawn(command, argv, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env: { ...process.env, ...options.env },
  });
  const listeners: ((message: unknown) => void)[] = [];
  let first = true;
  const result = new Promise<T>((resolve, reject) => {
    child.on('message', (message) => {
      if (first) {
        first = false;
        const m = message as { error?: string };
        if (m && typeof m === 'object' && typeof m.error === 'string') reject(new Error(`${script}: ${m.error}`));
        else resolve(message as T);
        return;
      }
      for (const l of listeners) l(message);
    });
    child.on('exit', (code) => {
      if (first) reject(new Error(`${script} exited with ${code} before answering`));
    });
    child.on('error', reject);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    pid: child.pid ?? -1,
    result,
    onMessage: (listener) => listeners.push(listener),
    send: (message) => child.send(message as never),
    exited,
  };
}

/** Runs a worker to completion and returns its answer. */
export async function runWorker<T>(script: string, args: string[], options: WorkerOptions = {}): Promise<T> {
  const worker = startWorker<T>(script, args, options);
  const result = await worker.result;
  await worker.exited;
  return result;
}

/** In a worker: send the result of `main` to the parent, or its error. */
export async function answer(main: () => Promise<unknown>): Promise<void> {
  try {
    const value = await main();
    process.send?.(value);
  } catch (error) {
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Peak resident set size of this process so far, in MB (getrusage ru_maxrss). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
