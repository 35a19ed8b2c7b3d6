import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../schemas/article.ts';
import { detectLanguage, normaliseLanguageTag } from '../../functions/process/normalise/language.ts';

describe('detectLanguage: by script, then by letters and words of one language', () => {
  it.each([
    ['ru', 'Президент Казахстана провёл переговоры с лидером Туркменистана в Астане.'],
    ['ru', 'Фонд «Самұрық-Қазына» и правительство подписали соглашение о развитии транзита.'],
    ['kk-Cyrl', 'Қазақстан мен Түрікменстан арасындағы сауда көлемі өсті.'],
    ['kk-Cyrl', 'АСТАНА. KAZINFORM — Мемлекет басшысы Түрікменстан Президентімен кездесті.'],
    ['uz-Cyrl', 'Қозоғистон ва Туркманистон ўртасидаги савдо ҳажми ошди.'],
    ['uz-Cyrl', 'ASTANA. Kazinform - Туркманистон Президенти бугун Астанага келади.'],
    ['en', 'The presidents of Kazakhstan and Turkmenistan met in Astana on Monday.'],
    ['kk-Latn', 'Qazaqstan men Túrikmenstan arasyndaǵy saýda kólemi ósti.'],
    ['kk-Latn', 'Qazaqstan men Türıkmenstan arasyndağy sauda kölemı östı.'],
    ['uz-Latn', 'Qozogʻiston va Turkmaniston oʻrtasidagi savdo hajmi oshdi.'],
    ['uz-Latn', "Qozog'iston va Turkmaniston o'rtasidagi savdo hajmi oshdi."],
    ['kk-Arab', 'استانا. KAZINFORM - قازاقستان مەن تۇرىكمەنستان اراسىنداعى ساۋدا ءوستى.'],
    ['zh-Hans', '哈通社/阿斯塔纳/8月14日 -- 哈萨克斯坦与土库曼斯坦两国贸易额增长5.4%。'],
    ['zh-Hans', 'KAZINFORM 托卡耶夫总统会见 Serdar Berdimuhamedov。'],
  ] as const)('%s: %s', (expected, text) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('lets the script overrule the feed it came from', () => {
    expect(detectLanguage('Қозоғистон ва Туркманистон ўртасидаги савдо ҳажми ошди.', 'ru')).toBe('uz-Cyrl');
    expect(detectLanguage('The presidents met in Astana.', 'kk')).toBe('en');
    expect(detectLanguage('哈萨克斯坦与土库曼斯坦', 'ru')).toBe('zh-Hans');
  });

  it('uses the hint to break a tie within the script only', () => {
    expect(detectLanguage('Астана')).toBe('ru');
    expect(detectLanguage('Астана', 'kk')).toBe('kk-Cyrl');
    expect(detectLanguage('Астана', 'uz-Cyrl')).toBe('uz-Cyrl');
    expect(detectLanguage('Астана', 'zh')).toBe('ru');
    expect(detectLanguage('Astana')).toBe('en');
    expect(detectLanguage('Astana', 'kk')).toBe('kk-Latn');
    expect(detectLanguage('Astana', 'uz')).toBe('uz-Latn');
  });

  it('falls back to the hint, else English, when the text has no letters', () => {
    expect(detectLanguage('2025 — 5,4%')).toBe('en');
    expect(detectLanguage('', 'kk')).toBe('kk-Cyrl');
    expect(detectLanguage('12:30', 'zh')).toBe('zh-Hans');
  });

  it('reads only the first few thousand characters', () => {
    const english = 'The delegations of the two states met in Astana. '.repeat(100);
    const russian = ' Делегации двух государств встретились в Астане и обсудили торговлю.'.repeat(2000);
    expect(detectLanguage(english + russian)).toBe('en');
  });
});

describe('normaliseLanguageTag', () => {
  it.each([
    ['kk', 'kk-Cyrl'], ['KK', 'kk-Cyrl'], ['kk-cyrl', 'kk-Cyrl'], ['kk-latn', 'kk-Latn'], ['kk_Arab', 'kk-Arab'],
    ['kk-KZ', 'kk-Cyrl'], ['kaz', 'kk-Cyrl'], ['uz', 'uz-Cyrl'], ['uz-Latn', 'uz-Latn'], ['uz-Cyrl-UZ', 'uz-Cyrl'],
    ['zh', 'zh-Hans'], ['zh-CN', 'zh-Hans'], ['zh-hans', 'zh-Hans'], ['ru', 'ru'], ['ru-RU', 'ru'], ['en-US', 'en'], [' en ', 'en'],
  ] as const)('%s → %s', (tag, expected) => {
    expect(normaliseLanguageTag(tag)).toBe(expected);
  });

  it('maps every stored tag, in any case, to itself', () => {
    for (const tag of LANGUAGES) {
      expect(normaliseLanguageTag(tag)).toBe(tag);
      expect(normaliseLanguageTag(tag.toLowerCase())).toBe(tag);
      expect(normaliseLanguageTag(tag.toUpperCase())).toBe(tag);
    }
  });

  it('refuses languages and scripts Kazinform does not publish in', () => {
    for (const tag of ['zh-Hant', 'de', 'ru-Latn', 'en-Cyrl', '', 'kazinform', 'kk--Cyrl']) {
      expect(normaliseLanguageTag(tag)).toBeNull();
    }
  });
});
