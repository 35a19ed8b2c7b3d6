/**
 * The embedded store of one KAZFEED_HOME, as a process of its own: `node cli/store-server.ts
 * <home>`. Started by the first command that needs the store (see connectEmbeddedS3), it serves
 * every command on that home, so they all see the same objects and ETags at once, as clients of
 * one bucket do. It records where it listens in `<home>/s3/server.json` and stops once no
 * command has used it for IDLE_MS (commands that stay, like serve, keep it alive).
 */
import fs from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { startConditionalFront } from './conditional-writes.ts';
import { EMBEDDED_BUCKET, startEmbeddedS3 } from './embedded-s3.ts';

export const IDLE_MS = 10_000;
const writeInPlace = fs.writeFileSync;
export const SERVER_FILE = 'server.json';

// fauxqs writes each object's bytes and metadata with writeFileSync in place: killed half-way,
// it would leave an object cut short. In this process every such write goes to a temporary file
// that is then renamed over the old one, so an object on disk is always old or new, never torn.
fs.writeFileSync = (path: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
  if (typeof path !== 'string') return writeInPlace(path, data, options);
  const temporary = `${path}.${process.pid}.tmp`;
  writeInPlace(temporary, data, options);
  fs.renameSync(temporary, path);
};
syncBuiltinESMExports();

const home = process.argv[2];
if (!home) throw new Error('usage: store-server.ts <KAZFEED_HOME>');
const s3 = await startEmbeddedS3(home);
const front = await startConditionalFront(s3.endpoint, EMBEDDED_BUCKET);
let lastUse = Date.now();
front.onRequest = () => (lastUse = Date.now());

// Written whole (temporary file, then rename): a command never reads half of it.
const record = join(home, 's3', SERVER_FILE);
await writeFile(`${record}.${process.pid}`, JSON.stringify({ endpoint: front.url, home, pid: process.pid }));
await rename(`${record}.${process.pid}`, record);

const timer = setInterval(async () => {
  if (Date.now() - lastUse < IDLE_MS) return;
  clearInterval(timer);
  // Only its own record: a server started after this one was given up for dead keeps its own.
  const recorded = await readFile(record, 'utf8').then((text) => JSON.parse(text).pid, () => null);
  if (recorded === process.pid) await rm(record, { force: true });
  await front.close();
  await s3.stop();
  process.exit(0);
}, 1_000);
