import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, Relations } from '../../schemas/article.ts';
import { classify } from '../../functions/process/classify/index.ts';

// Words from several scripts, so that random text exercises every matcher.
const words = fc.constantFrom(
  'Kazakhstan', 'and', 'Russia', 'talks', 'summit', 'SCO', 'Казахстан', 'и', 'России', 'переговоры', 'Қазақстан', 'мен',
  'Ресей', 'сапар', 'Қозоғистон', 'ва', 'Ўзбекистон', 'Qazaqstan', 'قازاقستان', '中哈', '两国', '会谈', '-', ',', '.', 'match', 'компания',
);
const text = fc.array(fc.oneof(words, fc.string()), { maxLength: 30 }).map((ws) => ws.join(' '));

describe('classify on any input', () => {
  it('returns valid relations, with a confidence in 0.5..1 and 1-3 topics', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), text, text, fc.array(text, { maxLength: 4 }), (language, title, summary, paragraphs) => {
        const r = classify({ language, title, summary, paragraphs });
        expect(() => Relations.parse(r)).not.toThrow();
        expect(r.confidence).toBeGreaterThanOrEqual(0.5);
        expect(r.topics.length).toBeGreaterThanOrEqual(1);
        expect(r.topics.length).toBeLessThanOrEqual(3);
        expect(r.signals.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), text, text, (language, title, summary) => {
        expect(classify({ language, title, summary, paragraphs: [] })).toEqual(classify({ language, title, summary, paragraphs: [] }));
      }),
      { numRuns: 100 },
    );
  });
});
