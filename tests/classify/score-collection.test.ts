import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const EVAL = fileURLToPath(new URL('../eval/classify.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kazfeed-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const article = (id: string, title: string, text: string, pair: string | null) => ({
  id,
  url: `https://en.inform.kz/news/${id}`,
  language: 'en',
  title,
  text,
  label: { bilateral: pair !== null, countries: pair ? pair.split('-') : [], pair, kazakhstanInvolved: pair?.includes('KZ') ?? false, topics: ['diplomacy'] },
  note: 'written for this test',
});

const talks = 'ASTANA. KAZINFORM President Kassym-Jomart Tokayev held talks with President of Uzbekistan Shavkat Mirziyoyev. The two leaders discussed Kazakh-Uzbek trade turnover and signed a joint statement on strategic partnership.';
const match = 'ASTANA. KAZINFORM The national football team lost 0:2 to Wales in a World Cup qualifier at the Astana Arena.';

function score(lines: string): ReturnType<typeof spawnSync> {
  const file = join(dir, `${Math.random().toString(16).slice(2)}.jsonl`);
  writeFileSync(file, lines);
  return spawnSync(process.execPath, [EVAL, '--score', file], { encoding: 'utf8' });
}

describe('npm run eval:classify -- --score FILE: one labelled collection scored on arrival', () => {
  it('prints F1, right pairs, false bilateral calls and missed ones per language, naming no article', () => {
    const lines = [
      article('t1', 'Tokayev and Mirziyoyev hold talks', talks, 'KZ-UZ'),
      article('t2', 'Kazakhstan lose to Wales', match, null),
      // The same talks labelled not bilateral: the classifier's call on it counts as a false one.
      article('t3', 'Tokayev and Mirziyoyev hold talks', talks, null),
    ].map((a) => JSON.stringify(a)).join('\n');
    const out = score(`${lines}\n`);
    expect(out.status).toBe(0);
    expect(String(out.stdout).split('\n').filter(Boolean)).toEqual([
      'language  n     F1   pair  false bilateral  missed',
      '      en  3  0.667  1.000                1       0',
      ' overall  3  0.667  1.000                1       0',
    ]);
    expect(String(out.stdout)).not.toMatch(/\bt[123]\b/);
  });

  it('refuses a file it cannot read in one line, exit 1', () => {
    const out = score('{"id": "x", broken\n');
    expect(out.status).toBe(1);
    expect(String(out.stderr).trim().split('\n')).toHaveLength(1);
    expect(String(out.stderr)).toMatch(/^eval:classify: cannot read .*\.jsonl: /);
  });
});
