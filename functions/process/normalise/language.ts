/**
 * Language of an article, decided by its text (DESIGN.md: "decided by the text's script,
 * not only by the feed it came from"). Script first, then letters and function words that
 * only one language of that script uses; a feed's language only breaks ties.
 */
import { LANGUAGES, type Language } from '../../../schemas/article.ts';

/** Enough text to decide; keeps detection O(1) on long reads. */
const SAMPLE_CHARS = 4000;

/** A Han character carries about a word, a Latin or Cyrillic word some five letters: weigh them so. */
const HAN_WEIGHT = 4;

type Base = 'en' | 'ru' | 'kk' | 'uz' | 'zh';
type Script = 'Latn' | 'Cyrl' | 'Arab' | 'Hani';

/** Per script, the languages Kazinform writes in it; the first wins when nothing decides. */
const CANDIDATES = {
  Cyrl: [['ru', 'ru'], ['kk', 'kk-Cyrl'], ['uz', 'uz-Cyrl']],
  Latn: [['en', 'en'], ['kk', 'kk-Latn'], ['uz', 'uz-Latn']],
} as const satisfies Record<string, ReadonlyArray<readonly [Base, Language]>>;

/** Letters of one language only, within its script; letters two of them share count half to each. */
const KK_CYRL_LETTERS = /[әңөұүіһӘҢӨҰҮІҺ]/gu;
const UZ_CYRL_LETTERS = /[ўҳЎҲ]/gu;
const KK_UZ_CYRL_LETTERS = /[қғҚҒ]/gu;
/** ы is Russian and Kazakh, never Uzbek: half a point to each of ru and kk. */
const RU_KK_CYRL_LETTERS = /[ыЫ]/gu;
/** The Uzbek genitive -нинг (Kazakh writes -ның/-нің, Russian has no such ending). */
const UZ_CYRL_GENITIVE = /\p{L}нинг(?!\p{L})/gu;
/** Kazakh Latin: the 2018 acute alphabet (á ǵ ı ń ó ú ý) and the 2021 one (ä ğ ñ ö ū ü ş). */
const KK_LATN_LETTERS = /[áǵıńóúýäğñöūüşÁǴŃÓÚÝÄĞÑÖŪÜŞ]/gu;
/** Uzbek Latin oʻ gʻ, written with U+02BB or one of its usual stand-ins. */
const UZ_LATN_LETTERS = /[oOgG][ʻʼ'’‘`]/gu;

/** Frequent words that occur in one language of the script only (none shared with another). */
const FUNCTION_WORDS: Readonly<Record<'Cyrl' | 'Latn', ReadonlyMap<string, Base>>> = {
  Cyrl: wordIndex({
    ru: 'и в на с по что не для о от из к это как года также при его а за или но после был была были будет',
    kk: 'және мен бен пен бойынша туралы деп бұл үшін жылы екі сондай-ақ арасындағы бүгін енді кейін арқылы осы немесе бірақ',
    uz: 'ва билан учун бўйича ҳам бу деб эса йил йилда ҳамда икки ўртасидаги бугун энди кейин бўлиб орқали шу ушбу бўлди ёки лекин аммо',
  }),
  Latn: wordIndex({
    en: 'the and of to in is for on with that by was has are its from at as',
    kk: 'jáne jäne boıynsha boiynşa týraly turaly dep bul úshin üşın jyly eki',
    uz: "va bilan uchun boʻyicha bo'yicha ham bu deb esa yil yilda hamda ikki oʻrtasidagi o'rtasidagi",
  }),
};

function wordIndex(words: Partial<Record<Base, string>>): ReadonlyMap<string, Base> {
  return new Map(Object.entries(words).flatMap(([base, list]) => list.split(' ').map((w) => [w, base as Base] as const)));
}

/** A word of letters, with inner apostrophes (oʻzbek) and hyphens (сондай-ақ). */
const WORD = /\p{L}+(?:[ʻʼ'’‘`-]\p{L}+)*/gu;

/** Parses tags and short forms: `kk`, `KK-cyrl`, `uz_Latn`, `zh-CN`, `kaz`, `ru-RU`. */
const TAG = /^([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_][a-z0-9]{2,8})*$/i;

const BASES: Readonly<Record<string, Base>> = {
  en: 'en', eng: 'en', ru: 'ru', rus: 'ru', kk: 'kk', kaz: 'kk', uz: 'uz', uzb: 'uz', zh: 'zh', zho: 'zh', chi: 'zh',
};

/** Scripts each language is published in; the first is the default (oz.inform.kz is Cyrillic). */
const SCRIPTS: Readonly<Record<Base, Readonly<Record<string, Language>>>> = {
  en: { latn: 'en' },
  ru: { cyrl: 'ru' },
  kk: { cyrl: 'kk-Cyrl', latn: 'kk-Latn', arab: 'kk-Arab' },
  uz: { cyrl: 'uz-Cyrl', latn: 'uz-Latn' },
  zh: { hans: 'zh-Hans' },
};

/**
 * Maps a language tag or short form to a stored tag: `kk` → `kk-Cyrl`, `uz` → `uz-Cyrl`,
 * `zh` → `zh-Hans`, `kk-latn` → `kk-Latn`; regions are ignored. Null when the language or
 * script is not one Kazinform publishes in (e.g. `zh-Hant`, `de`).
 */
export function normaliseLanguageTag(tag: string): Language | null {
  const m = TAG.exec(tag.trim());
  if (!m) return null;
  const base = BASES[m[1]!.toLowerCase()];
  if (!base) return null;
  const scripts = SCRIPTS[base];
  if (m[2] === undefined) return Object.values(scripts)[0]!;
  return scripts[m[2].toLowerCase()] ?? null;
}

function hintBase(hint: string | undefined): Base | undefined {
  if (hint === undefined) return undefined;
  const m = TAG.exec(hint.trim());
  return m ? BASES[m[1]!.toLowerCase()] : undefined;
}

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

function dominantScript(s: string): Script | null {
  let latn = 0, cyrl = 0, arab = 0, han = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) latn++;
    } else if (c >= 0x0400 && c <= 0x052f) cyrl++;
    else if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) arab++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) han += HAN_WEIGHT;
    else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) latn++;
  }
  const best = Math.max(latn, cyrl, arab, han);
  if (best === 0) return null;
  return han === best ? 'Hani' : arab === best ? 'Arab' : cyrl === best ? 'Cyrl' : 'Latn';
}

