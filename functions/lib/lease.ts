import * as z from '../../schemas/zod.ts';
import { keys } from './keys.ts';
import { type LeaseHolder, thisProcess, isGone } from './lease-holder.ts';
import type { Store } from './store.ts';
import { KazfeedError } from './errors.ts';

/** `state/lease.json` and `state/publish-lease.json`. */
export const StoredLease = z.object({
  owner: z.string().check(z.minLength(1)),
  expiresAt: z.iso.datetime({ offset: false }),
  // Absent in leases written before holders were recorded: those wait for their expiry.
  holder: z.optional(z.object({ machine: z.string().check(z.minLength(1)), pid: z.number().check(z.int(), z.gt(0)) })),
});
type Lease = z.infer<typeof StoredLease>;

/** Another run holds the lease (or took this run's over): this run must not touch shared state. */
export class LeaseHeld extends KazfeedError {
  readonly owner: string;
  readonly expiresAt: string;
  /** True when this run held the lease and lost it (it outlived it), false when it never got it. */
  readonly takenOver: boolean;
  constructor(owner: string, expiresAt: string, detail?: string) {
    super(detail ?? `another run (${owner}) holds the run lease until ${expiresAt}`);
    this.name = 'LeaseHeld';
    this.owner = owner;
    this.expiresAt = expiresAt;
    this.takenOver = detail !== undefined;
  }
}

export interface HeldLease {
  readonly owner: string;
  /**
   * Extends the lease by its time to live, checking that this run still holds it: call before
   * writing shared state. Throws LeaseHeld when another run has taken it over (this run outlived
   * its lease), so the late run stops instead of overwriting the newer run's state.
   */
  renew(now?: Date): Promise<void>;
  /** Gives the lease up if this run still holds it. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /**
   * When the holder is sure to be gone, renewed or not (a Lambda invocation's end): the lease
   * never lasts longer, so a retry of a timed-out invocation can take it over at once.
   */
  until?: Date;
}

/** The stored lease; a lease that is not JSON or not a lease reads as absent (its etag kept), so it can be taken. */
async function readLease(store: Store, key: string): Promise<{ value: Lease | null; etag: string | undefined } | null> {
  const object = await store.get(key);
  if (!object) return null;
  try {
    const parsed = StoredLease.safeParse(JSON.parse(new TextDecoder().decode(object.body)));
    return { value: parsed.success ? parsed.data : null, etag: object.etag };
  } catch {
    return { value: null, etag: object.etag };
  }
}

function takenOver(held: { value: Lease | null } | null, at: string): LeaseHeld {
  const by = held?.value?.owner;
  return new LeaseHeld(by ?? 'nobody', held?.value?.expiresAt ?? at, `this run's lease was taken over${by ? ` by ${by}` : ''}: it stops before writing shared state`);
}

/** Leases held by this process, so an interrupted command can give them up before it exits. */
const heldHere = new Set<HeldLease>();

/** Releases every lease this process still holds (Ctrl-C, SIGTERM); a failed release leaves the lease to expire. */
export async function releaseHeldLeases(): Promise<void> {
  await Promise.allSettled([...heldHere].map((lease) => lease.release()));
}

/** A lease binds others while it has not expired and its holder may still be alive. */
function binds(lease: Lease, now: Date): boolean {
  return Date.parse(lease.expiresAt) > now.getTime() && !(lease.holder && isGone(lease.holder));
}

/** A held lease as a long job sees it: renewed as the job goes (see renewalAsItGoes). */
export interface RenewableLease {
  renew(at?: Date): Promise<void>;
  ttlMs: number;
}

/** A held lease as a long job sees it, `ttlMs` being the time it was taken for. */
export function renewable(held: HeldLease, ttlMs: number): RenewableLease {
  return { renew: (at) => held.renew(at), ttlMs };
}

/**
 * Renews a lease as a long job goes, each time a third of its TTL has passed since the last
 * renewal (none when there is no lease): called before each step, it keeps the lease alive without
 * a write per step. What renew throws (LeaseHeld: taken over) is thrown to the step.
 */
export function renewalAsItGoes(lease: RenewableLease | undefined, renewedAt: Date): (at: Date) => Promise<void> {
  let last = renewedAt.getTime();
  return async (at) => {
    if (!lease || at.getTime() - last < lease.ttlMs / 3) return;
    await lease.renew(at);
    last = at.getTime();
  };
}

/** Who holds a lease now, and until when; null when it is free (absent, expired, its holder gone, unreadable). */
export async function leaseHolder(store: Store, key: string = keys.lease, now: Date = new Date()): Promise<{ owner: string; expiresAt: string } | null> {
  const current = (await readLease(store, key))?.value;
  return current && binds(current, now) ? { owner: current.owner, expiresAt: current.expiresAt } : null;
}

/**
 * Takes a lease (by default the run lease, `state/lease.json`) so two overlapping runs cannot
 * both update shared state. An expired lease (its run died), a lease whose holder is a dead
 * process on this machine, and a malformed lease are taken over. The write is conditional where
 * S3 enforces it, and read back to catch a racing writer where it does not: what is stored after
 * the write decides, so a write whose response was lost (and whose retry then failed its
 * condition) still counts as taken.
 */
export async function acquireLease(store: Store, owner: string, ttlMs: number, now: Date = new Date(), key: string = keys.lease, options: LeaseOptions = {}): Promise<HeldLease> {
  const holder: LeaseHolder = thisProcess();
  const current = await readLease(store, key);
  if (current?.value && current.value.owner !== owner && binds(current.value, now)) {
    throw new LeaseHeld(current.value.owner, current.value.expiresAt);
  }
  const expiry = (at: Date) => new Date(Math.min(at.getTime() + ttlMs, options.until?.getTime() ?? Infinity)).toISOString();
  const lease: Lease = { owner, expiresAt: expiry(now), holder };
  await store.putJson(key, lease, current?.etag ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
  const check = await readLease(store, key);
  if (check?.value?.owner !== owner) {
    throw new LeaseHeld(check?.value?.owner ?? 'unknown', check?.value?.expiresAt ?? lease.expiresAt);
  }
  const held: HeldLease = {
    owner,
    async renew(at: Date = new Date()) {
      const stored = await readLease(store, key);
      if (stored?.value?.owner !== owner) throw takenOver(stored, at.toISOString());
      const renewed: Lease = { owner, expiresAt: expiry(at), holder };
      await store.putJson(key, renewed, stored.etag ? { ifMatch: stored.etag } : {});
      const after = await readLease(store, key);
      if (after?.value?.owner !== owner) throw takenOver(after, renewed.expiresAt);
    },
    async release() {
      heldHere.delete(held);
      const stored = await readLease(store, key);
      if (stored?.value?.owner === owner) await store.delete(key);
    },
  };
  heldHere.add(held);
  return held;
}
