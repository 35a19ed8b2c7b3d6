/**
 * Folding of words to matching keys, one scheme per lexicon family.
 *
 * Kazakh and Uzbek are written in several scripts (Cyrillic, Latin, and for Kazakh
 * the Arabic script), so their words are folded to one script-neutral Latin
 * "skeleton": a small letter mapping per script, then the few distinctions that
 * the scripts do not share are dropped (vowel harmony pairs, which the Arabic
 * script does not mark; i/y glides, which Latin spellings write differently; double
 * letters). A lexicon written once in Cyrillic then matches text in every script.
 */

export type Family = 'en' | 'ru' | 'kk' | 'uz' | 'zh';

/** One letter (or a Latin digraph's first letter) to its skeleton. */
const TURKIC: Record<string, string> = {
  // Cyrillic (Kazakh and Uzbek letters together)
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'gh', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z',
  и: 'i', й: 'i', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ng', о: 'o', ө: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ў: 'o', ф: 'f', х: 'h', ҳ: 'h', һ: 'h',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'i', і: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia',
  // Latin: Kazakh 2018 (acute) and 2021 (Turkish-style) alphabets, Uzbek Latin
  á: 'a', ä: 'a', ǵ: 'gh', ğ: 'gh', ı: 'i', ń: 'ng', ñ: 'ng', ó: 'o', ö: 'o', ş: 'sh', ç: 'ch',
  ú: 'u', ü: 'u', ū: 'u', ý: 'u', y: 'i', x: 'h', w: 'u', é: 'e', í: 'i',
  // Kazakh Arabic script (tote jazu), with the Arabic/Persian look-alikes it is typed with
  ا: 'a', ٵ: 'a', أ: 'a', إ: 'a', آ: 'a', ب: 'b', پ: 'p', ت: 't', ث: 's', ج: 'j', چ: 'ch',
  ح: 'h', خ: 'h', د: 'd', ذ: 'z', ر: 'r', ز: 'z', ژ: 'j', س: 's', ش: 'sh', ص: 's', ض: 'z',
  ط: 't', ظ: 'z', ع: 'gh', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ک: 'k', گ: 'g', ڭ: 'ng', ل: 'l',
  م: 'm', ن: 'n', ه: 'e', ە: 'e', ة: 'e', ھ: 'h', و: 'o', ٶ: 'o', ۆ: 'v', ۇ: 'u', ٷ: 'u',
  ۋ: 'u', ؤ: 'u', ى: 'i', ي: 'i', ی: 'i', ٸ: 'i', ئ: 'i', ء: '', ٴ: '', ـ: '',
  // Uzbek Latin apostrophes (oʻ, gʻ, tutuq belgisi) carry no letter of their own here
  'ʻ': '', 'ʼ': '', "'": '', '’': '', '‘': '', '`': '',
};

const APOSTROPHES = new Set(["'", 'ʻ', 'ʼ', '’', '‘', '`']);
const MARKS = /\p{M}/u;

/** Script-neutral skeleton of a Kazakh or Uzbek word in any of their scripts. */
export function turkicSkeleton(word: string): string {
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    // Uzbek Latin gʻ is ғ; the apostrophe after o (oʻ = ў) simply drops
    if (ch === 'g' && APOSTROPHES.has(lower[i + 1] ?? '')) {
      out += 'gh';
      i++;
      continue;
    }
    const mapped = TURKIC[ch];
    if (mapped !== undefined) out += mapped;
    else if (!MARKS.test(ch)) out += ch;
  }
  return simplify(out);
}

/**
 * Drops what the scripts spell differently: double letters, i/y glides before vowels,
 * and ц, which the Arabic script writes as س (Франция, فرانسيا).
 */
function simplify(s: string): string {
  return collapse(collapse(s.replace(/ts/g, 's')).replace(/i(?=[aeou])/g, ''));
}

function collapse(s: string): string {
  let out = '';
  for (const ch of s) if (ch !== out[out.length - 1]) out += ch;
  return out;
}

/** Russian: case and ё only. */
export function russianKey(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

/** English: case and diacritics (Türkiye, Côte d'Ivoire). */
export function englishKey(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const FOLD: Readonly<Record<Exclude<Family, 'zh'>, (word: string) => string>> = {
  en: englishKey, ru: russianKey, kk: turkicSkeleton, uz: turkicSkeleton,
};

export function wordKey(family: Exclude<Family, 'zh'>, word: string): string {
  return FOLD[family](word);
}
