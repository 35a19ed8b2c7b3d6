import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../functions/ingest/xml.ts';
import { DeadlineReached } from '../../functions/lib/deadline.ts';
import { FetchError, KazfeedError, ProcessingError } from '../../functions/lib/errors.ts';
import { DEFAULT_HTTP_OPTIONS } from '../../functions/lib/http.ts';
import { DEFAULT_CONFIG } from '../../functions/lib/config.ts';
import { LambdaEnvError } from '../../functions/lib/lambda-env.ts';
import { LeaseHeld } from '../../functions/lib/lease.ts';
import { BlockedAddressError } from '../../functions/lib/net-guard.ts';
import { StoreError, UnreadableObject } from '../../functions/lib/store.ts';
import { SettingsError } from '../../infra/config.ts';
import { REPO_ROOT } from '../support/stack.ts';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

describe('one error base class', () => {
  it('is what every error class of the pipeline extends', () => {
    for (const type of [FetchError, ProcessingError, StoreError, UnreadableObject, LeaseHeld, FeedParseError, DeadlineReached, LambdaEnvError, BlockedAddressError, SettingsError]) {
      expect(type.prototype, type.name).toBeInstanceOf(KazfeedError);
    }
  });

  it('is the only class in functions/, cli/ and infra/ that extends Error directly', async () => {
    const direct: string[] = [];
    for (const dir of ['functions', 'cli', 'infra']) {
      for (const file of await sources(dir)) {
        for (const m of (await readFile(file, 'utf8')).matchAll(/class (\w+) extends Error\b/g)) direct.push(`${relative(REPO_ROOT, file)}: ${m[1]}`);
      }
    }
    expect(direct).toEqual(['functions/lib/errors.ts: KazfeedError']);
  });
});

describe('one set of HTTP defaults', () => {
  it('is the pipeline configuration\'s: the client has the same User-Agent, timeouts, size cap and retries', () => {
    expect(DEFAULT_HTTP_OPTIONS).toMatchObject({
      userAgent: DEFAULT_CONFIG.userAgent, headersTimeoutMs: DEFAULT_CONFIG.headersTimeoutMs, bodyTimeoutMs: DEFAULT_CONFIG.bodyTimeoutMs,
      maxBytes: DEFAULT_CONFIG.maxPageBytes, retries: DEFAULT_CONFIG.retries,
    });
  });
});
