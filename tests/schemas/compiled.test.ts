import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Article } from '../../schemas/article.ts';
import { compile } from '../../schemas/zod.ts';
import { testArticle, turnoverFigure } from '../support/articles.ts';

/** What a parse says: the verdict, the data and every issue (messages and paths included). */
const verdict = (r: { success: boolean; data?: unknown; error?: { issues: unknown[] } }) => ({ success: r.success, data: r.data, issues: r.error?.issues });

/** The article with the value at one path (object keys and array indices) replaced, or the key removed. */
function replaced(value: unknown, path: readonly number[], by: unknown, remove: boolean): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return by;
  const entries = Object.entries(value as object);
  if (entries.length === 0) return by;
  const [key, inner] = entries[(path[0] as number) % entries.length] as [string, unknown];
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as object) };
  if (remove && path.length === 1 && !Array.isArray(value)) delete copy[key];
  else copy[key] = replaced(inner, path.slice(1), by, remove);
  return copy;
}

describe('the compiled article schema (functions/process/article.ts validates with it)', () => {
  const compiled = compile(Article);
  const bilateral = testArticle('a1', '2025-11-24T09:05:00.000Z', { pair: 'KZ-TM', figures: [turnoverFigure(5.4e8, '540 млн долларов', '2024', 1)] });

  it('is compiled (not the runtime parser handed back)', () => {
    expect(compiled).not.toBe(Article);
  });

  it('gives the same verdict, data and issues as the schema, on valid and broken articles', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 5 }), fc.oneof(fc.anything(), fc.constantFrom('', 'KZ', 'kz', 'not a url', '2025-01-01T00:00:00+05:00', -1, 1.5, Infinity, null)), fc.boolean(), (path, by, remove) => {
        const input = replaced(bilateral, path, by, remove);
        expect(verdict(compiled.safeParse(structuredClone(input)))).toEqual(verdict(Article.safeParse(structuredClone(input))));
      }),
      { numRuns: 2000 },
    );
    expect(verdict(compiled.safeParse(bilateral))).toEqual(verdict(Article.safeParse(bilateral)));
  });
});
