/**
 * A large embedded store takes a while to start (its server reads every object's metadata first:
 * 22.5 s for 100,000 articles from a cold disk). A command waits for it while the command starting
 * it is alive, past the 15 s it gives a store nobody is starting, and says why it waits.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDelayProxy } from '../../bench/delay-proxy.ts';
import { startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { kazfeed } from '../support/cli.ts';
import { REPO_ROOT } from '../support/stack.ts';

describe('a command on a home whose store server another command is still starting', () => {
  it('waits past 15 s while that command lives, says the store is loading, and then works', async () => {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-slow-start-'));
    // Another command holding the start lock, its server not answering yet.
    const starter = spawn('sleep', ['120'], { stdio: 'ignore' });
    const server: { child?: ReturnType<typeof spawn> } = {};
    try {
      await mkdir(join(home, 's3'), { recursive: true });
      await writeFile(join(home, 's3', 'server.lock'), String(starter.pid));
      const command = kazfeed(['export'], { KAZFEED_HOME: home });
      const serverUp = new Promise<void>((resolve) => setTimeout(() => {
        server.child = spawn(process.execPath, [join(REPO_ROOT, 'cli/store-server.ts'), home], { stdio: 'ignore' });
        resolve();
      }, 17_000));
      const out = await command;
      await serverUp;
      expect([out.code, out.stdout]).toEqual([0, '']);
      expect(out.stderr).toBe(`kazfeed: the embedded store in ${home} is loading (it reads every stored object's metadata first; a large store takes a while)\nexported 0 articles from embedded store in ${home}\n`);
    } finally {
      starter.kill();
      server.child?.kill();
      await rm(home, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a command on a home whose store server lives but is slow to answer (a loaded machine)', () => {
  it('waits for that server instead of starting a second one beside it, whose view of the folder the first one\'s writes would not reach', async () => {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-slow-server-'));
    const s3 = await startEmbeddedS3(home);
    // The home's server, as its record names it: answering nothing for 5 s, then everything.
    const front = await startDelayProxy(s3.endpoint);
    front.delayMs = 5_000;
    const answerFrom = Date.now() + 5_000;
    const answering = setTimeout(() => (front.delayMs = 0), 5_000);
    const record = join(home, 's3', 'server.json');
    try {
      const recorded = JSON.stringify({ endpoint: front.endpoint, home, pid: process.pid });
      await writeFile(record, recorded);
      const out = await kazfeed(['export'], { KAZFEED_HOME: home });
      expect([out.code, out.stdout, out.stderr]).toEqual([0, '', `exported 0 articles from embedded store in ${home}\n`]);
      expect(Date.now()).toBeGreaterThanOrEqual(answerFrom);
      expect(await readFile(record, 'utf8')).toBe(recorded);
    } finally {
      // A second server the command started (the old behaviour) is stopped with the test.
      const pid = await readFile(record, 'utf8').then((text) => JSON.parse(text).pid as number, () => process.pid);
      if (pid !== process.pid) process.kill(pid);
      clearTimeout(answering);
      await front.close();
      await s3.stop();
      await rm(home, { recursive: true, force: true });
    }
  }, 60_000);
});
