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
  it('narrows a server asked for all interfaces, or for none in particular, to 127.0.0.1 while starting, and only then', async () => {
    const all = createServer();
    const unnamed = createServer();
    const [a, b] = await onLoopback(async () => [await listening(all, { port: 0, host: '0.0.0.0' }), await listening(unnamed, { port: 0 })]);
    expect([a.address, b.address]).toEqual(['127.0.0.1', '127.0.0.1']);
    await Promise.all([close(all), close(unnamed)]);
    const after = createServer();
    expect((await listening(after, { port: 0, host: '0.0.0.0' })).address).toBe('0.0.0.0');
    await close(after);
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
