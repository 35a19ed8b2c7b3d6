/**
 * Dates of the canonical article: every source form to one UTC instant
 * (`publishedAt`, `updatedAt`; DESIGN.md: "Kazinform's local times are Astana time").
 *
 * Order of attempts: ISO 8601, then RFC 822/1123, then the displayed forms of every
 * edition ("13:51, 15 Август 2025", "15 тамыз 2025", "2025 йил 15 ноябрда",
 * "August 15, 2025", "2025年8月15日 13:51", "15.08.2025 13:51").
 */

export interface ParseDateOptions {
  /**
   * Fixed UTC offset, in minutes, for times that state none (naive ISO, displayed times).
   * Default: Astana's civil time from the time-zone database (Asia/Almaty, tabled below): UTC+5 since
   * 2024-03-01, UTC+6 from 2005 until then, so older pages convert to the right instant.
   */
  defaultOffsetMinutes?: number;
  /** When the text was read: supplies the year of "24 мая" / "8月14日" and the day of "сегодня". */
  reference?: Date;
}

const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2101, 0, 1);
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Longer strings are not date strings; a cap also keeps the regexes' work bounded. */
const MAX_INPUT = 256;

const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)(?:(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z(?!\p{L})|[+-]\d{2}(?::?\d{2})?(?!\d))?/iu;

const RFC822 = /(?<![\p{L}\d])(\d{1,2})\s+(\p{L}{3,12})\.?,?\s+(\d{4}|\d{2})(?!\d),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([a-z]{1,5}))?(?:\s*([+-]\d{1,2}(?::?\d{2})?))?(?![\p{L}\d])/iu;

/** RFC 822 zone names, plus the Moscow and European ones feeds of this region use. */
const ZONES: Readonly<Record<string, number>> = {
  z: 0, ut: 0, utc: 0, gmt: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  msk: 180, cet: 60, cest: 120, eet: 120, eest: 180,
};

const OFFSET = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;

