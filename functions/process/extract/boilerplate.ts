import type { HTMLElement } from 'node-html-parser';

/**
 * Paragraphs that are the site's furniture, not the article, in every edition's language:
 * "read also" links, photo and video credits, subscribe prompts.
 */
const BOILERPLATE_PARAGRAPH = [
  /^(read also|see also|also read|related|читайте также|читайте тоже|смотрите также|сондай-ақ оқыңыз|сондай-ақ қараңыз|оқи отырыңыз|шунингдек,? ўқинг|шунингдек,? қаранг|shuningdek,? o[‘'ʻ`]?qing|另请阅读|相关阅读|延伸阅读|相关新闻)\s*[:：]?/iu,
  /^(фото|photo|видео|video|сурет|бейне|surat|foto|سۋرەت|图片|照片|图|视频)\s*[:：]/iu,
  /^(подписывайтесь|subscribe to|жазылыңыз|obuna bo|обуна бўлинг|关注我们)/iu,
];

export function isBoilerplateParagraph(text: string): boolean {
  const trimmed = text.trim();
  return BOILERPLATE_PARAGRAPH.some((pattern) => pattern.test(trimmed));
}

/** Containers whose class or id marks them as navigation, sharing, related news or ads. */
const BOILERPLATE_CONTAINER = /(^|[\s_-])(share|social|related|read-?also|subscribe|banner|adv|ads|advert|promo|tags?|breadcrumbs?|comments?|author-?card)([\s_-]|$)/i;

export function isBoilerplateElement(el: HTMLElement): boolean {
  const marker = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return BOILERPLATE_CONTAINER.test(marker) || ['NAV', 'ASIDE', 'HEADER', 'FOOTER'].includes(el.tagName);
}

const PHOTO_LABEL = /^(фото|photo|сурет|surat|foto|سۋرەت|图片来源|图片|照片|摄影)\s*[:：]\s*/iu;

/** The credit in a photo caption ("Photo: Akorda" → "Akorda"), or null when nothing is left. */
export function photoCredit(caption: string): string | null {
  return caption.replace(PHOTO_LABEL, '').trim() || null;
}

/**
 * Clauses attributing a sentence to the agency itself ("…, Kazinform correspondent reports."),
 * in each edition's wording. Only such a clause right before a sentence end is removed; the
 * agency's name elsewhere ("Kazinform's analyst looks at…") is the article's own text.
 */
const ATTRIBUTION = [
  /,?\s+(?:a\s+|the\s+)?[KQ]azinform(?:\s+News\s+Agency)?(?:'s)?(?:\s+(?:correspondent|reporter)s?)?\s+(?:reports?|says)(?=[.!](?:\s|$))/giu,
  /,\s+(?:reports|according\s+to)\s+(?:a\s+)?[KQ]azinform(?:\s+News\s+Agency)?(?:\s+correspondent)?(?=[.!](?:\s|$))/giu,
  /,\s+(?:передает|передаёт|сообщает)\s+(?:корреспондент\s+)?(?:агентств[оа]\s+)?(?:МИА\s+)?«?(?:Kazinform|Казинформ)»?(?=[.!](?:\s|$))/giu,
  /,?\s*[—–-]?\s*деп\s+(?:хабарлайды|жазады)\s+(?:ҚазАқпарат|Kazinform|Қазақпарат)(?:\s+агенттігі(?:нің)?)?(?:\s+тілшісі)?(?=[.!](?:\s|$))/giu,
  /,?\s*[—–-]?\s*(?:деб\s+хабар\s+беради|deb\s+xabar\s+beradi)\s+Kazinform(?:\s+(?:мухбири|muxbiri))?(?=[.!](?:\s|$))/giu,
];

/** The agency's names as the clauses above spell them: a text without one has no such clause (most paragraphs). */
const AGENCY = /[KQ]azinform|Казинформ|ҚазАқпарат|Қазақпарат/iu;

export function stripAttribution(text: string): string {
  if (!AGENCY.test(text)) return text;
  return ATTRIBUTION.reduce((t, pattern) => t.replace(pattern, ''), text);
}

/** Strips the site name the page appends to its titles: "Title | Kazinform", "Title | Qazinform", "Title - Казинформ". */
export function stripSiteSuffix(title: string): string {
  return title.replace(/\s*[|–—-]\s*(kazinform|qazinform|казинформ|qazaqparat|қазақпарат|inform\.kz|哈通社|哈萨克国际通讯社)[^|]*$/iu, '').trim();
}