/** Scores per language within one script: distinctive letters plus function words (weight 2). */
function scores(s: string, script: 'Cyrl' | 'Latn'): Map<Base, number> {
  const score = new Map<Base, number>(CANDIDATES[script].map(([b]) => [b, 0]));
  const add = (b: Base, n: number) => score.set(b, score.get(b)! + n);
  if (script === 'Cyrl') {
    const kkUz = count(KK_UZ_CYRL_LETTERS, s) / 2;
    const ruKk = count(RU_KK_CYRL_LETTERS, s) / 2;
    add('ru', ruKk);
    add('kk', count(KK_CYRL_LETTERS, s) + kkUz + ruKk);
    add('uz', count(UZ_CYRL_LETTERS, s) + kkUz + count(UZ_CYRL_GENITIVE, s));
  } else {
    add('kk', count(KK_LATN_LETTERS, s));
    add('uz', count(UZ_LATN_LETTERS, s));
  }
  const words = FUNCTION_WORDS[script];
  for (const w of s.toLowerCase().match(WORD) ?? []) {
    const b = words.get(w);
    if (b !== undefined) add(b, 2);
  }
  return score;
}

/**
 * The stored language tag of a text. Han → zh-Hans; Arabic script → kk-Arab (the only
 * Arabic-script edition); Cyrillic → ru / kk-Cyrl / uz-Cyrl and Latin → en / kk-Latn /
 * uz-Latn by distinctive letters and function words. `hint` (a feed language or stored tag,
 * e.g. `kk`, `uz-Cyrl`) decides only between equally scored candidates of the text's script,
 * and is the answer when the text has no letters at all (else `en`).
 */
export function detectLanguage(text: string, hint?: string): Language {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const script = dominantScript(sample);
  if (script === null) return (hint !== undefined ? normaliseLanguageTag(hint) : null) ?? 'en';
  if (script === 'Hani') return 'zh-Hans';
  if (script === 'Arab') return 'kk-Arab';
  const score = scores(sample, script);
  const top = Math.max(...score.values());
  const tied = CANDIDATES[script].filter(([b]) => score.get(b) === top);
  const preferred = hintBase(hint);
  return (tied.find(([b]) => b === preferred) ?? tied[0]!)[1];
}

/**
 * The stored tag of a text given an optional caller tag: a stored tag (any case) is kept; a short
 * form (`kk`, `uz`, `zh`) or none lets the text's script decide, the tag only breaking ties.
 */
export function resolveLanguage(text: string, tag?: string | null): Language {
  const stored = tag ? LANGUAGES.find((l) => l.toLowerCase() === tag.toLowerCase()) : undefined;
  return stored ?? detectLanguage(text, tag ?? undefined);
}
