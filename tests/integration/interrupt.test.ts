import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { keys } from '../../functions/lib/keys.ts';
import { kazfeed, kazfeedUntil } from '../support/cli.ts';
import { SAMPLE_SITE } from '../support/stack.ts';
import { type StallingSite, startStallingSite } from '../support/stalling-site.ts';

/** The embedded store's lease object, read after every command on the home has exited. */
async function storedLease(home: string): Promise<string | null> {
  const s3 = await connectEmbeddedS3(home);
  try {
    const object = await s3.store.get(keys.lease);
    return object ? new TextDecoder().decode(object.body) : null;
  } finally {
    await s3.stop();
  }
}

describe('a run whose holder is gone leaves no lease in the way of the next command', () => {
  let site: ReplaySite;
  let stalling: StallingSite;
  beforeAll(async () => {
    site = await startReplaySite(SAMPLE_SITE);
    stalling = await startStallingSite(site);
  });
  afterAll(async () => {
    await stalling?.close();
    await site?.close();
  });

  const runFlags = (s: { origin: string; feedUrls: string[] }) => ['run', ...s.feedUrls.flatMap((url) => ['--feed', url]), '--allow-host', new URL(s.origin).host];

  /** Starts a run that stalls on its article pages while it holds the lease. */
  function stalledRun(home: string) {
    return kazfeedUntil(runFlags(stalling), { KAZFEED_HOME: home }, /source .*rss\/rus\.xml: rss, fetched/);
  }

  /** The next run on the home completes, and gives its lease up. */
  async function nextRunCompletes(home: string): Promise<void> {
    const next = await kazfeed(runFlags(site), { KAZFEED_HOME: home });
    expect(next.stderr).toMatch(/run .*: \d+ items seen/);
    expect(next.code).toBe(0);
    expect(await storedLease(home)).toBe(null);
  }

  async function withHome(test: (home: string) => Promise<void>): Promise<void> {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-interrupt-'));
    try {
      await test(home);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} releases the lease and exits ${code}; the next run starts at once and completes`, () =>
      withHome(async (home) => {
        const run = stalledRun(home);
        await run.started;
        run.child.kill(signal);
        expect(await run.exited).toBe(code);
        expect(run.output()).toMatch(/kazfeed: (interrupted|terminated); releasing the lease\n/);
        expect(await storedLease(home)).toBe(null);
        await nextRunCompletes(home);
      }), 60_000);
  }

  it('after kill -9 the lease stays, but its holder is a dead process on this machine: the next run takes it at once', () =>
    withHome(async (home) => {
      const run = stalledRun(home);
      await run.started;
      run.child.kill('SIGKILL');
      expect(await run.exited).toBe(null);
      expect(JSON.parse((await storedLease(home)) ?? 'null')).toMatchObject({ holder: { pid: run.child.pid } });
      await nextRunCompletes(home);
    }), 60_000);

  it('a malformed lease counts as expired', () =>
    withHome(async (home) => {
      const s3 = await connectEmbeddedS3(home);
      await s3.store.put(keys.lease, '{"owner": "cut sh', { contentType: 'application/json' });
      await s3.stop();
      await nextRunCompletes(home);
    }), 60_000);

  it('a live run still holds the lease: a second run does nothing, says so in one line, and exits 0', () =>
    withHome(async (home) => {
      const run = stalledRun(home);
      await run.started;
      try {
        const second = await kazfeed(runFlags(site), { KAZFEED_HOME: home });
        expect(second.code, second.stderr).toBe(0);
        expect(second.stderr).toMatch(/^kazfeed: another run is in progress \(.+, lease until \d{4}-.+\); this one did nothing\n$/m);
      } finally {
        run.child.kill('SIGINT');
        await run.exited;
      }
    }), 60_000);
});
