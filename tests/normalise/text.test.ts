import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText, looksMisdecoded } from '../../functions/process/normalise/text.ts';

describe('normaliseText', () => {
  it('composes to NFC', () => {
    expect(normaliseText('Е\u0308ргали и\u0306')).toBe('Ёргали й');
    expect(normaliseText('Qazaqstan A\u0308lem')).toBe('Qazaqstan Älem');
  });

  it('removes soft hyphens and zero-width characters without leaving a space', () => {
    expect(normaliseText('Қазақ\u00ADстан')).toBe('Қазақстан');
    expect(normaliseText('\uFEFFАстана\u200B-\u200CАшхобод\u200D\u2060')).toBe('Астана-Ашхобод');
  });

  it('removes control characters XML forbids, C1 mojibake and noncharacters', () => {
    expect(normaliseText('A\u0000B\u0007C\u001F\u007FD\u0096E\uFFFEF\uFFFF')).toBe('ABCDEF');
  });

  it('removes lone surrogates but keeps pairs', () => {
    expect(normaliseText('a\uD800b\uDC00c 😀')).toBe('abc 😀');
  });

  it('collapses every whitespace run, NBSP, narrow NBSP, tabs, newlines and NEL included, and trims', () => {
    expect(normaliseText('  АСТАНА.\u00A0KAZINFORM\u202F–\tБүгін\r\n\n  Астанада\u0085\u3000жиын.  ')).toBe('АСТАНА. KAZINFORM – Бүгін Астанада жиын.');
  });

  it('leaves clean text as it is', () => {
    expect(normaliseText('哈萨克斯坦与土库曼斯坦 5,4% ўсиш')).toBe('哈萨克斯坦与土库曼斯坦 5,4% ўсиш');
  });

  it('is idempotent and leaves no edge or doubled whitespace, on any string', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        const once = normaliseText(s);
        expect(normaliseText(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/\s\s|[\u00AD\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/u);
        expect(once).toBe(once.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('looksMisdecoded: a title that was read in the wrong charset', () => {
  it('catches UTF-8 Cyrillic read as windows-1251, Cyrillic read as Latin-1, and Cyrillic read in the other Cyrillic charset', () => {
    expect(looksMisdecoded(new TextDecoder('windows-1251').decode(new TextEncoder().encode('Казахстан и Узбекистан обсудили торговлю')))).toBe(true);
    expect(looksMisdecoded('Â Êîñòàíàéñêîé îáëàñòè óáðàíî áîëåå äâóõ òðåòåé çåðíîâûõ')).toBe(true);
    expect(looksMisdecoded('фПЛБЕЧ Й нЙТЪЙЈЕЧ ПВУХДЙМЙ ТПУФ ФПЧБТППВПТПФБ')).toBe(true);
  });

  it('leaves every language Kazinform writes in alone, abbreviations and accented names included', () => {
    for (const title of [
      'Токаев и Мирзиёев обсудили рост товарооборота',
      'В ЕАЭС и ШОС обсудили транзит: мнение эксперта',
      'ВАЖНО: КАЗАХСТАН И УЗБЕКИСТАН ПОДПИСАЛИ СОГЛАШЕНИЕ',
      'Qazaqstan men Ózbekstan saýda aınalymyn arttyrýdy kózdeıdi',
      'Président Tokaïev reçu à l’Élysée',
      'Қазақстан мен Түркіменстан ынтымақтастығы',
      'Kazakhstan, Türkiye sign deals worth $1 billion',
      '哈萨克斯坦与中国签署合作协议',
      'قازاقستان مەن قىتاي',
    ]) expect(looksMisdecoded(title), title).toBe(false);
  });
});

