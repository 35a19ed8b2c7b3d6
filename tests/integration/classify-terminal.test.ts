import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/stack.ts';

const hint = 'kazfeed classify: reading JSON lines from the terminal, one {"id", "title", "text"} a line, until Ctrl-D; usually: kazfeed classify < in.jsonl > out.jsonl';

// util-linux's script(1) gives the command a pseudo-terminal, as a person typing would.
describe.skipIf(!existsSync('/usr/bin/script'))('kazfeed classify on a terminal', () => {
  it('says what it is waiting for, then answers the lines typed', () => {
    const command = `${process.execPath} ${join(REPO_ROOT, 'cli/kazfeed.ts')} classify`;
    const typed = `${JSON.stringify({ id: 1, title: 'Kazakhstan and Japan hold talks', text: 'Astana and Tokyo agreed.' })}\n\u0004`;
    const out = spawnSync('/usr/bin/script', ['-qfec', command, '/dev/null'], { input: typed, encoding: 'utf8', cwd: REPO_ROOT, timeout: 30_000 });
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.split(/\r?\n/);
    expect(lines).toContain(hint);
    expect(lines.filter((line) => line.startsWith('{"id":1,"kind"'))).toEqual(['{"id":1,"kind":"bilateral","bilateral":true,"countries":["JP","KZ"],"pair":"JP-KZ","kazakhstanInvolved":true,"confidence":0.97,"topics":["diplomacy"]}']);
  });
});
