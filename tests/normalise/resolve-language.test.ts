import { describe, expect, it } from 'vitest';
import { resolveLanguage } from '../../functions/process/normalise/language.ts';

describe('resolveLanguage', () => {
  it.each([
    ['Kazakhstan and Uzbekistan held talks in Tashkent.', 'en'],
    ['Казахстан и Узбекистан провели переговоры в Ташкенте.', 'ru'],
    ['Қазақстан мен Өзбекстан Ташкентте келіссөз жүргізді.', 'kk-Cyrl'],
    ['Qazaqstan men Ózbekstan Tashkentte kelissóz júrgizdi.', 'kk-Latn'],
    ['قازاقستان مەن وزبەكستان تاشكەنتتە كەلىسسوز جۇرگىزدى.', 'kk-Arab'],
    ['Қозоғистон ва Ўзбекистон Тошкентда музокаралар ўтказди.', 'uz-Cyrl'],
    ["Qozogʻiston va Oʻzbekiston Toshkentda muzokaralar oʻtkazdi.", 'uz-Latn'],
    ['哈萨克斯坦与乌兹别克斯坦在塔什干举行会谈。', 'zh-Hans'],
  ])('%s → %s', (text, language) => {
    expect(resolveLanguage(text)).toBe(language);
  });

  it('keeps a stored tag and lets a short tag choose the script', () => {
    expect(resolveLanguage('anything', 'kk-Latn')).toBe('kk-Latn');
    expect(resolveLanguage('Қазақстан', 'kk')).toBe('kk-Cyrl');
    expect(resolveLanguage('قازاقستان', 'kk')).toBe('kk-Arab');
    expect(resolveLanguage('Qozogʻiston', 'uz')).toBe('uz-Latn');
    expect(resolveLanguage('中国', 'zh')).toBe('zh-Hans');
  });

  it("does not take an English text with a stray apostrophe for Uzbek", () => {
    expect(resolveLanguage("O'Brien met Kazakhstan's ambassador in Côte d'Ivoire.")).toBe('en');
  });
});
