import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readSettingsFile, SettingsError, settingsFileContext } from '../../infra/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'kazfeed-settings-'));
function file(text: string): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, text);
  return path;
}

describe('the settings file and context settingsFile, parsed with zod', () => {
  it('reads an object of known keys as it is', () => {
    const path = file('{ "feedSize": 40, "alarmEmail": "ops@example.org" }');
    expect(readSettingsFile(path, 'f.json', true)).toEqual({ name: 'f.json', values: { feedSize: 40, alarmEmail: 'ops@example.org' } });
  });

  it.each([
    ['an array', '[1, 2]', 'f.json: expected a JSON object of settings'],
    ['null', 'null', 'f.json: expected a JSON object of settings'],
    ['a string', '"feedSize=40"', 'f.json: expected a JSON object of settings'],
    ['a misspelt key', '{ "alarmEmial": "ops@example.org" }', /^f\.json: unknown setting "alarmEmial" \(known: stackName, feeds, /],
  ])('refuses %s with one line naming the file', (_what, text, message) => {
    expect(() => readSettingsFile(file(text), 'f.json', true)).toThrow(message);
    expect(() => readSettingsFile(file(text), 'f.json', true)).toThrow(SettingsError);
  });

  it('takes context settingsFile as a trimmed path, and refuses one that is not a path', () => {
    expect(settingsFileContext(new App({ context: { settingsFile: ' prod.json ' } }).node)).toBe('prod.json');
    expect(settingsFileContext(new App().node)).toBeUndefined();
    expect(() => settingsFileContext(new App({ context: { settingsFile: 42 } }).node)).toThrow('context "settingsFile": expected the path of a settings file');
  });
});
