import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Which process holds a lease: enough to tell, on the same machine, that it has died. */
export interface LeaseHolder {
  /** The host name and, where the kernel has one, its boot id: Lambda sandboxes can share a host name, never a boot. */
  machine: string;
  pid: number;
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

const machine = [hostname(), bootId()].filter(Boolean).join('/');

export function thisProcess(): LeaseHolder {
  return { machine, pid: process.pid };
}

/**
 * True only when the holder is known to be gone: it ran on this machine (same boot) and no process
 * has its pid. A reused pid reads as alive, so the lease then waits for its expiry, as before.
 */
export function isGone(holder: LeaseHolder): boolean {
  if (holder.machine !== machine) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
