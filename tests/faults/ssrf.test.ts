import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../functions/lib/http.ts';
import { addressKind, isExplicitlyLocal, isPublicAddress, type Resolver } from '../../functions/lib/net-guard.ts';
import { countFuzzRuns, fuzzRuns, reportFuzzRuns } from '../fuzz/count.ts';
import { failure } from '../support/http-failures.ts';

afterAll(() => reportFuzzRuns('faults/ssrf'));

/** A resolver that plays DNS from a table and records the names asked. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, asked };
}

describe('addressKind: which resolved addresses are public', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.169.254', 'link-local'], ['100.64.0.1', 'shared'],
    ['0.0.0.0', 'unspecified'], ['224.0.0.251', 'multicast'], ['239.255.255.250', 'multicast'], ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'], ['198.18.0.1', 'benchmarking'], ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'link-local'], ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'], ['fec0::1', 'site-local'], ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'], ['2002:c0a8:101::1', 'private'], ['[::1]', 'loopback'],
    ['8.8.8.8', 'global'], ['172.32.0.1', 'global'], ['195.210.46.1', 'global'], ['2a00:1450:4001:80b::200e', 'global'],
    ['::ffff:8.8.8.8', 'global'], ['64:ff9b::808:808', 'global'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
    expect(isPublicAddress(address)).toBe(kind === 'global');
  });

  it('judges an IPv4-mapped IPv6 address exactly as the IPv4 address it carries', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const property = fc.property(octet, octet, octet, octet, (a, b, c, d) => {
      const v4 = `${a}.${b}.${c}.${d}`;
      const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
      return addressKind(`::ffff:${v4}`) === addressKind(v4) && addressKind(`::ffff:${hex(a, b)}:${hex(c, d)}`) === addressKind(v4);
    });
    fc.assert(countFuzzRuns('net-guard: mapped IPv6', property), { numRuns: fuzzRuns(500) });
  });

  it('counts only IP literals and localhost as explicit permission for local addresses', () => {
    expect(['127.0.0.1', '10.0.0.5', '[::1]', 'localhost', 'LOCALHOST'].map(isExplicitlyLocal)).toEqual([true, true, true, true, true]);
    expect(['www.inform.kz', 'localhost.inform.kz', 'metadata.google.internal', '127.0.0.1.nip.io'].map(isExplicitlyLocal)).toEqual([false, false, false, false]);
  });
});

describe('HttpClient: no connection to a non-public address (SSRF)', () => {
  // A TCP listener standing in for an internal service: it counts connections, so a test can
  // show that a refused request never reached it.
  let internal: ReturnType<typeof createTcpServer>;
  let internalPort = 0;
  let connections = 0;
  let site: Server;
  let sitePort = 0;

  beforeAll(async () => {
    internal = createTcpServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalPort = (internal.address() as AddressInfo).port;
    site = createHttpServer((req, res) => {
      if (req.url === '/to-internal') res.writeHead(302, { location: `https://feeds.example:${internalPort}/secret` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.socket.localAddress}`);
    });
    // 127.0.0.2 is loopback on Linux: a server bound there shows which address a client connected to.
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.2', resolve));
    sitePort = (site.address() as AddressInfo).port;
  });
  afterAll(async () => {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
    await new Promise((resolve) => internal.close(resolve));
  });

  const client = (resolve: Resolver, allowHosts: string[]) => new HttpClient({ allowHosts, resolve, retries: 2, sleep: async () => undefined, userAgent: 'kazfeed-test/1' });

  it('refuses an allowed name that resolves to loopback, before connecting, and does not retry', async () => {
    const dns = fakeDns({ 'feeds.example': ['127.0.0.1'] });
    const error = await failure(client(dns.resolve, ['feeds.example']).get(`https://feeds.example:${internalPort}/rss.xml`));
    expect(error).toMatchObject({ kind: 'host-not-allowed', retryable: false, url: `https://feeds.example:${internalPort}/rss.xml` });
    expect(error.message).toContain('feeds.example resolves to 127.0.0.1, a loopback address');
    expect(connections).toBe(0);
    expect(dns.asked).toEqual(['feeds.example']);
  });

  it.each([
    ['the cloud metadata address', ['169.254.169.254'], 'link-local'],
    ['a private address next to a public one', ['93.184.216.34', '10.0.0.7'], 'private'],
    ['an IPv4-mapped loopback address', ['::ffff:127.0.0.1'], 'loopback'],
    ['a unique-local IPv6 address', ['fd00::5'], 'unique-local'],
    ['a multicast address', ['224.0.0.1'], 'multicast'],
  ])('refuses a name that resolves to %s', async (_what, addresses, kind) => {
    const dns = fakeDns({ 'www.inform.kz': addresses });
    const error = await failure(client(dns.resolve, ['www.inform.kz']).get(`https://www.inform.kz:${internalPort}/rss/eng.xml`));
    expect(error.kind).toBe('host-not-allowed');
    expect(error.message).toContain(`a ${kind} address`);
    expect(connections).toBe(0);
  });

  it('fetches a named host over https only: plain http is refused without a DNS query', async () => {
    const dns = fakeDns({ 'www.inform.kz': ['195.210.46.1'] });
    const error = await failure(client(dns.resolve, ['www.inform.kz']).get('http://www.inform.kz/rss/eng.xml'));
    expect(error.kind).toBe('host-not-allowed');
    expect(error.message).toContain('www.inform.kz is fetched over https only');
    expect(dns.asked).toEqual([]);
  });

  it('refuses a redirect from an allowed local host to a name that resolves inside', async () => {
    const dns = fakeDns({ 'feeds.example': ['10.0.0.9'] });
    const http = client(dns.resolve, [`127.0.0.2:${sitePort}`, 'feeds.example']);
    const error = await failure(http.get(`http://127.0.0.2:${sitePort}/to-internal`));
    expect(error).toMatchObject({ kind: 'host-not-allowed', url: `https://feeds.example:${internalPort}/secret` });
    expect(connections).toBe(0);
  });

  it('lets localhost, listed explicitly, reach loopback, connecting to the address the guarded lookup returned', async () => {
    // The system would say 127.0.0.1, where nothing listens on this port: reaching the server on
    // 127.0.0.2 shows the socket connected to what the lookup checked.
    const dns = fakeDns({ localhost: ['127.0.0.2'] });
    const response = await client(dns.resolve, ['localhost']).get(`http://localhost:${sitePort}/`);
    expect(response.text).toBe('hello 127.0.0.2');
    expect(dns.asked).toEqual(['localhost']);
  });

  it('lets an IP literal, listed explicitly, be fetched over http without any lookup', async () => {
    const dns = fakeDns({});
    const response = await client(dns.resolve, [`127.0.0.2:${sitePort}`]).get(`http://127.0.0.2:${sitePort}/`);
    expect(response.text).toBe('hello 127.0.0.2');
    expect(dns.asked).toEqual([]);
  });
});
