import { describe, expect, it } from 'vitest';
import { englishKey, russianKey, turkicSkeleton } from '../../functions/process/classify/fold.ts';

describe('turkicSkeleton: one key for every script of a Kazakh or Uzbek word', () => {
  it.each([
    ['Kazakh Cyrillic', 'Қазақстан', 'qazaqstan'],
    ['Kazakh Latin (2018)', 'Qazaqstan', 'qazaqstan'],
    ['Kazakh Arabic script', 'قازاقستان', 'qazaqstan'],
    ['Kazakh Cyrillic, front vowels', 'Түрікменстан', 'turikmenstan'],
    ['Kazakh Latin, acute accents', 'Túrikmenstan', 'turikmenstan'],
    ['Kazakh Latin (2021), umlauts', 'Türikmenstan', 'turikmenstan'],
    ['Kazakh Arabic, hamza of front words', 'ءتۇرىكمەنستان', 'turikmenstan'],
    ['Kazakh Latin ý for у', 'Máskeý', 'maskeu'],
    ['Kazakh Arabic ۋ for у', 'ماسكەۋ', 'maskeu'],
    ['Uzbek Cyrillic ў and ғ', 'Қозоғистон', 'qozoghiston'],
    ['Uzbek Latin with the turned comma', 'Qozogʻiston', 'qozoghiston'],
    ['Uzbek Latin with a plain apostrophe', "Qozog'iston", 'qozoghiston'],
    ['Uzbek Latin oʻ', 'Oʻzbekiston', 'ozbekiston'],
    ['Uzbek Cyrillic я', 'Россия', 'rosa'],
    ['Uzbek Latin ya', 'Rossiya', 'rosa'],
    ['Kazakh Latin ıa for ия', 'Italııa', 'itala'],
  ])('%s: %s → %s', (_, word, key) => {
    expect(turkicSkeleton(word)).toBe(key);
  });

  it('keeps қ apart from к, so «қатар» (a row) is not Qatar', () => {
    expect(turkicSkeleton('қатар')).toBe('qatar');
    expect(turkicSkeleton('Катар')).toBe('katar');
    expect(turkicSkeleton('قاتار')).toBe('qatar');
  });
});

describe('russianKey and englishKey', () => {
  it('folds case and ё', () => {
    expect(russianKey('Объединённых')).toBe('объединенных');
  });
  it('folds case and diacritics', () => {
    expect(englishKey('Türkiye')).toBe('turkiye');
    expect(englishKey('Côte')).toBe('cote');
  });
});
