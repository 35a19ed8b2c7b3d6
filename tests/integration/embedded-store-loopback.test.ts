import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, Server, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onLoopback, startEmbeddedS3 } from '../../cli/embedded-s3.ts';

function listening(server: Server, options: { port: number; host?: string }): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => resolve(server.address() as AddressInfo));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** This machine's first IPv4 address that is not loopback, if it has one. */
const otherAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('the embedded store listens on loopback only', () => {
  it('narrows a server asked for all interfaces, or for none in particular, to 127.0.0.1, in every form listen takes, and only meanwhile', async () => {
    const original = Server.prototype.listen;
    const servers = Array.from({ length: 5 }, () => createServer());
    const listened = (server: Server, listen: (done: () => void) => void) => new Promise<string>((resolve) => listen(() => resolve((server.address() as AddressInfo).address)));
    const [s0, s1, s2, s3, s4] = servers as [Server, Server, Server, Server, Server];
    const addresses = await onLoopback(async () => [
      await listening(s0, { port: 0, host: '0.0.0.0' }),
      await listening(s1, { port: 0 }),
      { address: await listened(s2, (done) => s2.listen(0, done)) },
      { address: await listened(s3, (done) => s3.listen(0, '::', done)) },
      { address: await listened(s4, (done) => s4.listen(done)) },
    ]);
    expect(addresses.map((a) => a.address)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
    await Promise.all(servers.map(close));
    expect(Server.prototype.listen).toBe(original);
    const after = createServer();
    expect((await listening(after, { port: 0, host: '0.0.0.0' })).address).toBe('0.0.0.0');
    await close(after);
  });

  it('shares one patch among overlapping calls and undoes it when the last ends, whichever ends first', async () => {
    const original = Server.prototype.listen;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = onLoopback(() => held);
    const second = createServer();
    const address = await onLoopback(() => listening(second, { port: 0 }));
    expect(address.address).toBe('127.0.0.1');
    await close(second);
    release();
    await first;
    expect(Server.prototype.listen).toBe(original);
    // The first to start ends first: the second still narrows, and ends with the patch undone.
    let releaseA: () => void = () => {};
    const a = onLoopback(() => new Promise<void>((resolve) => (releaseA = resolve)));
    const late = createServer();
    const b = onLoopback(async () => {
      releaseA();
      await a;
      return listening(late, { port: 0, host: '0.0.0.0' });
    });
    expect((await b).address).toBe('127.0.0.1');
    await close(late);
    expect(Server.prototype.listen).toBe(original);
  });

  it.skipIf(!otherAddress)(`refuses connections on the machine's other addresses${otherAddress ? '' : ' (skipped: this machine has no non-loopback IPv4 address)'}`, async () => {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-loopback-'));
    const s3 = await startEmbeddedS3(home);
    try {
      const port = Number(new URL(s3.endpoint).port);
      expect(await accepts('127.0.0.1', port)).toBe(true);
      expect(await accepts(otherAddress as string, port)).toBe(false);
    } finally {
      await s3.stop();
      await rm(home, { recursive: true, force: true });
    }
  });
});
