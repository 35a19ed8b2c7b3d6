/**
 * The dateline a Kazinform lead opens with, parsed off the text (DESIGN.md: `dateline.place`
 * "as written in the text, same script and spelling; parsed off the lead, not left in the text").
 */
import type { Dateline } from '../../../schemas/article.ts';
import { once } from '../../lib/once.ts';

export interface SplitDateline {
  dateline: Dateline | null;
  /** The lead without its dateline; the input unchanged when there is none. */
  text: string;
  /** The author some older Russian datelines name: «АСТАНА. 24 мая. КАЗИНФОРМ /Иван Петров/ -». */
  author?: string;
}

/** Any dash the agency has used, including the doubled ones. */
const DASH = String.raw`(?:--|——|[-‐‑‒–—―−])`;

/** Cyrillic letters that look like Latin ones and slip into Uzbek and Kazakh copy ("Кazinform"). */
const LOOKALIKES: Readonly<Record<string, string>> = { a: 'аА', i: 'іІ', k: 'кК', m: 'мМ', o: 'оО' };

/** A case-insensitive pattern for one word, look-alikes included (no `i` flag: the place must stay upper case). */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}${LOOKALIKES[c] ?? ''}]`).join('');
}

/** The agency's names in every edition (Qazinform: the English edition's since it moved to qazinform.com), as a whole word ("Kazinformнинг" is not a dateline). */
const AGENCY = `(?:${['kazinform', 'qazinform', 'qazaqparat', 'казинформ', 'қазақпарат'].map(anyCase).join('|')}|قازاقپارات)(?![\\p{L}\\p{N}])`;

/**
 * One to four words in capitals or a caseless script, inner hyphens and apostrophes allowed:
 * NUR-SULTAN, ABU DHABI, استانا.
 */
const PLACE_WORD = String.raw`[\p{Lu}\p{Lt}\p{Lo}](?:[\p{Lu}\p{Lt}\p{Lo}\p{M}'’ʻ-]*[\p{Lu}\p{Lt}\p{Lo}\p{M}])?|\p{Lu}\p{Ll}+`;
/** "ST. PETERSBURG": an abbreviation's dot may join the words. */
const PLACE = `(?:${PLACE_WORD})(?:\\.?\\s+(?:${PLACE_WORD})){0,3}`;

/**
 * "PLACE. AGENCY –", also "PLACE. 24 мая. AGENCY /Author/ -" (older Russian). The dash is
 * sometimes missing; the agency's name right after "PLACE." is what marks a dateline, so a
 * sentence that merely starts with a capitalised word is left alone.
 */
const buildAgencyDateline = () => new RegExp(
  String.raw`^\s*(${PLACE})\s*[.,]\s*(?:(?:\d{1,2}\s+\p{L}+(?:\s+\d{4})?|\p{L}+\s+\d{1,2})\s*[.,]\s*)?${AGENCY}(?:\s+News\s+Agency)?\s*(?:[/／]([^/／]{1,80})[/／]\s*)?(?:(${DASH}|[.:])\s*)?`,
  'u',
);

/** Chinese: "哈通社/阿斯塔纳/8月14日 --" and "哈通社阿斯塔纳8月14日电", with the reporter after it: "（记者 王伟）". */
const buildChineseDateline = () => new RegExp(
  String.raw`^\s*哈通社\s*(?:[/／]\s*([^/／\s]{1,20})\s*[/／]\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*电?\s*)?|(\p{Script=Han}{2,10}?)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*电\s*)(?:[（(]\s*记者\s*([^）)]{1,20}?)\s*[）)]\s*)?(?:${DASH}\s*)?`,
  'u',
);

/** "（哈萨克国际通讯社讯）": the agency's marker, naming no place. */
const CHINESE_MARKER = /^\s*[（(]\s*(?:哈萨克国际通讯社|哈通社)\s*讯\s*[）)]\s*/u;

/**
 * Built on the first lead rather than at import (V8 parses a \p{…} pattern when it is
 * constructed: init time); the Chinese one only once a lead has no agency dateline.
 */
const agencyDateline = once(buildAgencyDateline);
const chineseDateline = once(buildChineseDateline);

/** Parses the leading dateline off a lead; `dateline` is null when there is none or it names no place. */
export function splitDateline(lead: string): SplitDateline {
  const agency = agencyDateline().exec(lead);
  // A place in title case ("Astana. Kazinform –") needs its dash: "Astana. Kazinform reporters were there." is a sentence.
  if (agency && (!/\p{Ll}/u.test(agency[1]!) || /^[^.:]/.test(agency[3] ?? '.'))) {
    const author = agency[2]?.trim();
    const result: SplitDateline = { dateline: { place: agency[1]! }, text: lead.slice(agency[0].length).trim() };
    if (author) result.author = author;
    return result;
  }
  const chinese = chineseDateline().exec(lead);
  if (chinese) {
    const author = chinese[3]?.trim();
    return { dateline: { place: (chinese[1] ?? chinese[2])! }, text: lead.slice(chinese[0].length).trim(), ...(author ? { author } : {}) };
  }
  const marker = CHINESE_MARKER.exec(lead);
  if (marker) return { dateline: null, text: lead.slice(marker[0].length).trim() };
  return { dateline: null, text: lead };
}