const TIME = /(?<!\d)(上午|下午)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?!\d)(?:\s*([ap])\.?\s?m\.?(?!\p{L}))?/iu;
const CJK_DATE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/u;
const DMY = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/u;
const YMD = /(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/u;
const TOKEN_SEPARATOR = /[\s,.\-/()«»"“”]+/u;
const ORDINAL = /^(\d{1,4})(?:st|nd|rd|th)?$/;
const YEAR = /^\d{4}$/;
/** Kazakh Arabic script marks front-vowel words with a hamza (U+0621 or U+0674): ءساۋىر. */
const ARABIC_HAMZA = /[\u0621\u0674]/gu;
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu;

/**
 * Month names by month number: full stems take case endings ("августа", "қарашада",
 * "ноябрдаги", "noyabrda"), abbreviations and English names must match whole.
 */
const MONTH_STEMS: readonly (readonly string[])[] = [
  ['январ', 'қаңтар', 'qańtar', 'qañtar', 'yanvar', 'قاڭتار'],
  ['феврал', 'ақпан', 'aqpan', 'fevral', 'اقپان'],
  ['март', 'наурыз', 'naýryz', 'nauryz', 'mart', 'ناۋرىز'],
  ['апрел', 'сәуір', 'sáýir', 'säuır', 'aprel', 'ساۋىر'],
  ['май', 'мамыр', 'mamyr', 'may', 'مامىر'],
  ['июн', 'маусым', 'maýsym', 'mausym', 'iyun', 'ماۋسىم'],
  ['июл', 'шілде', 'shilde', 'şılde', 'iyul', 'شىلدە'],
  ['август', 'тамыз', 'tamyz', 'avgust', 'تامىز'],
  ['сентябр', 'қыркүйек', 'qyrkúıek', 'qyrküiek', 'sentabr', 'sentyabr', 'قىركۇيەك'],
  ['октябр', 'қазан', 'qazan', 'oktabr', 'oktyabr', 'قازان'],
  ['ноябр', 'қараша', 'qarasha', 'qaraşa', 'noyabr', 'قاراشا'],
  ['декабр', 'желтоқсан', 'jeltoqsan', 'dekabr', 'جەلتوقسان'],
];
const MONTH_WORDS: readonly (readonly string[])[] = [
  ['january', 'jan', 'янв'],
  ['february', 'feb', 'фев'],
  ['march', 'mar', 'мар'],
  ['april', 'apr', 'апр'],
  ['мая', 'мае'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug', 'авг'],
  ['september', 'sep', 'sept', 'сен', 'сент'],
  ['october', 'oct', 'окт'],
  ['november', 'nov', 'ноя', 'нояб'],
  ['december', 'dec', 'дек'],
];
/**
 * Kazakh Latin's dotless ı has no upper case of its own: "QYRKÚIEK" lower-cases to "qyrkúiek".
 * Month words are compared with ı read as i.
 */
const foldDotless = (word: string) => word.replaceAll('ı', 'i');
const MONTH_EXACT = new Map(MONTH_WORDS.flatMap((words, i) => words.map((w) => [w, i + 1] as const)));
const MONTH_STEM = new Map(MONTH_STEMS.flatMap((stems, i) => stems.map((s) => [foldDotless(s), i + 1] as const)));
const LONGEST_STEM = Math.max(...[...MONTH_STEM.keys()].map((s) => s.length));
const MAX_ENDING = 5;

/** "today" / "yesterday" in the editions' languages: days before the reference. */
const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  ['today', 0], ['сегодня', 0], ['бүгін', 0], ['bugun', 0], ['бугун', 0], ['búgin', 0], ['bügın', 0], ['今天', 0],
  ['yesterday', 1], ['вчера', 1], ['кеше', 1], ['kecha', 1], ['кеча', 1], ['keshe', 1], ['昨天', 1],
]);

/**
 * Astana's UTC offsets, in minutes, from the instant each took effect: Asia/Almaty in the
 * time-zone database (2026c), 1989 on, summer time until 2004 included. A table rather than an
 * Intl.DateTimeFormat with the zone, whose data costs every cold start 10-20 ms; a test checks it
 * against Intl over 1990-2100, so a Node whose database says otherwise fails it.
 */
const ASTANA_OFFSETS: readonly (readonly [number, number])[] = ([
  ['1989-03-25T20:00Z', 420], ['1989-09-23T20:00Z', 360], ['1990-03-24T20:00Z', 420], ['1990-09-29T20:00Z', 360],
  ['1991-09-28T21:00Z', 300], ['1992-01-18T21:00Z', 360], ['1992-03-28T20:00Z', 420], ['1992-09-26T20:00Z', 360],
  ['1993-03-27T20:00Z', 420], ['1993-09-25T20:00Z', 360], ['1994-03-26T20:00Z', 420], ['1994-09-24T20:00Z', 360],
  ['1995-03-25T20:00Z', 420], ['1995-09-23T20:00Z', 360], ['1996-03-30T20:00Z', 420], ['1996-10-26T20:00Z', 360],
  ['1997-03-29T20:00Z', 420], ['1997-10-25T20:00Z', 360], ['1998-03-28T20:00Z', 420], ['1998-10-24T20:00Z', 360],
  ['1999-03-27T20:00Z', 420], ['1999-10-30T20:00Z', 360], ['2000-03-25T20:00Z', 420], ['2000-10-28T20:00Z', 360],
  ['2001-03-24T20:00Z', 420], ['2001-10-27T20:00Z', 360], ['2002-03-30T20:00Z', 420], ['2002-10-26T20:00Z', 360],
  ['2003-03-29T20:00Z', 420], ['2003-10-25T20:00Z', 360], ['2004-03-27T20:00Z', 420], ['2004-10-30T20:00Z', 360],
  ['2024-02-29T18:00Z', 300],
] as const).map(([at, minutes]) => [Date.parse(at), minutes] as const);

/** Astana's UTC offset in minutes at an instant; dates before 1990 are never read, so the table starts in 1989. */
export function astanaOffsetAt(utcMs: number): number {
  for (let i = ASTANA_OFFSETS.length - 1; i >= 0; i--) {
    const [from, minutes] = ASTANA_OFFSETS[i] as readonly [number, number];
    if (utcMs >= from) return minutes;
  }
  return 360;
}

/** The instant of a wall-clock time (given as if it were UTC) in the zone of `fixed` or Astana. */
function wallToUtc(wallMs: number, fixed: number | undefined): number {
  if (fixed !== undefined) return wallMs - fixed * MINUTE_MS;
  const guess = wallMs - astanaOffsetAt(wallMs) * MINUTE_MS;
  return wallMs - astanaOffsetAt(guess) * MINUTE_MS;
}

function utcToWall(utcMs: number, fixed: number | undefined): number {
  return utcMs + (fixed ?? astanaOffsetAt(utcMs)) * MINUTE_MS;
}

/** Wall-clock milliseconds of valid components (no 30 February, no 24:00), or null. */
function wall(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : null;
}

function finish(utcMs: number | null): string | null {
  return utcMs !== null && utcMs >= MIN_MS && utcMs < MAX_MS ? new Date(utcMs).toISOString() : null;
}

/** "+0500", "+05:00", "+05", "+5" → minutes; null beyond ±14 h. */
function offsetMinutes(s: string): number | null {
  const m = OFFSET.exec(s);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes > 14 * 60 || Number(m[3] ?? 0) > 59 ? null : (m[1] === '-' ? -minutes : minutes);
}

function parseIso(m: RegExpExecArray, fixed: number | undefined): string | null {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const w = wall(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
  if (w === null) return null;
  if (zone === undefined) return finish(wallToUtc(w, fixed));
  const offset = zone.toLowerCase() === 'z' ? 0 : offsetMinutes(zone);
  return offset === null ? null : finish(w - offset * MINUTE_MS);
}

/**
 * RFC 822 shape, month names of any edition allowed ("24 ноября 2025 10:30 +0500"). Undefined when
 * it is not a date after all (no month name, an "am"/"pm" suffix): the displayed forms are tried next.
 */
function parseRfc822(m: RegExpExecArray, fixed: number | undefined): string | null | undefined {
  const [, d, monthName, yearText, h, mi, s, zoneName, zoneOffset] = m;
  const month = monthOf(monthName!.toLowerCase());
  if (month === undefined) return undefined;
  const name = zoneName?.toLowerCase();
  if (name === 'am' || name === 'pm') return undefined;
  let year = Number(yearText);
  if (yearText!.length === 2) year += year < 50 ? 2000 : 1900; // RFC 2822 §4.3
  const w = wall(year, month, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (w === null) return null;
  let offset: number | null;
  if (name !== undefined && zoneOffset !== undefined) offset = ZONES[name] === 0 ? offsetMinutes(zoneOffset) : null;
  else if (name !== undefined) offset = ZONES[name] ?? null;
  else if (zoneOffset !== undefined) offset = offsetMinutes(zoneOffset);
  else return finish(wallToUtc(w, fixed));
  return offset === null ? null : finish(w - offset * MINUTE_MS);
}

/** The month (1-12) a word of any edition names ("сентября", "қыркүйекте", "ءساۋىر", "March"), or undefined. */
export function monthOfWord(word: string): number | undefined {
  return monthOf(word.toLowerCase().replace(ARABIC_HAMZA, ''));
}

/** The calendar year and month of an instant in Astana's civil time. */
export function astanaYearMonth(iso: string): { year: number; month: number } {
  const wallTime = new Date(utcToWall(Date.parse(iso), undefined));
  return { year: wallTime.getUTCFullYear(), month: wallTime.getUTCMonth() + 1 };
}

/** A month written with its number and 月 apart from the day, as Kazinform's Chinese cards do ("18 8月 2026"). */
const CJK_MONTH = /^(1[0-2]|0?[1-9])月$/u;

function monthOf(word: string): number | undefined {
  const token = foldDotless(word);
  const cjk = CJK_MONTH.exec(token);
  if (cjk) return Number(cjk[1]);
  const exact = MONTH_EXACT.get(token) ?? MONTH_STEM.get(token);
  if (exact !== undefined) return exact;
  for (let k = Math.min(token.length - 1, LONGEST_STEM); k >= 3 && token.length - k <= MAX_ENDING; k--) {
    const month = MONTH_STEM.get(token.slice(0, k));
    if (month !== undefined) return month;
  }
  return undefined;
}

function dayToken(token: string | undefined): number | undefined {
  const m = token === undefined ? null : ORDINAL.exec(token);
  return m && m[1]!.length <= 2 ? Number(m[1]) : undefined;
}

interface CalendarDate { year: number | undefined; month: number; day: number }

/** The date part of a displayed form, or a count of days before the reference. */
function displayedDate(s: string): CalendarDate | number | undefined {
  const cjk = CJK_DATE.exec(s);
  if (cjk) return { year: cjk[1] === undefined ? undefined : Number(cjk[1]), month: Number(cjk[2]), day: Number(cjk[3]) };
  const dmy = DMY.exec(s);
  if (dmy) return { year: Number(dmy[3]), month: Number(dmy[2]), day: Number(dmy[1]) };
  const ymd = YMD.exec(s);
  if (ymd) return { year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) };
  const tokens = s.split(TOKEN_SEPARATOR).filter((t) => t !== '');
  const m = tokens.findIndex((t) => monthOf(t) !== undefined);
  if (m < 0) {
    for (const t of tokens) {
      const days = RELATIVE_DAYS.get(t);
      if (days !== undefined) return days;
    }
    return undefined;
  }
  const day = dayToken(tokens[m - 1]) ?? dayToken(tokens[m + 1]);
  if (day === undefined) return undefined;
  const yearToken = tokens.find((t) => YEAR.test(t));
  return { year: yearToken === undefined ? undefined : Number(yearToken), month: monthOf(tokens[m]!)!, day };
}

function parseDisplayed(input: string, fixed: number | undefined, reference: Date | undefined): string | null {
  let s = input.toLowerCase().replace(ARABIC_HAMZA, '').replace(ARABIC_DIGITS, (c) => String(c.charCodeAt(0) & 0xf));
  let h = 0, mi = 0, sec = 0;
  const time = TIME.exec(s);
  if (time) {
    [h, mi, sec] = [Number(time[2]), Number(time[3]), Number(time[4] ?? 0)];
    const half = time[5] ?? (time[1] === '下午' ? 'p' : time[1] === '上午' ? 'a' : undefined);
    if (half !== undefined) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (half === 'p' ? 12 : 0);
    }
    s = s.slice(0, time.index) + ' ' + s.slice(time.index + time[0].length);
  }
  const date = displayedDate(s);
  if (date === undefined) return null;
  const refMs = reference?.getTime();
  const refWall = refMs === undefined || Number.isNaN(refMs) ? undefined : utcToWall(refMs, fixed);
  if (typeof date === 'number') {
    if (refWall === undefined) return null;
    const today = new Date(refWall - date * DAY_MS);
    const w = wall(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate(), h, mi, sec);
    return w === null ? null : finish(wallToUtc(w, fixed));
  }
  let w: number | null;
  if (date.year !== undefined) {
    w = wall(date.year, date.month, date.day, h, mi, sec);
  } else {
    if (refWall === undefined) return null;
    // A date without a year is the latest one not after the reference (a day's grace for clocks).
    const year = new Date(refWall).getUTCFullYear();
    w = wall(year, date.month, date.day, h, mi, sec);
    if (w !== null && w > refWall + DAY_MS) w = wall(year - 1, date.month, date.day, h, mi, sec);
  }
  return w === null ? null : finish(wallToUtc(w, fixed));
}

/**
 * The UTC instant (`Date#toISOString`) of a date string in any form Kazinform and its
 * feeds use, or null when it is not one or falls outside 1990..2100. Times that state no
 * offset are Astana time (see `ParseDateOptions`); a date without a time is 00:00 there.
 * Never throws.
 */
export function parseDate(input: string, options: ParseDateOptions = {}): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  const fixed = Number.isFinite(options.defaultOffsetMinutes) ? options.defaultOffsetMinutes : undefined;
  const iso = ISO.exec(input);
  // A bare ISO date may go with a time written apart ("2025-11-24, 13:51"): displayed forms read both.
  if (iso && (iso[4] !== undefined || iso[8] !== undefined)) return parseIso(iso, fixed);
  const rfc = RFC822.exec(input);
  if (rfc) {
    const parsed = parseRfc822(rfc, fixed);
    if (parsed !== undefined) return parsed;
  }
  return parseDisplayed(input, fixed, options.reference);
}
