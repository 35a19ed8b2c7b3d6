import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, open, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { Server, type ListenOptions } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { startFauxqs } from 'fauxqs';
import { createS3Client, Store } from '../functions/lib/store.ts';
import { makeDirectory } from './make-directory.ts';

export const EMBEDDED_BUCKET = 'kazfeed';
// The embedded server accepts any credentials; fixed ones keep the user's AWS_* variables out of it.
const EMBEDDED_CREDENTIALS = { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' };

export interface EmbeddedS3 {
  endpoint: string;
  store: Store;
  stop(): Promise<void>;
}

const listenAnywhere = Server.prototype.listen;
let narrowing = 0;
/** The servers each running onLoopback saw listen, to check once its start is done. */
const collectors = new Set<Server[]>();
const narrowedListen = function (this: Server, ...args: unknown[]) {
  for (const started of collectors) started.push(this);
  return (listenAnywhere as (...a: unknown[]) => Server).apply(this, onLoopbackArgs(args));
} as typeof listenAnywhere;
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/** A listen call's arguments with an all-interfaces (or absent) host made 127.0.0.1, in each of the forms listen takes. */
function onLoopbackArgs(args: unknown[]): unknown[] {
  const [first, second] = args;
  if (first !== null && typeof first === 'object') {
    const options = first as ListenOptions;
    return 'path' in options || (options.host !== undefined && !ALL_INTERFACES.has(options.host)) ? args : [{ ...options, host: '127.0.0.1' }, ...args.slice(1)];
  }
  // listen(), listen(cb), listen(port[, host][, backlog][, cb]).
  if (first === undefined || typeof first === 'function') return [0, '127.0.0.1', ...args];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second === 'string') return ALL_INTERFACES.has(second) ? [first, '127.0.0.1', ...args.slice(2)] : args;
    return [first, '127.0.0.1', ...args.slice(1)];
  }
  return args;
}

/**
 * Runs `start` with every server that listens meanwhile, in this whole process, kept to loopback
 * instead of all interfaces, and checks that they are. fauxqs listens on 0.0.0.0 with no option to
 * change it, which would open the store, which takes any credentials, to everyone on the network,
 * to read and to write. Nested or overlapping calls share one patch, undone when the last ends.
 */
export async function onLoopback<T>(start: () => Promise<T>): Promise<T> {
  const started: Server[] = [];
  collectors.add(started);
  if (narrowing++ === 0) Server.prototype.listen = narrowedListen;
  try {
    const result = await start();
    for (const server of started) {
      const address = server.address();
      if (address !== null && typeof address === 'object' && address.address !== '127.0.0.1') {
        throw new Error(`a server started for the embedded store listens on ${address.address}, not on loopback; refusing to use it`);
      }
    }
    return result;
  } finally {
    collectors.delete(started);
    if (--narrowing === 0) Server.prototype.listen = listenAnywhere;
  }
}

/**
 * Starts an S3-compatible server (fauxqs) on a random port in this process, on loopback only, keeping objects as
 * files under `<home>/s3`. It reads the objects' metadata once, at start: commands share one
 * (connectEmbeddedS3), never start their own.
 */
export async function startEmbeddedS3(home: string): Promise<EmbeddedS3> {
  const s3StorageDir = join(home, 's3');
  await makeDirectory(s3StorageDir);
  const server = await onLoopback(() => startFauxqs({ port: 0, logger: false, s3StorageDir }));
  const endpoint = `http://127.0.0.1:${server.port}`;
  const client = createS3Client({ bucket: EMBEDDED_BUCKET, endpoint, region: 'us-east-1', credentials: EMBEDDED_CREDENTIALS, embedded: true });
  try {
    await client.send(new HeadBucketCommand({ Bucket: EMBEDDED_BUCKET }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: EMBEDDED_BUCKET }));
  }
  return {
    endpoint,
    store: new Store(client, EMBEDDED_BUCKET),
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}

/** How often a command tells its home's store server it is still there. */
const KEEPALIVE_MS = 2_000;
/** How long a command waits for its home's store server to start when no live process is starting it. */
const START_WITHIN_MS = 15_000;
/**
 * How long a command waits while a live process starts the server: the server reads every stored
 * object's metadata first, which grows with the store (22.5 s for 100,000 articles from a cold disk).
 */
const LOAD_WITHIN_MS = 10 * 60_000;
/** After this long, a waiting command says why it waits. */
const SAY_LOADING_AFTER_MS = 3_000;

// `home`: a copied home carries the record of the original's server, which is not its store.
const StoreServerRecord = z.object({ endpoint: z.url(), home: z.string(), pid: z.number().int().positive() });

/**
 * Whether the server at `endpoint` answers (and, as a keepalive, that this command still uses it):
 * `slow` when it is there but has not answered within 2 s, or answers with an error; `no` when
 * nothing listens there. Through an agent of its own, not fetch or the global agent: with
 * NODE_USE_ENV_PROXY set, those send even a request to 127.0.0.1 to HTTP_PROXY, which cannot
 * reach this machine's loopback.
 */
