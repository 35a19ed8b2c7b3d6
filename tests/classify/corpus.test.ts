import { describe, expect, it } from 'vitest';
import { classify } from '../../functions/process/classify/index.ts';
import { resolveLanguage } from '../../functions/process/normalise/language.ts';
import { CORPUS_FILE, classifyAll, corpusAvailable, figures, loadCorpus, misclassified } from './corpus.ts';

const available = corpusAvailable();

describe('the shared labelled Kazinform sample', () => {
  it.skipIf(!available)(`bilateral F1 and pair accuracy reach 0.95, overall and in every language${available ? '' : ` (skipped: no corpus at ${CORPUS_FILE})`}`, () => {
    const outcomes = classifyAll(loadCorpus(), classify);
    const wrong = misclassified(outcomes).map((o) => `${o.article.id}: ${o.relations.kind} ${o.relations.pair ?? ''}`);
    const overall = figures(outcomes);
    expect(overall.f1, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(overall.pairAccuracy, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    for (const language of new Set(outcomes.map((o) => o.article.language))) {
      const f = figures(outcomes.filter((o) => o.article.language === language));
      expect(f.f1, `${language}\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(0.95);
      expect(f.pairAccuracy, `${language}\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it.skipIf(!available)(`every article's language is told by its script alone${available ? '' : ' (skipped: no corpus)'}`, () => {
    const stored: Record<string, string> = { kk: 'kk-Cyrl', zh: 'zh-Hans' };
    for (const a of loadCorpus()) expect(resolveLanguage(`${a.title}\n${a.text}`), a.id).toBe(stored[a.language] ?? a.language);
  });
});
