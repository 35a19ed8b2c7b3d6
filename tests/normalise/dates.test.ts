import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { astanaOffsetAt, parseDate } from '../../functions/lib/dates.ts';

const REFERENCE = new Date('2025-11-24T12:00:00Z');

describe('parseDate: ISO 8601', () => {
  it.each([
    ['2025-11-24T10:30:00+05:00', '2025-11-24T05:30:00.000Z'],
    ['2025-11-24T05:30:00Z', '2025-11-24T05:30:00.000Z'],
    ['2025-11-24t05:30:00z', '2025-11-24T05:30:00.000Z'],
    ['2025-11-24T10:30:00.123456+0500', '2025-11-24T05:30:00.123Z'],
    ['2025-11-24T02:30-03', '2025-11-24T05:30:00.000Z'],
    ['2025-11-24 10:30:00+05:00', '2025-11-24T05:30:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('reads a time without offset as Astana time, UTC+5 since 1 March 2024', () => {
    expect(parseDate('2025-11-24T10:30:00')).toBe('2025-11-24T05:30:00.000Z');
    expect(parseDate('2024-03-01T00:30:00')).toBe('2024-02-29T19:30:00.000Z');
  });

  it('reads older local times in the offset Astana had then (UTC+6, UTC+7 in 1990s summers)', () => {
    expect(parseDate('2024-02-28T12:00:00')).toBe('2024-02-28T06:00:00.000Z');
    expect(parseDate('2016-06-01T12:00:00')).toBe('2016-06-01T06:00:00.000Z');
    expect(parseDate('1995-07-01T12:00:00')).toBe('1995-07-01T05:00:00.000Z');
  });

  it('uses defaultOffsetMinutes, when given, as the fixed offset of times that state none', () => {
    expect(parseDate('2025-11-24T10:30:00', { defaultOffsetMinutes: 0 })).toBe('2025-11-24T10:30:00.000Z');
    expect(parseDate('2016-06-01T12:00:00', { defaultOffsetMinutes: 300 })).toBe('2016-06-01T07:00:00.000Z');
    expect(parseDate('2025-11-24T10:30:00+01:00', { defaultOffsetMinutes: 0 })).toBe('2025-11-24T09:30:00.000Z');
  });

  it('reads a bare date as 00:00 Astana time, and a time written apart from it', () => {
    expect(parseDate('2025-11-24')).toBe('2025-11-23T19:00:00.000Z');
    expect(parseDate('2025-11-24, 13:51')).toBe('2025-11-24T08:51:00.000Z');
  });
});

describe('parseDate: RFC 822 / 1123 pubDates', () => {
  it.each([
    ['Mon, 24 Nov 2025 10:30:00 +0500', '2025-11-24T05:30:00.000Z'],
    ['Mon, 24 Nov 2025 10:30:00 +05:00', '2025-11-24T05:30:00.000Z'],
    ['Mon, 24 Nov 2025 05:30:00 GMT', '2025-11-24T05:30:00.000Z'],
    ['Mon, 24 Nov 2025 05:30:00 UT', '2025-11-24T05:30:00.000Z'],
    ['Mon, 24 Nov 2025 00:30:00 EST', '2025-11-24T05:30:00.000Z'],
    ['Mon, 24 Nov 2025 08:30:00 MSK', '2025-11-24T05:30:00.000Z'],
    ['24 Nov 2025 10:30 GMT+5', '2025-11-24T05:30:00.000Z'],
    ['24 Nov 25 10:30 +0500', '2025-11-24T05:30:00.000Z'],
    ['Mon, 24 Nov 2025 10:30:00', '2025-11-24T05:30:00.000Z'],
    ['Thu, 01 May 2042 00:00:00 +0430', '2042-04-30T19:30:00.000Z'],
    ['24 ноября 2025 10:30 +0300', '2025-11-24T07:30:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('refuses a zone it does not know or an offset beyond ±14 h, rather than guess', () => {
    expect(parseDate('Mon, 24 Nov 2025 10:30:00 XYZ')).toBeNull();
    expect(parseDate('Mon, 24 Nov 2025 10:30:00 +2500')).toBeNull();
  });
});

describe('parseDate: the displayed times of every edition, in Astana time', () => {
  it.each([
    ['ru', '13:51, 15 Август 2025', '2025-08-15T08:51:00.000Z'],
    ['ru', '13:51, 15 августа 2025', '2025-08-15T08:51:00.000Z'],
    ['ru', '15 авг. 2025 г., 13:51', '2025-08-15T08:51:00.000Z'],
    ['kk', '15 тамыз 2025', '2025-08-14T19:00:00.000Z'],
    ['kk', '13:51, 24 қараша 2025', '2025-11-24T08:51:00.000Z'],
    ['kk', '2025 жылғы 24 қарашада', '2025-11-23T19:00:00.000Z'],
    ['kk-Latn', '24 qarasha 2025 13:51', '2025-11-24T08:51:00.000Z'],
    ['kk-Latn', '15 tamyz 2025', '2025-08-14T19:00:00.000Z'],
    ['kk-Arab', '13:51، 24 قاراشا 2025', '2025-11-24T08:51:00.000Z'],
    ['kk-Arab', '15 ءساۋىر 2020', '2020-04-14T18:00:00.000Z'],
    ['uz-Cyrl', '24 ноябрь 2025, 13:51', '2025-11-24T08:51:00.000Z'],
    ['uz-Cyrl', '2025 йил 24 ноябрда', '2025-11-23T19:00:00.000Z'],
    ['uz-Latn', '24-noyabr, 2025-yil 13:51', '2025-11-24T08:51:00.000Z'],
    ['uz-Latn', '2025-yil 24-noyabr', '2025-11-23T19:00:00.000Z'],
    ['en', '15 August 2025, 13:51', '2025-08-15T08:51:00.000Z'],
    ['en', 'August 15, 2025', '2025-08-14T19:00:00.000Z'],
    ['en', 'Aug 15, 2025 1:51 PM', '2025-08-15T08:51:00.000Z'],
    ['zh', '2025年8月15日 13:51', '2025-08-15T08:51:00.000Z'],
    ['zh', '2025年8月15日', '2025-08-14T19:00:00.000Z'],
    ['zh', '2025年8月15日下午1:51', '2025-08-15T08:51:00.000Z'],
    ['zh, list cards since 2026', '08:32, 18 8月 2026', '2026-08-18T03:32:00.000Z'],
    ['ru, list cards since 2026', '21:38, 18 Августа 2026', '2026-08-18T16:38:00.000Z'],
    ['numeric', '15.08.2025 13:51', '2025-08-15T08:51:00.000Z'],
    ['numeric', '15.08.2025', '2025-08-14T19:00:00.000Z'],
    ['numeric', '2025/8/15', '2025-08-14T19:00:00.000Z'],
    ['ru, 2015: UTC+6', '13:51, 15 Август 2015', '2015-08-15T07:51:00.000Z'],
  ])('%s: %s → %s', (_edition, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('takes the missing year from the reference: the latest such date not after it', () => {
    expect(parseDate('24 мая', { reference: REFERENCE })).toBe('2025-05-23T19:00:00.000Z');
    expect(parseDate('8月14日', { reference: REFERENCE })).toBe('2025-08-13T19:00:00.000Z');
    expect(parseDate('30 декабря', { reference: new Date('2026-01-02T00:00:00Z') })).toBe('2025-12-29T19:00:00.000Z');
    expect(parseDate('24 мая')).toBeNull();
  });

  it('reads "today" and "yesterday" against the reference, in Astana days', () => {
    expect(parseDate('Сегодня, 13:51', { reference: REFERENCE })).toBe('2025-11-24T08:51:00.000Z');
    expect(parseDate('Вчера, 23:10', { reference: REFERENCE })).toBe('2025-11-23T18:10:00.000Z');
    expect(parseDate('Today, 09:00', { reference: REFERENCE })).toBe('2025-11-24T04:00:00.000Z');
    expect(parseDate('今天 13:51', { reference: REFERENCE })).toBe('2025-11-24T08:51:00.000Z');
    // 20:00 UTC is already the 25th in Astana.
    expect(parseDate('сегодня, 00:30', { reference: new Date('2025-11-24T20:00:00Z') })).toBe('2025-11-24T19:30:00.000Z');
    expect(parseDate('вчера, 12:00')).toBeNull();
  });
});

describe('parseDate: the month names of every edition, in any case', () => {
  const MONTHS: Record<string, string[]> = {
    'ru, genitive': ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
    'ru and uz-Cyrl, nominative': ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
    'kk-Cyrl': ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
    'kk-Latn': ['qańtar', 'aqpan', 'naýryz', 'sáýir', 'mamyr', 'maýsym', 'shilde', 'tamyz', 'qyrkúıek', 'qazan', 'qarasha', 'jeltoqsan'],
    'kk-Arab': ['قاڭتار', 'اقپان', 'ناۋرىز', 'ءساۋىر', 'مامىر', 'ماۋسىم', 'شىلدە', 'تامىز', 'قىركۇيەك', 'قازان', 'قاراشا', 'جەلتوقسان'],
    'uz-Latn': ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr'],
    en: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
    'zh, as 2026 cards write it': Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
  };
  const cases = Object.entries(MONTHS).flatMap(([edition, names]) => names.flatMap((name, i) =>
    [...new Set([name, name.charAt(0).toUpperCase() + name.slice(1), name.toUpperCase()])].map((form) => [edition, form, i + 1] as const)));

  it.each(cases)('%s: "21:38, 18 %s 2026" is the 18th of month %i, 16:38 UTC', (_edition, form, month) => {
    expect(parseDate(`21:38, 18 ${form} 2026`)).toBe(`2026-${String(month).padStart(2, '0')}-18T16:38:00.000Z`);
  });
});

describe('parseDate: what is not a date', () => {
  it.each([
    '', '   ', 'hello', '2025', 'август 2025', '12 apples 2025', '31 февраля 2025', '2025-02-30', '25:00, 15 августа 2025',
    '1989-12-31T23:00:00Z', '2101-01-01T00:00:00Z', `${'x'.repeat(300)} 2025-11-24`,
  ])('%j → null', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('keeps the years 1990..2100 inclusive', () => {
    expect(parseDate('1990-01-01T00:00:00Z')).toBe('1990-01-01T00:00:00.000Z');
    expect(parseDate('2100-12-31T23:00:00Z')).toBe('2100-12-31T23:00:00.000Z');
  });
});

// ---- properties -------------------------------------------------------------------------------

const MIN = new Date('1990-01-02T00:00:00Z');
const MAX = new Date('2100-12-30T00:00:00Z');
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Fragments that steer random strings into the parsers' branches. */
const dateish = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 3000 }).map(String),
      fc.constantFrom('2025', '1990', '2100', '12', '31', '00', '-', '.', ',', ':', '/', ' ', 'T', 'Z', '+05:00', '-0300', 'GMT', 'EST', 'pm', '年', '月', '日', '下午'),
      fc.constantFrom('Август', 'августа', 'тамыз', 'қарашада', 'noyabr', 'ноябрда', 'August', 'Nov', 'Mon,', 'сегодня', 'вчера', 'قاراشا', 'ء'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('parseDate properties', () => {
  it('never throws, and returns null or an instant in range, on any string', () => {
    const anyString = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), dateish);
    const anyOptions = fc.record(
      { defaultOffsetMinutes: fc.oneof(fc.integer({ min: -900, max: 900 }), fc.constant(Number.NaN)), reference: fc.date() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(anyString, anyOptions, (s, options) => {
        const parsed = parseDate(s, options);
        if (parsed !== null) {
          expect(parsed).toMatch(ISO_INSTANT);
          expect(parsed >= '1990-01-01' && parsed < '2101-01-01').toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  const instant = fc.date({ min: MIN, max: MAX, noInvalidDate: true });
  const offset = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);
  const formatOffset = (minutes: number, colon: boolean) =>
    `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutes) / 60))}${colon ? ':' : ''}${pad(Math.abs(minutes) % 60)}`;
  /** The wall clock at `offset` minutes east of UTC, read through the UTC getters. */
  const wallClock = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

  it('round-trips RFC 822 with any numeric offset', () => {
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(instant, offset, (d, minutes) => {
        const w = wallClock(d, minutes);
        const text = `${days[w.getUTCDay()]}, ${pad(w.getUTCDate())} ${months[w.getUTCMonth()]} ${w.getUTCFullYear()} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())} ${formatOffset(minutes, false)}`;
        expect(parseDate(text)).toBe(new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips ISO 8601 with an offset, milliseconds included', () => {
    fc.assert(
      fc.property(instant, offset, (d, minutes) => {
        const local = wallClock(d, minutes).toISOString().slice(0, 23);
        expect(parseDate(`${local}${minutes === 0 ? 'Z' : formatOffset(minutes, true)}`)).toBe(d.toISOString());
      }),
      { numRuns: 1000 },
    );
  });

  it("tables Astana's offsets as the time-zone database has them (Asia/Almaty), 1990-2100", () => {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Almaty', timeZoneName: 'longOffset' });
    const intl = (t: number) => {
      const m = /GMT([+-])(\d{2}):(\d{2})/.exec(zone.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '');
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    };
    const differ: string[] = [];
    // Every 6 hours (no offset lasts less), and either side of each change the table makes.
    for (let t = Date.UTC(1989, 11, 31); t < Date.UTC(2101, 0, 2); t += 6 * 3_600_000) {
      if (astanaOffsetAt(t) !== intl(t)) differ.push(new Date(t).toISOString());
      if (astanaOffsetAt(t) !== astanaOffsetAt(t + 6 * 3_600_000)) {
        for (let s = t; s < t + 6 * 3_600_000; s += 60_000) if (astanaOffsetAt(s) !== intl(s)) differ.push(new Date(s).toISOString());
      }
    }
    expect(differ).toEqual([]);
  });

  it('round-trips the Russian displayed form in Astana civil time', () => {
    const genitive = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
    const astana = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Almaty', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    // Since 2005 Astana has no summer time; the hour repeated on 29 February 2024 has two readings.
    const ambiguous = (t: number) => t >= Date.UTC(2024, 1, 29, 17) && t < Date.UTC(2024, 1, 29, 19);
    const since2005 = fc.date({ min: new Date('2005-01-01T00:00:00Z'), max: MAX, noInvalidDate: true }).filter((d) => !ambiguous(d.getTime()));
    fc.assert(
      fc.property(since2005, (d) => {
        const p = Object.fromEntries(astana.formatToParts(d).map((x) => [x.type, x.value]));
        const text = `${pad(Number(p.hour))}:${p.minute}, ${Number(p.day)} ${genitive[Number(p.month) - 1]} ${p.year}`;
        expect(parseDate(text)).toBe(new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString());
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips the displayed forms of every edition at a fixed offset', () => {
    const names: Record<string, string[]> = {
      kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
      'kk-Latn': ['qańtar', 'aqpan', 'naýryz', 'sáýir', 'mamyr', 'maýsym', 'shilde', 'tamyz', 'qyrkúıek', 'qazan', 'qarasha', 'jeltoqsan'],
      'kk-Arab': ['قاڭتار', 'اقپان', 'ناۋرىز', 'ءساۋىر', 'مامىر', 'ماۋسىم', 'شىلدە', 'تامىز', 'قىركۇيەك', 'قازان', 'قاراشا', 'جەلتوقسان'],
      'uz-Cyrl': ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
      'uz-Latn': ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr'],
      en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    };
    const forms: ((y: number, m: number, d: number, hm: string) => string)[] = [
      ...Object.values(names).map((months) => (y: number, m: number, d: number, hm: string) => `${hm}, ${d} ${months[m - 1]} ${y}`),
      (y, m, d, hm) => `${names.en![m - 1]} ${d}, ${y} ${hm}`,
      (y, m, d, hm) => `${y}年${m}月${d}日 ${hm}`,
      (y, m, d, hm) => `${pad(d)}.${pad(m)}.${y} ${hm}`,
    ];
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: forms.length - 1 }), (d, form) => {
        const w = wallClock(d, 300);
        const text = forms[form]!(w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate(), `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`);
        expect(parseDate(text, { defaultOffsetMinutes: 300 })).toBe(new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
});
