import * as z from 'zod';
import { keys } from './keys.ts';
import type { Store } from './store.ts';

const Lease = z.object({ owner: z.string().min(1), expiresAt: z.iso.datetime({ offset: false }) });

/** Another run holds the lease (or took this run's over): this run must not touch shared state. */
export class LeaseHeld extends Error {
  readonly owner: string;
  readonly expiresAt: string;
  constructor(owner: string, expiresAt: string, detail?: string) {
    super(detail ?? `another run (${owner}) holds the run lease until ${expiresAt}`);
    this.name = 'LeaseHeld';
    this.owner = owner;
    this.expiresAt = expiresAt;
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

function takenOver(held: { value: z.infer<typeof Lease> } | null, at: string): LeaseHeld {
  return new LeaseHeld(held?.value.owner ?? 'nobody', held?.value.expiresAt ?? at,
    `this run's lease was taken over${held ? ` by ${held.value.owner}` : ''}: it stops before writing shared state`);
}

/**
 * Takes a lease (by default the run lease, `state/lease.json`) so two overlapping runs cannot
 * both update shared state. An expired lease (its run died) is taken over. The write is
 * conditional where S3 enforces it, and read back to catch a racing writer where it does not:
 * what is stored after the write decides, so a write whose response was lost (and whose retry
 * then failed its condition) still counts as taken.
 */
export async function acquireLease(store: Store, owner: string, ttlMs: number, now: Date = new Date(), key: string = keys.lease): Promise<HeldLease> {
  const current = await store.getJson(key, Lease);
  if (current && current.value.owner !== owner && Date.parse(current.value.expiresAt) > now.getTime()) {
    throw new LeaseHeld(current.value.owner, current.value.expiresAt);
  }
  const lease = { owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
  await store.putJson(key, lease, current?.etag ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
  const check = await store.getJson(key, Lease);
  if (check?.value.owner !== owner) {
    throw new LeaseHeld(check?.value.owner ?? 'unknown', check?.value.expiresAt ?? lease.expiresAt);
  }
  return {
    owner,
    async renew(at: Date = new Date()) {
      const held = await store.getJson(key, Lease);
      if (held?.value.owner !== owner) throw takenOver(held, at.toISOString());
      const renewed = { owner, expiresAt: new Date(at.getTime() + ttlMs).toISOString() };
      await store.putJson(key, renewed, held.etag ? { ifMatch: held.etag } : {});
      const after = await store.getJson(key, Lease);
      if (after?.value.owner !== owner) throw takenOver(after, renewed.expiresAt);
    },
    async release() {
      const held = await store.getJson(key, Lease);
      if (held?.value.owner === owner) await store.delete(key);
    },
  };
}
