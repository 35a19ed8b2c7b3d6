import { describe, expect, it } from 'vitest';
import { FigureMetric } from '../../schemas/article.ts';
import { loadLabelledFigures, scoreParagraph, setOf, splitLabelledFigures, totals } from './labelled.ts';

/**
 * Ratchet at the level reached on the frozen test part of the labelled figures, which the rules
 * were never adjusted on (see `npm run eval:figures`); the goal (≥ 0.95) is measured there.
 */
const RATCHET = {
  /** The first set (`<lang>.jsonl`) and the second (`<lang>-b.jsonl`), each with its own frozen test part. */
  a: { precision: 0.972, recall: 0.972 },
  b: { precision: 1, recall: 1 },
  /** The fourth set (`<lang>-h.jsonl`), written blind to the rules, all of it held out. */
  h: { precision: 0.953, recall: 0.953 },
};

/**
 * Targets, plans and forecasts (`planned`), labelled blind in the first, second and fourth sets: no
 * reported figure is said planned (a wrong flag takes a reported value out of the series), and the
 * planned ones found. The recall floors are the rule's once a review had taken out the words that
 * misfire on reported sentences outside these sets (tests/normalise/figure-meaning.test.ts); the
 * first rule's, with them, were 0.5 and 0.788.
 */
const PLANNED_RATCHET = {
  a: { precision: 1, recall: 1 },
  b: { precision: 1, recall: 0.416 },
  h: { precision: 1, recall: 0.757 },
};

describe('what stated figures measure and for when, on labelled paragraphs', () => {
  const all = loadLabelledFigures();

  it('has labels of the documented form, each figure written as it stands in its paragraph', () => {
    expect(all.length).toBeGreaterThanOrEqual(968);
    expect(all.reduce((n, p) => n + p.figures.length, 0)).toBeGreaterThanOrEqual(2541);
    for (const p of all) {
      for (const f of p.figures) {
        expect(p.text.includes(f.raw), `${p.id}: ${f.raw}`).toBe(true);
        expect(FigureMetric.safeParse(f.metric).success, `${p.id}: ${f.metric}`).toBe(true);
      }
    }
  });

  it('tells the set a paragraph was written in by its id', () => {
    expect(['en-07', 'kk-Arab-b03', 'kk-Latn-t12', 'uz-Cyrl-h04', 'zh-b10', 'ru-u02'].map(setOf)).toEqual(['a', 'b', 't', 'h', 'b', 'u']);
  });

  it('holds its level on the frozen test part of each set', () => {
    const { tune, test } = splitLabelledFigures(all);
    // The third and fifth sets were written to adjust the rules on: never held out. The fourth
    // was written by a hand that never saw the rules: never tuned on.
    expect(test.filter((p) => setOf(p.id) === 't' || setOf(p.id) === 'u')).toEqual([]);
    expect(tune.filter((p) => setOf(p.id) === 'h')).toEqual([]);
    for (const [set, level] of Object.entries(RATCHET)) {
      const t = totals(test.filter((p) => setOf(p.id) === set).map(scoreParagraph));
      expect(t.precision, set).toBeGreaterThanOrEqual(level.precision);
      expect(t.recall, set).toBeGreaterThanOrEqual(level.recall);
    }
  });

  it('holds its level at telling a target, plan or forecast from a reported figure, on the frozen test part of each labelled set', () => {
    const { test } = splitLabelledFigures(all);
    for (const [set, level] of Object.entries(PLANNED_RATCHET)) {
      const p = totals(test.filter((x) => setOf(x.id) === set).map(scoreParagraph)).planned;
      expect(p.labelled, set).toBeGreaterThan(0);
      expect(p.right / (p.right + p.wrong), set).toBeGreaterThanOrEqual(level.precision);
      expect(p.right / (p.right + p.missed), set).toBeGreaterThanOrEqual(level.recall);
    }
  });
});
