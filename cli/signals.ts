const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
/** A store that does not answer must not keep an interrupted command alive. */
const RELEASE_WITHIN_MS = 5_000;

const waiting = new Set<(signal: string) => void>();
let stopping = false;

async function interrupted(signal: string): Promise<void> {
  if (waiting.size > 0) {
    for (const resolve of waiting) resolve(signal);
    waiting.clear();
    return;
  }
  // A second Ctrl-C while the leases are being given up: the user wants out now.
  if (stopping) process.exit(SIGNAL_EXIT[signal]);
  stopping = true;
  process.stderr.write(`kazfeed: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; releasing the lease\n`);
  // Imported here, not at the top: `kazfeed --help` must not load the store and the AWS SDK. A
  // command holding a lease has loaded this module already, so this costs nothing then.
  const { releaseHeldLeases } = await import('../functions/lib/lease.ts');
  await Promise.race([releaseHeldLeases(), new Promise((resolve) => setTimeout(resolve, RELEASE_WITHIN_MS).unref())]);
  process.exit(SIGNAL_EXIT[signal]);
}

/**
 * Ctrl-C (SIGINT) and SIGTERM: a command waiting in untilInterrupted() closes what it opened; a
 * command at work gives up its leases and exits (130, 143), so the next command starts at once
 * instead of waiting out the lease. What it stored is as after kill -9: the next run completes it.
 */
export function handleInterrupts(): void {
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
}

/** Resolves on the next Ctrl-C (SIGINT) or SIGTERM, so a command can close what it opened. */
export function untilInterrupted(): Promise<string> {
  return new Promise((resolve) => waiting.add(resolve));
}
