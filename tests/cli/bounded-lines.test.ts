import { describe, expect, it } from 'vitest';
import { boundedLines } from '../../cli/bounded-lines.ts';

async function linesOf(chunks: string[], maxBytes: number): Promise<Array<string | null>> {
  const out: Array<string | null> = [];
  async function* input() {
    for (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
  }
  for await (const line of boundedLines(input(), maxBytes)) out.push(line);
  return out;
}

describe('boundedLines: the lines of a stream, each at most so many bytes', () => {
  it('splits at \\n across chunks, drops the \\r of \\r\\n, keeps blank lines and a last line without \\n', async () => {
    expect(await linesOf(['one\r\ntw', 'o\n\nthr', 'ee'], 100)).toEqual(['one', 'two', '', 'three']);
  });

  it('puts null in the place of a longer line, and goes on with the next ones', async () => {
    expect(await linesOf(['short\n', 'x'.repeat(6), 'x'.repeat(6), '\nok\n', 'y'.repeat(20)], 10)).toEqual(['short', null, 'ok', null]);
  });

  it('decodes a character split between chunks, and counts bytes, not characters', async () => {
    const bytes = Buffer.from('Қазақстан\n', 'utf8');
    async function* input() {
      yield bytes.subarray(0, 1);
      yield bytes.subarray(1);
    }
    const out: Array<string | null> = [];
    for await (const line of boundedLines(input(), 18)) out.push(line);
    expect(out).toEqual(['Қазақстан']);
    expect(await linesOf(['Қазақстан\n'], 17)).toEqual([null]);
  });

  it('yields nothing for an empty stream, and one line for a lone \\n', async () => {
    expect(await linesOf([], 10)).toEqual([]);
    expect(await linesOf(['\n'], 10)).toEqual(['']);
  });
});
