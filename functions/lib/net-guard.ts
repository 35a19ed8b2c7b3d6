/**
 * SSRF protection: which resolved addresses the HTTP client may connect to, and a DNS lookup for
 * `node:net` that refuses the others. The lookup is the one the socket connects with, so the
 * address checked is the address connected to: a name that resolves to a public address when
 * checked and to 127.0.0.1 when connected (DNS rebinding) cannot slip through.
 */
import { promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { KazfeedError } from './errors.ts';
import { once } from './once.ts';

/** Why an address is not a public unicast one (`global` when it is). */
export type AddressKind =
  | 'global'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'site-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

interface Range {
  base: bigint;
  bits: number;
  kind: AddressKind;
}

function v4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function v6(text: string): bigint | null {
  let address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // brackets, zone id
  if (isIP(address) !== 6) return null;
  // A trailing dotted quad (::ffff:127.0.0.1) becomes two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) {
    const low = v4(dotted[1]);
    if (low === null) return null;
    address = `${address.slice(0, -dotted[1].length)}${(low >> 16n).toString(16)}:${(low & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const hextets = tail === undefined ? headParts : [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
  if (hextets.length !== 8) return null;
  return hextets.reduce((acc, h) => (acc << 16n) | BigInt(`0x${h || '0'}`), 0n);
}

const range4 = (cidr: string, kind: AddressKind): Range => {
  const [base = '', bits = '32'] = cidr.split('/');
  return { base: v4(base) as bigint, bits: Number(bits), kind };
};
const range6 = (cidr: string, kind: AddressKind): Range => {
  const [base = '', bits = '128'] = cidr.split('/');
  return { base: v6(base) as bigint, bits: Number(bits), kind };
};

/** IANA's special-purpose IPv4 registry, reduced to what must never be fetched. */
const V4_RANGES: Range[] = [
  range4('0.0.0.0/8', 'unspecified'),
  range4('10.0.0.0/8', 'private'),
  range4('100.64.0.0/10', 'shared'),
  range4('127.0.0.0/8', 'loopback'),
  range4('169.254.0.0/16', 'link-local'),
  range4('172.16.0.0/12', 'private'),
  range4('192.0.0.0/24', 'reserved'),
  range4('192.0.2.0/24', 'documentation'),
  range4('192.88.99.0/24', 'reserved'),
  range4('192.168.0.0/16', 'private'),
  range4('198.18.0.0/15', 'benchmarking'),
  range4('198.51.100.0/24', 'documentation'),
  range4('203.0.113.0/24', 'documentation'),
  range4('224.0.0.0/4', 'multicast'),
  range4('255.255.255.255/32', 'broadcast'),
  range4('240.0.0.0/4', 'reserved'),
];

/**
 * IPv6: only global unicast (2000::/3) is public, minus the special blocks inside it. Parsed on
 * the first IPv6 address, not at import: node:net's isIP compiles its IPv6 pattern on first use.
 */
const v6Ranges = once((): Range[] => [
  range6('::/128', 'unspecified'),
  range6('::1/128', 'loopback'),
  range6('64:ff9b:1::/48', 'private'),
  range6('100::/64', 'reserved'),
  range6('2001:db8::/32', 'documentation'),
  range6('2001::/23', 'reserved'),
  range6('3fff::/20', 'documentation'),
  range6('fc00::/7', 'unique-local'),
  range6('fe80::/10', 'link-local'),
  range6('fec0::/10', 'site-local'),
  range6('ff00::/8', 'multicast'),
]);

function inRange(value: bigint, range: Range, width: number): boolean {
  const shift = BigInt(width - range.bits);
  return value >> shift === range.base >> shift;
}

function kind4(value: bigint): AddressKind {
  return V4_RANGES.find((r) => inRange(value, r, 32))?.kind ?? 'global';
}

/**
 * What kind of address this is: `global` for a public unicast address, otherwise why it is not.
 * IPv6 forms that embed an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`,
 * 6to4 `2002::/16`) are judged by the embedded address. Not an IP address: `reserved`.
 */
export function addressKind(address: string): AddressKind {
  const plain = address.replace(/^\[|\]$/g, '');
  const four = isIP(plain) === 4 ? v4(plain) : null;
  if (four !== null) return kind4(four);
  const six = v6(plain);
  if (six === null) return 'reserved';
  if (six >> 32n === 0xffffn) return kind4(six & 0xffffffffn); // ::ffff:0:0/96
  if (six >> 32n === 0x64ff9b0000000000000000n) return kind4(six & 0xffffffffn); // 64:ff9b::/96
  if (six >> 112n === 0x2002n) return kind4((six >> 80n) & 0xffffffffn); // 2002::/16
  const special = v6Ranges().find((r) => inRange(six, r, 128));
  if (special) return special.kind;
  return six >> 125n === 1n ? 'global' : 'reserved'; // 2000::/3
}

export function isPublicAddress(address: string): boolean {
  return addressKind(address) === 'global';
}

/** A host name (as in `URL.hostname`) that is an IP literal, brackets allowed. */
export function isIpLiteral(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/**
 * Hosts a person can only mean as local: IP literals and `localhost`. Listing one of these in the
 * allowlist is the explicit permission to reach a loopback or private address.
 */
export function isExplicitlyLocal(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return isIpLiteral(h) || h === 'localhost';
}

/** The connection was refused because the host resolves to an address that is not public. */
export class BlockedAddressError extends KazfeedError {
  readonly code = 'ERR_BLOCKED_ADDRESS';
  readonly hostname: string;
  readonly address: string;
  readonly kind: AddressKind;
  constructor(hostname: string, address: string, kind: AddressKind) {
    super(`${hostname} resolves to ${address}, a ${kind} address: only public addresses are fetched unless the host is allowed for local use (an IP literal or localhost in the allowlist)`);
    this.name = 'BlockedAddressError';
    this.hostname = hostname;
    this.address = address;
    this.kind = kind;
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name resolution, injectable for tests; the default is the system resolver (`dns.lookup`). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, order: 'verbatim' });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * A `lookup` for `node:net` / `node:http(s)` that resolves with `resolver` and hands the socket
 * only addresses it may connect to. Unless `allowLocal` is set, a name with any non-public address
 * is refused as a whole (a public name has no business resolving to 10.0.0.1 as well).
 */
export function guardedLookup(resolver: Resolver, allowLocal: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family || 0;
    const all = Boolean(options.all);
    const fail = (error: Error) => callback(error as NodeJS.ErrnoException, all ? [] : '', 4);
    resolver(hostname).then(
      (found) => {
        const wanted = found.filter((a) => family === 0 || family === a.family);
        if (wanted.length === 0) return fail(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
        if (!allowLocal) {
          const blocked = wanted.find((a) => !isPublicAddress(a.address));
          if (blocked) return fail(new BlockedAddressError(hostname, blocked.address, addressKind(blocked.address)));
        }
        const first = wanted[0] as ResolvedAddress;
        if (all) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
