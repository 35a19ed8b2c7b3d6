import { describe, expect, it } from 'vitest';
import { foldOf, partOf, split, splitPinned } from './split.ts';

const sample = (language: string, bilateral: boolean, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${language}-${bilateral ? 'b' : 'n'}${i}`, language, label: { bilateral } }));

describe('the frozen split', () => {
  const articles = [...sample('en', true, 12), ...sample('en', false, 9), ...sample('zh', true, 4), ...sample('ru', false, 1)];

  it('holds out about a third of every language and label', () => {
    const { tune, test } = split(articles);
    const count = (xs: typeof articles, language: string, bilateral: boolean) => xs.filter((a) => a.language === language && a.label.bilateral === bilateral).length;
    expect([count(test, 'en', true), count(test, 'en', false), count(test, 'zh', true), count(test, 'ru', false)]).toEqual([4, 3, 1, 0]);
    expect(tune.length + test.length).toBe(articles.length);
    expect(new Set([...tune, ...test].map((a) => a.id)).size).toBe(articles.length);
  });

  it('depends on the ids alone, not on their order', () => {
    const reversed = partOf([...articles].reverse());
    for (const [id, part] of partOf(articles)) expect(reversed.get(id)).toBe(part);
  });

  it('keeps pinned articles in their part when articles are added, splitting only the new ones', () => {
    const before = partOf(articles);
    const added = sample('en', true, 6).map((a) => ({ ...a, id: `${a.id}-added` }));
    const { tune, test } = splitPinned([...articles, ...added], before);
    for (const a of articles) expect(test.includes(a) ? 'test' : 'tune', a.id).toBe(before.get(a.id));
    expect(added.filter((a) => test.includes(a)).length).toBe(2);
    expect(tune.length + test.length).toBe(articles.length + added.length);
  });

  it('puts every unpinned article in the tune part when asked to, keeping the pinned ones where they were', () => {
    const before = partOf(articles);
    const added = sample('en', false, 6).map((a) => ({ ...a, id: `${a.id}-blind` }));
    const { tune, test } = splitPinned([...articles, ...added], before, 'tune');
    expect(test.map((a) => a.id)).toEqual(articles.filter((a) => before.get(a.id) === 'test').map((a) => a.id));
    expect(added.every((a) => tune.includes(a))).toBe(true);
  });

  it('sets every unpinned article aside in the held-out part when asked to, out of tune and test alike', () => {
    const before = partOf(articles);
    const added = sample('zh', true, 3).map((a) => ({ ...a, id: `${a.id}-set-aside` }));
    const { tune, test, heldout } = splitPinned([...articles, ...added], before, 'heldout');
    expect(heldout).toEqual(added);
    expect([...tune, ...test].length).toBe(articles.length);
    expect(splitPinned([...articles, ...added], new Map([...before, ...added.map((a) => [a.id, 'heldout'] as const)])).heldout).toEqual(added);
  });

  it('puts every article in one of k folds of nearly equal size', () => {
    const folds = foldOf(articles, 5);
    const sizes = [0, 1, 2, 3, 4].map((k) => [...folds.values()].filter((f) => f === k).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(articles.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('reshuffles the folds with another seed, keeping them stratified and even', () => {
    const folds = foldOf(articles, 5, 1);
    expect([...folds]).not.toEqual([...foldOf(articles, 5)]);
    expect(foldOf(articles, 5, 1)).toEqual(folds);
    const sizes = [0, 1, 2, 3, 4].map((k) => [...folds.values()].filter((f) => f === k).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const enBilateral = articles.filter((a) => a.language === 'en' && a.label.bilateral).map((a) => folds.get(a.id));
    expect([0, 1, 2, 3, 4].map((k) => enBilateral.filter((f) => f === k).length).sort()).toEqual([2, 2, 2, 3, 3]);
  });
});
