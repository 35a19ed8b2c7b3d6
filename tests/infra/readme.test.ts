import { afterAll, describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../infra/config.ts';
import { cleanOutdirs, nagFindings, README, settingsFile, synth, warnings } from './support.ts';

/** The README's "Deploying" section, up to the next top-level heading. */
const DEPLOYING = README.slice(README.indexOf('## Deploying to your own AWS account')).split(/\n## /)[0] as string;

/** Code blocks of one language in the section, their text. */
function blocks(language: string): string[] {
  return [...DEPLOYING.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
}

/** A shell line split into words as sh would (single and double quotes, backslash-newline). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"((?:\\.|[^"\\])*)"|(\S+)/g)].map((m) => m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? (m[3] as string));
}

/** Shell commands of the sh blocks, continuation lines joined and comments dropped. */
const commands = blocks('sh').flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n')).map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);

/** The `-c key=value` pairs of every `cdk deploy|synth|diff` command. */
const contextExamples = commands.filter((c) => /^npx cdk (deploy|synth|diff)\b/.test(c)).map((c) => {
  const w = words(c);
  return Object.fromEntries(w.flatMap((word, i) => (word === '-c' ? [w[i + 1] as string] : [])).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
});

/** Settings files: the JSON blocks, and what `echo '...' > kazfeed.deploy.json` writes. */
const settingsExamples = [
  ...blocks('json').map((json) => JSON.parse(json) as Record<string, unknown>),
  ...commands.filter((c) => /> kazfeed\.deploy\.json$/.test(c)).map((c) => JSON.parse(words(c)[1] as string) as Record<string, unknown>),
];

describe('the README\'s deployment examples, as a user copies them', () => {
  afterAll(cleanOutdirs);

  it('are found: the first-deploy file, two settings files and the commands that pass settings', () => {
    expect(settingsExamples).toHaveLength(3);
    expect(settingsExamples[2]).toEqual({ alarmEmail: 'you@example.org' });
    expect(contextExamples.filter((c) => Object.keys(c).length > 0)).toEqual([{ stackName: 'KazfeedTest', removalPolicy: 'destroy' }]);
  });

  it('each settings file synthesizes offline, with no cdk-nag finding and no warning', () => {
    for (const values of settingsExamples) {
      const s = synth({ settingsFile: settingsFile(values) });
      expect(nagFindings(s), JSON.stringify(values)).toEqual([]);
      expect(warnings(s), JSON.stringify(values)).toEqual([]);
    }
  });

  it('each command\'s settings synthesize offline with no cdk-nag finding', () => {
    for (const context of contextExamples) expect(nagFindings(synth(context)), JSON.stringify(context)).toEqual([]);
  });

  it('the settings table lists every setting, and nothing else', () => {
    const table = DEPLOYING.slice(DEPLOYING.indexOf('| key | default | meaning |')).split('\n\n')[0] as string;
    const keys = [...table.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]);
    expect(keys).toEqual(SETTING_KEYS);
  });
});
