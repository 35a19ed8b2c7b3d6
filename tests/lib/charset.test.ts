import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decodeBody, decodeBytes } from '../../functions/lib/charset.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** An encoder for a single-byte charset, made by inverting Node's decoder (Node only encodes UTF-8). */
function singleByte(label: string): (text: string) => Uint8Array {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return (text) => Uint8Array.from(text, (char) => table.get(char) ?? 0x3f);
}
const cp1251 = singleByte('windows-1251');
const koi8r = singleByte('koi8-r');

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('decodeBody', () => {
  it('decodes with the charset of the Content-Type header', () => {
    expect(decodeBody(cp1251('Астана'), 'text/html; charset=windows-1251')).toBe('Астана');
    expect(decodeBody(cp1251('Астана'), 'text/html; charset="cp1251"')).toBe('Астана');
    expect(decodeBody(Uint8Array.of(0xd6, 0xd0, 0xb9, 0xfa), 'text/plain; charset=GBK')).toBe('中国');
  });

  it('prefers the header over a meta declaration', () => {
    const page = concat(utf8('<meta charset="windows-1251">'), koi8r('Астана'));
    expect(decodeBody(page, 'text/html; charset=koi8-r')).toBe('<meta charset="windows-1251">Астана');
  });

  it('lets the page\'s own charset win over a header\'s ISO-8859-1 (a server\'s default), and says so', () => {
    const page = concat(utf8('<meta charset="windows-1251">'), cp1251('Астана'));
    expect(decodeBytes(page, 'text/html; charset=ISO-8859-1')).toEqual({
      text: '<meta charset="windows-1251">Астана', charset: 'windows-1251', fallback: "windows-1251: the header's windows-1252 overruled by the page's own windows-1251",
    });
    expect(decodeBody(concat(utf8('<p>'), cp1251('Астана')), 'text/html; charset=ISO-8859-1')).toBe(`<p>${new TextDecoder('windows-1252').decode(cp1251('Астана'))}`);
  });

  it('guesses KOI8-R over windows-1251 for undeclared Russian text that reads as lower case in it', () => {
    expect(decodeBytes(koi8r('Токаев и Мирзиёев обсудили рост товарооборота'))).toMatchObject({ text: 'Токаев и Мирзиёев обсудили рост товарооборота', charset: 'koi8-r' });
    expect(decodeBytes(cp1251('Токаев и Мирзиёев обсудили рост товарооборота'))).toMatchObject({ text: 'Токаев и Мирзиёев обсудили рост товарооборота', charset: 'windows-1251' });
  });

  it('lets a byte order mark override the header, and strips it', () => {
    expect(decodeBody(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('Астана')), 'text/html; charset=windows-1251')).toBe('Астана');
    expect(decodeBody(Uint8Array.of(0xff, 0xfe, 0x10, 0x04), null)).toBe('А');
    expect(decodeBody(Uint8Array.of(0xfe, 0xff, 0x04, 0x10), null)).toBe('А');
  });

  it('reads <meta charset> when the header has none', () => {
    const page = concat(utf8('<html><head><meta charset="windows-1251"></head>'), cp1251('Астана'));
    expect(decodeBody(page, 'text/html')).toBe('<html><head><meta charset="windows-1251"></head>Астана');
  });

  it('reads <meta http-equiv="Content-Type"> when the header has none', () => {
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">';
    expect(decodeBody(concat(utf8(head), koi8r('Астана')))).toBe(`${head}Астана`);
  });

  it('ignores a meta declaration past the first 2 KB', () => {
    const late = concat(utf8(' '.repeat(2048)), utf8('<meta charset="koi8-r">'), cp1251('Астана'));
    expect(decodeBody(late)).toBe(`${' '.repeat(2048)}<meta charset="koi8-r">Астана`);
  });

  it('reads the encoding of the XML prolog', () => {
    const feed = concat(utf8('<?xml version="1.0" encoding="windows-1251"?><rss>'), cp1251('Астана'), utf8('</rss>'));
    expect(decodeBody(feed, 'application/rss+xml')).toBe('<?xml version="1.0" encoding="windows-1251"?><rss>Астана</rss>');
  });

  it('treats a UTF-16 claim in ASCII-readable markup as UTF-8', () => {
    expect(decodeBody(utf8('<meta charset="utf-16">Астана'))).toBe('<meta charset="utf-16">Астана');
  });

  it('skips unknown labels and goes on to the next source', () => {
    expect(decodeBody(utf8('Астана'), 'text/html; charset=x-no-such-charset')).toBe('Астана');
    expect(decodeBody(cp1251('<meta charset="bogus">Астана'), 'text/html; charset=bogus')).toBe('<meta charset="bogus">Астана');
  });

  it('uses UTF-8 when the bytes are valid UTF-8 and nothing is declared', () => {
    expect(decodeBody(utf8('Астана, 哈萨克斯坦, Qazaqstan'))).toBe('Астана, 哈萨克斯坦, Qazaqstan');
  });

  it('falls back to windows-1251 when the bytes are not valid UTF-8', () => {
    expect(decodeBody(cp1251('Казахстан и Туркменистан'), 'text/html')).toBe('Казахстан и Туркменистан');
  });

  // Without «», — or ё: in windows-1251 those are UTF-8 continuation bytes, so "В«" could pass for UTF-8.
  it('round-trips undeclared Russian text in either encoding', () => {
    const text = fc.string({ unit: fc.constantFrom(...'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВЯ 0123.,-abcXYZ'), maxLength: 200 });
    fc.assert(fc.property(text, (s) => {
      // «юя» and «яю» are FE FF and FF FE in windows-1251: the UTF-16 byte order marks, which win.
      fc.pre(!/^(юя|яю)/.test(s));
      // Mostly capitals in windows-1251 are mostly small letters in KOI8-R: prose is not written so.
      fc.pre((s.match(/[а-я]/g)?.length ?? 0) >= (s.match(/[А-Я]/g)?.length ?? 0));
      return decodeBody(utf8(s)) === s && decodeBody(cp1251(s)) === s;
    }));
  });

  it('reads bytes starting with a UTF-16 byte order mark as UTF-16, as the Encoding Standard says', () => {
    expect(decodeBody(new Uint8Array([0xfe, 0xff, 0x04, 0x10]))).toBe('А');
  });

  it('never throws, whatever the bytes and the header', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.option(fc.string()), (bytes, header) => {
      expect(typeof decodeBody(bytes, header)).toBe('string');
    }));
  });
});

