/**
 * Amounts stated in an article (DESIGN.md `figures[]`): money, percentages and counts with a
 * clear unit, in every edition's number format. A number becomes a figure only next to a
 * currency, a percent sign or word, or a count unit, so years, dates, ordinals and bare
 * counts never do.
 */
import type { Figure } from '../../../schemas/article.ts';
import { detectLanguage } from './language.ts';
import { once } from '../../lib/once.ts';

/**
 * A number as written: digits in groups of three joined by one kind of separator (space,
 * NBSP, narrow NBSP, thin space, comma or dot), or plain digits; either with a decimal part
 * whose separator differs from the grouping one. Never the middle of a longer number or date.
 */
const NUMBER = /(?<![\p{N}.,])(?:\d{1,3}(?<sep>[ \u00A0\u202F\u2009,.])\d{3}(?:\k<sep>\d{3})*(?:(?!\k<sep>)[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\p{N}|[.,]\d)/gu;

/** A letter glued to a number ("A320", "G20") makes it a name, unless it is a currency code ("KZT5bn"). */
const NON_HAN_LETTER = /^[\p{L}--\p{Script=Han}]$/v;

/** A minus (or a hyphen that starts a word) before the number: "−0,3%", "(-2.5 percent)"; not "5-7%". */
const MINUS = /(?:^|[\s(])[-−]$/u;

/** Currency written before the number: "$555.7 million", "US$ 2 bn", "KZT5bn", "€5". */
const PREFIX = /(?:(?<![\p{L}])(?:US\s?)?(\$)|([€£₸₽])|(?<![\p{L}])(USD|EUR|KZT|RUB|CNY|UZS|GBP|JPY|TRY|KRW|KGS))\s?$/u;
const PREFIX_LOOKBACK = 8;
const PREFIX_SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '₸': 'KZT', '₽': 'RUB' };
/** A scale letter glued to an amount after its currency: "$300m", "€25m", "$4.4B", "$500k". */
const GLUED_SCALE = /([kmb])(?![\p{L}\p{N}])/iuy;
const GLUED_EXPONENT: Readonly<Record<string, number>> = { k: 3, m: 6, b: 9 };

/**
 * The unit patterns below cover every edition's script at once, so they are built together, on the
 * first figure's number rather than at import (V8 parses a /iu pattern with \p{L} when it is
 * constructed: milliseconds of the Lambda's init). Nothing but the moment they are built changes.
 */
interface UnitPatterns {
  readonly SCALE: RegExp;
  readonly CURRENCY_WORD: RegExp;
  readonly PERCENT: RegExp;
  readonly COUNT_UNIT: RegExp;
  readonly TURKIC_CASE_ENDING: RegExp;
}
const units = once((): UnitPatterns => ({ SCALE: buildScale(), CURRENCY_WORD: buildCurrencyWord(), PERCENT: buildPercent(), COUNT_UNIT: buildCountUnit(), TURKIC_CASE_ENDING: buildTurkicCaseEnding() }));

/** Scale words after the number, by power of ten; Chinese scale characters multiply (千万 = 10^7). */
const buildScale = () => new RegExp(
  String.raw`\s{0,2}(?:(?<cjk>[十百千万萬亿億]+)|(?:` +
    String.raw`(?<e3>тыс(?:\.|яч\p{L}*)?|мың|минг|ming|myń|myñ|thousand|مىڭ)|` +
    String.raw`(?<e6>млн\.?|миллион\p{L}*|million\p{L}*|mln\.?|mn|ميلليون\p{L}*|ملن)|` +
    String.raw`(?<e9>млрд\.?|миллиард\p{L}*|milliard\p{L}*|mlrd\.?|billion\p{L}*|bln|bn|ميلليارد\p{L}*|ملرد)|` +
    String.raw`(?<e12>трлн\.?|триллион\p{L}*|trillion\p{L}*|trln\.?|تريلليون\p{L}*)` +
    String.raw`)(?!\p{L}))`,
  'iuy',
);
const CJK_EXPONENT: Readonly<Record<string, number>> = { 十: 1, 百: 2, 千: 3, 万: 4, 萬: 4, 亿: 8, 億: 8 };
/** The lower part of an amount in two scales: the "300" of «12 млрд 300 млн долларов». */
const LOWER_PART = /\s{1,2}(\d{1,3})(?![\d.,]\d)/uy;

/**
 * Currency words after the number (or its scale), to ISO 4217, case endings included
 * («долларни», «теңгеге», «доллардан»). The bare dollar is USD; 元 comes last so that
 * 美元 / 欧元 / 日元 / 韩元 win. Ambiguous words (фунт, вон, лира) need their adjective; манат
 * (AZN or TMT) is left out rather than guessed.
 */
const buildCurrencyWord = () => new RegExp(
  String.raw`\s{0,2}(?:(?:американск\p{L}*|АҚШ|AQSh|US|U\.S\.)\s+)?(?:` +
    String.raw`(?<USD>доллар\p{L}*|долл\.|dollar\p{L}*|دوللار\p{L}*|美元)|` +
    String.raw`(?<EUR>евро\p{L}{0,4}(?!\p{L})|еуро\p{L}{0,4}(?!\p{L})|yevro\p{L}{0,4}(?!\p{L})|eýro\p{L}{0,4}(?!\p{L})|euro\p{L}{0,4}(?!\p{L})|euros?(?!\p{L})|ەۋرو\p{L}*|欧元)|` +
    String.raw`(?<KZT>тенге\p{L}{0,4}(?!\p{L})|теңге\p{L}{0,5}(?!\p{L})|tenge(?!\p{L})|teńge\p{L}{0,5}(?!\p{L})|teñge\p{L}{0,5}(?!\p{L})|تەڭگە\p{L}*|坚戈|₸)|` +
    String.raw`(?<RUB>рубл\p{L}{0,4}(?!\p{L})|rubl\p{L}{0,4}(?!\p{L})|roubles?(?!\p{L})|rubles?(?!\p{L})|رۋبل\p{L}*|卢布|₽)|` +
    String.raw`(?<UZS>сўм\p{L}{0,5}(?!\p{L})|сум(?:ов|а|ы)?(?!\p{L})|so['ʻʼ‘’\x60]m\p{L}{0,5}(?!\p{L})|soums?(?!\p{L})|苏姆)|` +
    String.raw`(?<KGS>сом(?:ов|а|ы)?(?!\p{L})|Kyrgyz\s+soms?(?!\p{L}))|` +
    String.raw`(?<GBP>фунт\p{L}{0,3}\s+стерлинг\p{L}{0,3}(?!\p{L})|pounds?\s+sterling(?!\p{L})|英镑)|` +
    String.raw`(?<JPY>[ий]ен\p{L}{0,2}(?!\p{L})|yen(?!\p{L})|日元)|` +
    String.raw`(?<TRY>турецк\p{L}*\s+лир\p{L}{0,2}(?!\p{L})|Turkish\s+liras?(?!\p{L})|土耳其里拉)|` +
    String.raw`(?<KRW>(?:южно)?корейск\p{L}*\s+вон\p{L}{0,2}(?!\p{L})|(?:South\s+)?Korean\s+won(?!\p{L})|韩元)|` +
    String.raw`(?<CNY>юан\p{L}{0,4}(?!\p{L})|ıýan\p{L}{0,4}(?!\p{L})|يۋان\p{L}*|yuan(?!\p{L})|renminbi(?!\p{L})|人民币|元)` +
    ')',
  'iuy',
);
/** ISO codes after the number, upper case only ("5 million USD"; "try" is a word). */
const CURRENCY_CODE = /\s{0,2}(USD|EUR|KZT|RUB|CNY|UZS|GBP|JPY|TRY|KRW|KGS)(?!\p{L})/uy;

/** Percentage points first, so «процентных пункта» is not read as a percent. */
const buildPercent = () => new RegExp(
  String.raw`\s{0,2}(?:(?<pp>п\.\s?п\.|percentage\s+points?(?!\p{L})|процентн\p{L}*\s+пункт\p{L}*|пайыздық\s+тармақ\p{L}*|foiz\s+punkt\p{L}*|фоиз\s+пункт\p{L}*|个百分点)|` +
    String.raw`(?<pct>[%％]|процент\p{L}*|проц\.|пайыз\p{L}*|paıyz\p{L}*|фоиз\p{L}*|foiz\p{L}*|percent(?!\p{L})|per\s+cent(?!\p{L})|پايىز\p{L}*))`,
  'iuy',
);

/** Count units clear enough to make a figure; «т» counts as tonnes only after a scale («5 млн т»). */
const buildCountUnit = () => new RegExp(
  String.raw`\s{0,2}(?:` +
    String.raw`(?<people>человек\p{L}{0,2}(?!\p{L})|чел\.|адам\p{L}{0,4}(?!\p{L})|adam\p{L}{0,4}(?!\p{L})|ادام\p{L}*|киши\p{L}{0,4}(?!\p{L})|kishi\p{L}{0,4}(?!\p{L})|odam\p{L}{0,4}(?!\p{L})|people(?!\p{L})|persons(?!\p{L})|人(?!民))|` +
    String.raw`(?<tonnes>тонн(?!ел)\p{L}{0,5}(?!\p{L})|tonna\p{L}{0,4}(?!\p{L})|توننا\p{L}*|tonnes?(?!\p{L})|(?:metric\s+)?tons(?!\p{L})|吨|(?<=(?:млн|млрд|тыс|мың)\.?\s{0,2})т\.?(?!\p{L}))|` +
    String.raw`(?<m3>кубометр\p{L}{0,3}(?!\p{L})|куб\.\s?м\.?(?!\p{L})|текше\s+метр\p{L}{0,3}(?!\p{L})|tekshe\s+metr\p{L}{0,3}(?!\p{L})|تەكشە\s+مەتر\p{L}*|كۋبومەتر\p{L}*|[мm]³|cubic\s+met(?:re|er)s(?!\p{L})|立方米)|` +
    String.raw`(?<barrels>баррел\p{L}{0,6}(?!\p{L})|barrel\p{L}{0,3}(?!\p{L})|باررەل\p{L}*|桶)` +
    ')',
  'iuy',
);
const COUNT_UNITS: Readonly<Record<string, string>> = { people: 'people', tonnes: 'tonnes', m3: 'cubic metres', barrels: 'barrels' };

/** What follows a full stop that ends a sentence: the end of the text, or a space and a capital letter. */
const SENTENCE_AFTER = /^(?:$|\s\p{Lu})/u;

/** Editions that write a decimal point; the others write a decimal comma. */
const DECIMAL_POINT_LANGUAGES: ReadonlySet<string> = new Set(['en', 'zh-Hans']);
const DECIMAL_MARK = /[.,]/;
const NON_DIGITS = /\D/g;

/** Runs a sticky regex at `at`; the match and where it ends. */
function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The name of the named group that matched. */
function matchedGroup(m: RegExpExecArray): string {
  return Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)![0];
}

function scaleExponent(m: RegExpExecArray | null): number {
  if (m === null) return 0;
  const name = matchedGroup(m);
  if (name !== 'cjk') return Number(name.slice(1));
  return [...m.groups!.cjk!].reduce((e, c) => e + CJK_EXPONENT[c]!, 0);
}

/**
 * The exact value of a written number times 10^exponent, computed on the digit string so
 * "555,7" × 10^6 is 555700000, not 555700000.0000001. A lone comma or dot group ("1,200",
 * "5.557") is a thousands separator or a decimal one by the edition's convention.
 */
function valueOf(written: string, sep: string | undefined, exponent: number, decimalPoint: () => boolean): number {
  let decimal: string | undefined;
  if (sep === undefined || sep.trim() === '') {
    decimal = DECIMAL_MARK.exec(written)?.[0];
  } else {
    const other = sep === ',' ? '.' : ',';
    if (written.includes(other)) decimal = other;
    else if (written.indexOf(sep) === written.lastIndexOf(sep)) {
      const thousands = sep === ',' ? decimalPoint() : !decimalPoint() && exponent === 0;
      if (!thousands) decimal = sep;
    }
  }
  const [whole = '', fraction = ''] = decimal === undefined ? [written] : written.split(decimal);
  const digits = (whole + fraction).replace(NON_DIGITS, '');
  return Number(`${digits}e${exponent - fraction.length}`);
}

/**
 * Kazakh and Uzbek glue case endings onto the unit word ("долларни", "фоизга", "теңгеге"); a
 * figure's `raw` ends at the word itself, as Russian and English ones do.
 */
const TURKIC_UNIT_WORD = [
  'доллар', 'dollar', 'دوللار', 'фоиз', 'foiz', 'пайыз', 'paıyz', 'پايىز', 'теңге', 'teńge', 'тенге', 'تەڭگە', 'сўм', "so['ʻʼ‘’\x60]m",
  'евро', 'еуро', 'yevro', 'eýro', 'ەۋرو', 'юань', 'ıýan', 'يۋان', 'тонна', 'tonna', 'توننا', 'адам', 'adam', 'ادام', 'кубометр', 'kýbometr', 'كۋبومەتر',
  // Every unit word takes them, the multi-word ones on their last word («текше метрге», «пайыздық тармаққа», «фоиз пунктга»).
  'рубль', 'rýbl', 'رۋبل', 'баррель', 'barrel', 'باررەل', String.raw`текше\s+метр`, String.raw`tekshe\s+metr`, String.raw`تەكشە\s+مەتر`,
  String.raw`пайыздық\s+тармақ`, String.raw`paıyzdyq\s+tarmaq`, String.raw`фоиз\s+пункт`, String.raw`foiz\s+punkt`,
].join('|');
/** Case, possessive and adjectival endings, Cyrillic, Latin and Arabic script alike. */
const TURKIC_ENDING = [
  'нинг', 'ning', 'ни', 'ni', 'ны', 'ні', 'ға', 'ге', 'қа', 'ке', 'га', 'ка', 'ǵa', 'ge', 'ga', 'ka', 'qa', 'ke',
  'дан', 'ден', 'тан', 'тен', 'нан', 'нен', 'dan', 'den', 'tan', 'ten', 'nan', 'nen', 'да', 'де', 'та', 'те', 'da', 'de', 'ta', 'te',
  'дың', 'дің', 'тың', 'тің', 'ның', 'нің', 'dyń', 'diń', 'tyń', 'tiń', 'nyń', 'niń',
  'лик', 'lik', 'лық', 'лік', 'тық', 'тік', 'дық', 'дік', 'lyq', 'tyq', 'tik', 'dyq', 'dik',
  'ды', 'ді', 'ты', 'ті', 'dy', 'di', 'ty', 'ti', 'ына', 'іне', 'yna', 'ine', 'ын', 'ін', 'yn', 'ın', 'in', 'сы', 'сі', 'ы', 'і', 'sy', 'si', 'y', 'i',
  'гача', 'ғача', 'қача', 'кача',
  // The approximative «-дай» (about, «1,5 млрд доллардай»).
  'дай', 'дей', 'тай', 'тей', 'daı', 'deı', 'taı', 'teı', 'داي', 'دەي', 'تاي', 'تەي',
  'ининг', 'ини', 'ига', 'ида', 'идан', 'и', 'ining', 'ini', 'iga', 'ida', 'idan',
  'نىڭ', 'دىڭ', 'تىڭ', 'دى', 'تى', 'نى', 'عا', 'گە', 'قا', 'كە', 'دان', 'دەن', 'تان', 'تەن', 'نان', 'نەن', 'دا', 'دە', 'تا', 'تە',
  'لىق', 'لىك', 'دىق', 'دىك', 'تىق', 'تىك', 'ىنا', 'ىن', 'ى',
].join('|');

/**
 * Kazakh and Uzbek glue case endings onto the unit word ("долларни", "фоизга", "теңгеге",
 * "دوللاردى", "paıyzǵa"); a figure's `raw` ends at the word itself, as Russian and English ones do.
 */
const buildTurkicCaseEnding = () => new RegExp(`(${TURKIC_UNIT_WORD})(?:${TURKIC_ENDING})+$`, 'iu');

/** The figures of one paragraph, in order of appearance. */
function paragraphFigures(text: string, paragraph: number): Figure[] {
  const figures: Figure[] = [];
  let decimalPointCache: boolean | undefined;
  const decimalPoint = () => (decimalPointCache ??= DECIMAL_POINT_LANGUAGES.has(detectLanguage(text)));
  NUMBER.lastIndex = 0;
  let patterns: UnitPatterns | undefined;
  for (let n = NUMBER.exec(text); n !== null; n = NUMBER.exec(text)) {
    const numberEnd = n.index + n[0].length;
    const prefix = PREFIX.exec(text.slice(Math.max(0, n.index - PREFIX_LOOKBACK), n.index));
    if (!prefix && NON_HAN_LETTER.test(text[n.index - 1] ?? '')) continue;
    const negative = !prefix && MINUS.test(text.slice(Math.max(0, n.index - 2), n.index));
    const start = prefix ? n.index - prefix[0].length : negative ? n.index - 1 : n.index;
    const { SCALE, CURRENCY_WORD, PERCENT, COUNT_UNIT, TURKIC_CASE_ENDING } = (patterns ??= units());

    let end = numberEnd;
    let kind: Figure['kind'] | undefined;
    let unit: string | undefined;
    let exponent = 0;
    let addend = 0;
    let scaleEnd = -1;
    const percent = prefix ? null : stickyAt(PERCENT, text, numberEnd);
    if (percent) {
      [kind, unit, end] = ['percent', percent.groups!.pp ? 'pp' : '%', PERCENT.lastIndex];
    } else {
      const scale = stickyAt(SCALE, text, numberEnd);
      const glued = !scale && prefix ? stickyAt(GLUED_SCALE, text, numberEnd) : null;
      exponent = glued ? GLUED_EXPONENT[glued[1]!.toLowerCase()]! : scaleExponent(scale);
      let afterScale = scale ? SCALE.lastIndex : glued ? GLUED_SCALE.lastIndex : numberEnd;
      // «12 млрд 300 млн долларов», «8 mlrd 150 mln dollar»: one amount in two scales.
      const lower = scale ? stickyAt(LOWER_PART, text, afterScale) : null;
      const lowerScale = lower ? stickyAt(SCALE, text, LOWER_PART.lastIndex) : null;
      if (lower && lowerScale && scaleExponent(lowerScale) < exponent) {
        addend = Number(lower[1]) * 10 ** scaleExponent(lowerScale);
        afterScale = SCALE.lastIndex;
      }
      if (scale) scaleEnd = afterScale;
      const word = stickyAt(CURRENCY_WORD, text, afterScale);
      const code = word ? null : stickyAt(CURRENCY_CODE, text, afterScale);
      const count = prefix || word || code ? null : stickyAt(COUNT_UNIT, text, afterScale);
      if (prefix) {
        kind = 'money';
        unit = prefix[3] ?? PREFIX_SYMBOLS[prefix[1] ?? prefix[2]!]!;
        end = word ? CURRENCY_WORD.lastIndex : afterScale;
      } else if (word || code) {
        kind = 'money';
        unit = word ? matchedGroup(word) : code![1]!;
        end = word ? CURRENCY_WORD.lastIndex : CURRENCY_CODE.lastIndex;
      } else if (count) {
        kind = 'count';
        unit = COUNT_UNITS[matchedGroup(count)]!;
        end = COUNT_UNIT.lastIndex;
      }
    }
    if (kind === undefined || unit === undefined) continue;
    // "…made US$ 111.4 mln. Exports…": an abbreviated scale's dot that ends a sentence is its full stop (not «долл. США»).
    if (end === scaleEnd && text[end - 1] === '.' && SENTENCE_AFTER.test(text.slice(end, end + 2))) end -= 1;
    const magnitude = valueOf(n[0], n.groups?.sep, exponent, decimalPoint) + addend;
    const value = negative && magnitude !== 0 ? -magnitude : magnitude;
    // 308 digits and more make Infinity, which no JSON number holds: such a figure is left out, the article kept.
    if (!Number.isFinite(value)) continue;
    figures.push({ kind, value, unit, raw: text.slice(start, end).replace(TURKIC_CASE_ENDING, '$1'), paragraph });
    NUMBER.lastIndex = end;
  }
  return figures;
}

/**
 * Money, percent and count amounts in an article: `paragraphs[0]` is the summary (paragraph 0),
 * the body's paragraphs follow (1..n, across sections). `raw` is the matched text verbatim, up to
 * the unit word (without a Kazakh or Uzbek case ending).
 */
export function extractFigures(paragraphs: readonly string[]): Figure[] {
  return paragraphs.flatMap((text, paragraph) => paragraphFigures(text, paragraph));
}
