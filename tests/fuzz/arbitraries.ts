/** fast-check arbitraries for hostile text, shared by the fuzz tests. */
import fc from 'fast-check';

/** Snippets that break naive escaping, XML, HTML or JSON. */
export const HOSTILE_SNIPPETS = [
  ']]>', '<![CDATA[', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>',
  '&', '&amp;', '&lt;', '&#0;', '&#x1F;', '&nbsp;', '&bogus;', '<', '>', '"', "'", '</title>', '</item>', '<?xml?>', '<!--', '-->',
  '\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\u007F', '\u0085', '\u00A0', '\u200B', '\uFEFF', '\uFFFE', '\uFFFF',
  '\uD800', '\uDFFF', '😀', '\r\n', '\r', '\n', '\t', '  ', 'Қазақстан', '哈萨克斯坦', 'استانا', 'data:text/html,<script>x</script>',
];

/** A character of any 16-bit code unit: lone surrogates and controls included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Text made of hostile snippets, arbitrary code points and arbitrary code units. */
export const hostileText = (maxLength = 12): fc.Arbitrary<string> =>
  fc.array(fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SNIPPETS) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 1, arbitrary: anyCodeUnit },
    { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  ), { maxLength }).map((parts) => parts.join(''));

/** Tag soup: HTML-like fragments with hostile elements, attributes and URLs. */
export const tagSoup = (maxLength = 25): fc.Arbitrary<string> => {
  const tag = fc.constantFrom('p', 'a', 'img', 'script', 'style', 'iframe', 'svg', 'math', 'div', 'span', 'h2', 'strong', 'object', 'embed', 'form', 'input', 'meta', 'base', 'link', 'template', 'noscript', 'textarea', 'title', 'xmp', 'plaintext', 'SCRIPT', 'ScRiPt');
  const attribute = fc.tuple(
    fc.constantFrom('href', 'src', 'onclick', 'onerror', 'style', 'class', 'srcset', 'xlink:href', 'formaction', 'data', 'ON', 'OnLoad'),
    fc.constantFrom('javascript:alert(1)', ' javascript:x', 'JaVaScRiPt:x', '&#106;avascript:x', 'java\tscript:x', 'data:text/html,x', 'vbscript:x', '//evil.example/', '/relative', 'https://www.inform.kz/x', 'http://www.inform.kz/y', 'x" onerror="alert(1)', "'", ''),
  ).map(([name, value]) => ` ${name}="${value}"`);
  const open = fc.tuple(tag, fc.array(attribute, { maxLength: 3 }), fc.constantFrom('>', '/>', ' >', '')).map(([t, attrs, end]) => `<${t}${attrs.join('')}${end}`);
  const close = tag.map((t) => `</${t}>`);
  return fc.array(fc.oneof(open, close, hostileText(3), fc.constantFrom('<!-- x -->', '<!--', '<![CDATA[x]]>', '<!DOCTYPE html>', '<?php ?>', '&lt;script&gt;')), { maxLength }).map((parts) => parts.join(''));
};

/** Strings in URL places: malformed ones (`http://[::1` makes `new URL` throw), hostile schemes, huge ones, real ones. */
export const urlish = (): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom('http://[::1', 'http://[x', 'https://[', 'http://', 'https://', '//', '///', 'http://a b', 'http://%zz/', 'http://x:99999/', 'javascript:alert(1)',
    'data:image/png;base64,x', '', ' ', '\u0000', '\u202E', 'https://www.inform.kz/ru/x-abc123', '/static/img/a.jpg', `https://www.inform.kz/${'a'.repeat(70_000)}`),
  fc.webUrl(),
  hostileText(4),
);

/** What a page may say for a date: ISO, RFC 822, the site's displayed Astana time, nonsense, out of range. */
export const dateish = (): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom('2025-11-24T09:00:00+05:00', '2025-11-24', 'Mon, 24 Nov 2025 09:00:00 +0500', '13:51, 15 Август 2025', '08:32, 18 8月 2026', '2025-13-45T99:99:99Z',
    '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '0000-00-00', '1e400', 'NaN', '', 'yesterday'),
  hostileText(3),
);

/** Paragraph text with the values figures and text cleaning choke on: 400-digit amounts, bidi controls, mojibake. */
export const paragraphText = (): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom(`Товарооборот составил ${'9'.repeat(400)} млн долларов.`, `Рост на ${'1'.repeat(320)},5%.`, '0,000000000000000000001 млрд тенге', 'Токаев \u202Eи Мирзиёев\u202C \u2066обсудили\u061C',
    'РўРѕРєР°РµРІ Рё РњРёСЂР·РёС‘РµРІ', 'ASTANA. KAZINFORM – The talks', 'АСТАНА. 24 мая. КАЗИНФОРМ /Иван Петров/ - Текст', '哈通社/阿斯塔纳/8月14日 -- 文本'),
  hostileText(10),
);
