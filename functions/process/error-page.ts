import { stripSiteSuffix } from './extract/boilerplate.ts';

/**
 * Error and maintenance pages served with status 200 ("soft 404s"): a CMS that answers a missing
 * or unavailable article with its "page not found" or "maintenance" page, but 200. Such a page is
 * not the article; stored, it would be an article titled «Страница не найдена», and rejected (too
 * short to be one), the real article would never be fetched again.
 */

/**
 * "Not found", said anywhere in a title or heading (lower-cased), in each edition's languages:
 * «Извините, страница не найдена», «Материал не найден», "Sorry, the page you are looking for
 * could not be found". A news headline does not say it of a page, and an article is dated anyway.
 */
const NOT_FOUND = [
  /\b(?:page|article|story|news item)s? (?:was |you (?:are looking for|requested) |you were looking for )?(?:not found|could not be found|cannot be found|does not exist|doesn't exist|no longer exists)\b/,
  /(?:^|\s)(?:страница|новость|материал|статья|публикация|запись) (?:была )?не (?:найден[аоы]?|существует)/,
  /(?:^|\s)(?:бет|парақ(?:ша)?|материал|жаңалық) табылмады/,
  /(?:^|\s)(?:bet|paraq(?:sha)?|material|jańalyq) tabylmady/,
  /بەت تابىلمادى/,
  /(?:^|\s)(?:sahifa|material|yangilik) topilmadi/,
  /(?:^|\s)(?:саҳифа|материал|янгилик) топилмади/,
  /(?:页面|网页|文章|新闻)(?:不存在|未找到|找不到)/,
  /找不到(?:页面|网页|文章)/,
];

/**
 * Maintenance, said in a short title or heading: «Сайт на техническом обслуживании», «Сайтта
 * техникалық жұмыстар жүргізілуде». A headline about works on a road or a power line says more.
 */
const MAINTENANCE = [
  /\b(?:under|down for) (?:scheduled )?maintenance\b/,
  /\b(?:temporarily unavailable|scheduled maintenance)\b/,
  /(?:^|\s)техническ\S* (?:работ|обслуживани)/,
  /(?:^|\s)(?:временно )?недоступ(?:ен|на)(?!\p{L})/u,
  /(?:^|\s)техникалық (?:жұмыс|қызмет)/,
  /(?:^|\s)уақытша қолжетімсіз/,
  /(?:^|\s)tehnikalyq (?:jūmys|qyzmet)/,
  /(?:^|\s)texnik (?:ishlar|xizmat)/,
  /(?:^|\s)техник (?:ишлар|хизмат)/,
  /(?:系统|网站)维护/,
];

/** Words a maintenance title or heading runs to at most. */
const SHORT = 6;

/** What such pages also say, but only whole: alone, these words mean little ("Not found guilty"). */
const WHOLE = [
  /^not found$/,
  /^(?:scheduled )?maintenance$/,
  /^service unavailable$/,
  /^(?:internal )?server error$/,
  /^bad gateway$/,
  /^gateway time[- ]?out$/,
  /^(?:внутренняя )?ошибка сервера$/,
  /^服务器错误$/,
];

/** An HTTP error status as such pages name it: "404", "Error 404:", "HTTP 404", "Ошибка 404.", "(404)", "404 错误". */
const STATUS = /(?<=^|[\s\p{P}])(?:(?:http|error|ошибка|қате|xato|хато)\s*)?[45]\d\d(?:\s*(?:error|ошибка|错误))?(?=[\s\p{P}]|$)/gu;

/** Exclamations such pages open with ("Oops! Page not found"). */
const EXCLAMATION = /^(?:oops|whoops|упс|ой)[!.,]*\s*/u;

/** Whether a title or heading, whole, says the page is an error or maintenance page. */
export function isErrorText(text: string): boolean {
  const plain = stripSiteSuffix(text.replace(/\s+/g, ' ').trim()).toLowerCase().replace(EXCLAMATION, '');
  const withoutStatus = plain.replace(STATUS, ' ');
  const hadStatus = withoutStatus !== plain;
  const words = withoutStatus.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '').replace(/\s*[|:–—-]\s*/gu, ' ').replace(/\s+/g, ' ');
  if (words === '') return hadStatus;
  if (NOT_FOUND.some((phrase) => phrase.test(words))) return true;
  if (words.split(' ').length <= SHORT && MAINTENANCE.some((phrase) => phrase.test(words))) return true;
  return WHOLE.some((phrase) => phrase.test(words));
}

/** Error pages are small; their title and heading come early. */
const SNIFF_CHARS = 64 * 1024;

const TITLE = /<title[^>]*>([\s\S]{0,300}?)<\/title>/i;
const H1 = /<h1[^>]*>([\s\S]{0,300}?)<\/h1>/gi;

function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').trim();
}

/**
 * The title or first headings by which a page says it is an error or maintenance page, or null.
 * Only a page without a publication date of its own is asked (see the caller): every article
 * page carries one, so an article whose title happens to be such words is never taken for one.
 */
export function errorPageText(html: string): string | null {
  const head = html.slice(0, SNIFF_CHARS);
  const title = TITLE.exec(head)?.[1];
  const headings = [...head.matchAll(H1)].slice(0, 2).map((m) => m[1] ?? '');
  for (const candidate of [title, ...headings]) {
    if (candidate === undefined) continue;
    const text = plainText(candidate);
    if (text && isErrorText(text)) return text.replace(/\s+/g, ' ').slice(0, 80);
  }
  return null;
}
