import { randomUUID } from 'node:crypto';
import { PIPELINE_VERSION, resolveConfig } from '../../functions/lib/config.ts';
import { keys } from '../../functions/lib/keys.ts';
import { leaseHolder } from '../../functions/lib/lease.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { type Audit, auditStore } from '../../functions/check/audit.ts';
import { repairStore } from '../../functions/check/repair.ts';
import { publishedFeedSize } from '../../functions/publish/index.ts';
import { LEASE_TTL_MS } from '../../functions/pipeline.ts';
import { openStore } from '../open-store.ts';
import { progressLines } from '../progress.ts';
import { plural } from '../../functions/lib/plural.ts';

/** The exit status when the store is not well: problems were found (and, with --repair, remain). */
export const STORE_NOT_WELL = 1;

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
const LINE_BREAKING_ALL = new RegExp(LINE_BREAKING.source, 'gu');
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One finding, one line: a key with a control character in it (a newline put there by hand) is
 * written as a JSON string, so that a line still reads as one `key: problem`.
 */
export function findingLine(finding: { key: string; problem: string }): string {
  const key = LINE_BREAKING.test(finding.key) ? JSON.stringify(finding.key).replace(LINE_BREAKING_ALL, escaped) : finding.key;
  return `${key}: ${finding.problem.replace(LINE_BREAKING_ALL, escaped)}\n`;
}

function printFindings(audit: Audit): void {
  for (const finding of audit.findings) process.stdout.write(findingLine(finding));
}

/**
 * `kazfeed check [--repair]`: verifies the store and prints each problem on stdout as `key:
 * problem`; with --repair, rebuilds what can be rebuilt and prints what remains. Exit 0 only when
 * all is well.
 */
export async function checkCommand(flags: { repair?: boolean }): Promise<void> {
  const log = lineLogger();
  const opened = await openStore(process.env, { existing: true });
  try {
    // A run or a publish going on now writes what the audit reads: its work in progress is no damage.
    const runLease = await leaseHolder(opened.store, keys.lease);
    const running = runLease ?? (await leaseHolder(opened.store, keys.publishLease));
    // No lease is taken for longer than LEASE_TTL_MS (the run's; a publish's is shorter): one further ahead was never a run's.
    const implausible = running && Date.parse(running.expiresAt) - Date.now() > 2 * LEASE_TTL_MS
      ? `; that is further ahead than any lease is taken for (${LEASE_TTL_MS / 60_000} min at most): a clock set ahead or a hand edit? If no run is going, delete ${runLease ? keys.lease : keys.publishLease} and ${flags.repair ? 'repair' : 'check'} again`
      : '';
    if (running && flags.repair) {
      throw new Error(`another run (${running.owner}) is in progress, its lease until ${running.expiresAt}: nothing was repaired; run kazfeed check --repair again once it has ended${implausible}`);
    }
    // A deployment's bucket keeps its own feedSize: judged and repaired by that, not by this machine's default.
    const feedSize = (await publishedFeedSize(opened.store)) ?? resolveConfig().feedSize;
    const progress = (again: string) => progressLines((line) => log.info(line), (read: number, listed: number) => `checking ${opened.description}${again}: ${read} of ${plural(listed, 'object')} read`);
    let audit = await auditStore(opened.store, { feedSize, progress: progress('') });
    if (flags.repair && audit.findings.length > 0) {
      log.info(`found ${plural(audit.findings.length, 'problem')} in ${opened.description}; repairing`);
      for (const finding of audit.findings) log.info(`  ${finding.key}: ${finding.problem}`);
      audit = await repairStore(opened.store, audit, {
        feedSize, pipelineVersion: PIPELINE_VERSION, owner: `check:${randomUUID()}`, leaseTtlMs: LEASE_TTL_MS, log, progress: progress(' again, as repaired'),
      });
    }
    printFindings(audit);
    const state = audit.findings.length === 0 ? 'all is well' : `${plural(audit.findings.length, 'problem')}${flags.repair ? (audit.findings.length === 1 ? ' remains after repair' : ' remain after repair') : ' (kazfeed check --repair rebuilds what can be rebuilt)'}`;
    log.info(`checked ${plural(audit.objects, 'object')} in ${opened.description}: ${state}`);
    if (running && audit.findings.length > 0) log.warn(`another run (${running.owner}) is in progress, its lease until ${running.expiresAt}: what it has stored and not yet published shows as problems until it ends; check again then${implausible}`);
    for (const part of audit.notChecked) log.info(`not checked: ${part}`);
    if (audit.findings.length > 0) process.exitCode = STORE_NOT_WELL;
  } finally {
    await opened.close();
  }
}
