import { describe, expect, it } from 'vitest';
import { findingLine } from '../../cli/commands/check.ts';

describe('a check finding as the line it prints', () => {
  it('is key: problem, as stored', () => {
    expect(findingLine({ key: 'articles/2025/11/20/en-3e7a19.json', problem: 'unreadable: not JSON' })).toBe('articles/2025/11/20/en-3e7a19.json: unreadable: not JSON\n');
  });

  it('writes a key with a newline or another control character as a JSON string, and escapes them in the problem, so it stays one line', () => {
    expect(findingLine({ key: 'articles/2025/11/20/a\nb.json', problem: 'holds article a\nb, whose key is x' })).toBe('"articles/2025/11/20/a\\nb.json": holds article a\\u000ab, whose key is x\n');
    expect(findingLine({ key: 'raw/x\u0007.html.gz', problem: 'missing' })).toBe('"raw/x\\u0007.html.gz": missing\n');
    expect(findingLine({ key: 'raw/x\u0085y\u2028.html.gz', problem: 'missing' })).toBe('"raw/x\\u0085y\\u2028.html.gz": missing\n');
  });
});
