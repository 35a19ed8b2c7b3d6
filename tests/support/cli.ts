import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import { REPO_ROOT } from './stack.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const KAZFEED = join(REPO_ROOT, 'cli/kazfeed.ts');

/** `kazfeed` in its own process, with the caller's store and AWS region variables instead of this process's. */
function kazfeedEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { KAZFEED_BUCKET: _b, S3_ENDPOINT: _e, KAZFEED_HOME: _h, AWS_REGION: _r, AWS_DEFAULT_REGION: _d, AWS_PROFILE: _p, ...inherited } = process.env;
  return { ...inherited, ...env };
}

function spawnKazfeed(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, [KAZFEED, ...args], { env: kazfeedEnv(env), cwd: REPO_ROOT });
}

/** Runs `kazfeed` as a user would and resolves with its exit code and output. */
export function kazfeed(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnKazfeed(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** `kazfeed ... > path`: stdout written to a file (or a device such as /dev/full); resolves with the exit code and stderr. */
export function kazfeedToFile(args: string[], env: Record<string, string>, path: string, stdin = ''): Promise<CliResult> {
  const fd = openSync(path, 'w');
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [KAZFEED, ...args], { env: kazfeedEnv(env), cwd: REPO_ROOT, stdio: ['pipe', fd, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    child.stdin?.on('error', () => {});
    child.stdin?.end(stdin);
  }).finally(() => closeSync(fd));
}

/**
 * `kazfeed ... | head -n 1`: reads stdout up to its first line, then closes it, so the command's
 * later writes meet a closed pipe (EPIPE). Resolves with the exit code, that line and stderr.
 */
export function kazfeedFirstLine(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnKazfeed(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      if (child.stdout.destroyed) return;
      stdout += d;
      if (stdout.includes('\n')) {
        stdout = stdout.slice(0, stdout.indexOf('\n') + 1);
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {}); // the command may stop reading once its stdout is gone
    child.stdin.end(stdin);
  });
}

/**
 * Starts a long-running `kazfeed` command and resolves once its output matches `ready`. A test
 * stops it (Ctrl-C) to check how it ends; one that fails first leaves it to be killed when it ends.
 */
export function kazfeedUntil(args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawnKazfeed(args, env);
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const started = new Promise<string>((resolve, reject) => {
    const check = (d: Buffer) => {
      output += d;
      const match = ready.exec(output);
      if (match) resolve(match[1] ?? match[0]);
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    exited.then((code) => reject(new Error(`kazfeed ${args.join(' ')} exited (${code}) before being ready:\n${output}`)));
  });
  return { child, started, exited, output: () => output };
}

/** A port free on 127.0.0.1 a moment ago, for a command that must be started twice on the same one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server, 0);
  await closeServer(server);
  return port;
}
