import { z } from 'zod';
import { keys } from './keys.ts';
import type { Store } from './store.ts';

const Lease = z.object({ owner: z.string().min(1), expiresAt: z.iso.datetime({ offset: false }) });

/** Another run holds the lease: this run must not touch shared state. */
export class LeaseHeld extends Error {
  readonly owner: string;
  readonly expiresAt: string;
  constructor(owner: string, expiresAt: string) {
    super(`another run (${owner}) holds the run lease until ${expiresAt}`);
    this.name = 'LeaseHeld';
    this.owner = owner;
    this.expiresAt = expiresAt;
  }
}

export interface HeldLease {
  release(): Promise<void>;
}

/**
 * Takes the run lease (`state/lease.json`) so two overlapping runs cannot both update shared
 * state. An expired lease (its run died) is taken over. The write is conditional where S3
 * enforces it, and read back to catch a racing writer where it does not.
 */
export async function acquireLease(store: Store, owner: string, ttlMs: number, now: Date = new Date()): Promise<HeldLease> {
  const current = await store.getJson(keys.lease, Lease);
  if (current && current.value.owner !== owner && Date.parse(current.value.expiresAt) > now.getTime()) {
    throw new LeaseHeld(current.value.owner, current.value.expiresAt);
  }
  const lease = { owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
  const written = await store.putJson(keys.lease, lease, current?.etag ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
  const check = await store.getJson(keys.lease, Lease);
  if (!written || check?.value.owner !== owner) {
    throw new LeaseHeld(check?.value.owner ?? 'unknown', check?.value.expiresAt ?? lease.expiresAt);
  }
  return {
    async release() {
      const held = await store.getJson(keys.lease, Lease);
      if (held?.value.owner === owner) await store.delete(keys.lease);
    },
  };
}