describe('decodeBytes: which decodings needed a fallback', () => {
  it('says nothing of bytes that are what they declare', () => {
    expect(decodeBytes(utf8('<p>Қазақстан</p>'), 'text/html; charset=utf-8')).toEqual({ text: '<p>Қазақстан</p>', charset: 'utf-8' });
    expect(decodeBytes(cp1251('<p>Казахстан</p>'), 'text/html; charset=windows-1251')).toEqual({ text: '<p>Казахстан</p>', charset: 'windows-1251' });
  });

  it('names a declaration the bytes contradict, and the guess made instead', () => {
    expect(decodeBytes(cp1251('<p>Казахстан и Узбекистан</p>'), 'text/html; charset=utf-8').fallback).toBe('windows-1251: declared utf-8, which the bytes contradict; guessed windows-1251');
  });

  it('reads UTF-8 with two stray bytes declared windows-1251 as UTF-8, counting the bytes replaced', () => {
    const decoded = decodeBytes(concat(utf8('<p>Казахстан'), Uint8Array.of(0xff, 0xfe), utf8(' и Узбекистан</p>')), 'text/html; charset=windows-1251');
    expect(decoded.text).toBe('<p>Казахстан\uFFFD\uFFFD и Узбекистан</p>');
    expect(decoded.fallback).toBe('utf-8: declared windows-1251, which the bytes contradict; guessed utf-8; 2 invalid byte sequences replaced by U+FFFD');
  });

  it('names a windows-1251 guess when nothing is declared', () => {
    expect(decodeBytes(cp1251('<p>Казахстан</p>')).fallback).toBe('windows-1251: guessed windows-1251');
  });
});