function answers(endpoint: string): Promise<'yes' | 'slow' | 'no'> {
  return new Promise((resolve) => {
    let timedOut = false;
    const request = httpRequest(`${endpoint}/${EMBEDDED_BUCKET}`, { method: 'HEAD', agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 500 ? 'yes' : 'slow');
    });
    request.on('timeout', () => {
      timedOut = true;
      request.destroy(new Error('no answer within 2 s'));
    });
    request.on('error', () => resolve(timedOut ? 'slow' : 'no'));
    request.end();
  });
}

/**
 * The store server recorded under the home, if one lives there: its endpoint, and whether it
 * answers now. A live server that is slow to answer (a loaded machine) is still the home's server:
 * a second one started beside it would serve the same folder from a view of it that the first
 * one's writes do not reach.
 */
async function recordedServer(dir: string): Promise<{ endpoint: string; pid: number; answering: boolean } | null> {
  let record;
  try {
    record = StoreServerRecord.safeParse(JSON.parse(await readFile(join(dir, 'server.json'), 'utf8')));
  } catch {
    return null;
  }
  // A record left by a server that died (a crash, a reboot) names a port some other server may hold now.
  if (!record.success || record.data.home !== dirname(dir) || !alive(record.data.pid)) return null;
  const answer = await answers(record.data.endpoint);
  return answer === 'no' ? null : { endpoint: record.data.endpoint, pid: record.data.pid, answering: answer === 'yes' };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a live command holds the lock of the home's store server, starting it. */
async function beingStarted(dir: string): Promise<boolean> {
  const holder = Number(await readFile(join(dir, 'server.lock'), 'utf8').catch(() => '0'));
  return holder > 0 && alive(holder);
}

/**
 * Starts the home's store server unless another command is starting it: a lock file taken with
 * O_EXCL makes one command the starter; a lock whose starter died is removed. The starter waits
 * while the server it spawned loads (at most LOAD_WITHIN_MS), calling `waiting` as it does.
 */
async function startServer(dir: string, waiting: () => void): Promise<void> {
  const lock = join(dir, 'server.lock');
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
  } catch {
    if (!(await beingStarted(dir))) await rm(lock, { force: true });
    return;
  }
  // Another command may have started it between this command's look and its lock.
  if (await recordedServer(dir)) {
    await rm(lock, { force: true });
    return;
  }
  const script = fileURLToPath(new URL('./store-server.ts', import.meta.url));
  const log = await open(join(dir, 'server.log'), 'a');
  // The server talks to loopback only: Node's own proxy support (NODE_USE_ENV_PROXY) would send
  // its requests to fauxqs through HTTP_PROXY, which cannot reach this machine's loopback.
  const { NODE_USE_ENV_PROXY: _proxy, ...env } = process.env;
  const child = spawn(process.execPath, [script, dirname(dir)], { detached: true, stdio: ['ignore', log.fd, log.fd], env });
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  await log.close();
  const deadline = Date.now() + LOAD_WITHIN_MS;
  while (!exited && Date.now() < deadline && !(await recordedServer(dir))?.answering) {
    waiting();
    await sleep(50);
  }
  await rm(lock, { force: true });
}

/**
 * The embedded store of a home, shared by every command on it: the store server recorded under
 * the home if one answers, else one started for it (see store-server.ts). While the returned
 * store is open, the command keeps the server alive; it stops a short while after its last user.
 */
export async function connectEmbeddedS3(home: string): Promise<EmbeddedS3> {
  const dir = join(home, 's3');
  try {
    await makeDirectory(dir);
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new Error(`the store in ${home} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose another KAZFEED_HOME or fix its permissions`);
  }
  const started = Date.now();
  let deadline = started + START_WITHIN_MS;
  let said = false;
  const waiting = () => {
    if (said || Date.now() - started < SAY_LOADING_AFTER_MS) return;
    said = true;
    process.stderr.write(`kazfeed: the embedded store in ${home} is loading (it reads every stored object's metadata first; a large store takes a while)\n`);
  };
  let server = await recordedServer(dir);
  while (!server?.answering) {
    // Another command starting the server (a large store loading) is waited for, as the starter
    // waits; a live server slow to answer, for START_WITHIN_MS.
    if (await beingStarted(dir)) {
      deadline = Math.max(deadline, Math.min(Date.now() + START_WITHIN_MS, started + LOAD_WITHIN_MS));
      waiting();
    }
    if (Date.now() > deadline) {
      throw new Error(server
        ? `the embedded store for ${home} (process ${server.pid}) has not answered for ${Math.round((Date.now() - started) / 1000)} s; if it is stuck, stop it (kill ${server.pid}) and try again; see ${join(dir, 'server.log')}`
        : `the embedded store for ${home} did not start within ${Math.round((Date.now() - started) / 1000)} s; see ${join(dir, 'server.log')}`);
    }
    if (!server) await startServer(dir, waiting);
    server = await recordedServer(dir);
    if (!server?.answering) await sleep(100);
  }
  const { endpoint } = server;
  const keepalive = setInterval(() => void answers(endpoint), KEEPALIVE_MS).unref();
  const client = createS3Client({ bucket: EMBEDDED_BUCKET, endpoint, region: 'us-east-1', credentials: EMBEDDED_CREDENTIALS, embedded: true });
  return {
    endpoint,
    store: new Store(client, EMBEDDED_BUCKET),
    async stop() {
      clearInterval(keepalive);
      client.destroy();
    },
  };
}
