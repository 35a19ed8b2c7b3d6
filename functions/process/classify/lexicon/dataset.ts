import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import kk from 'i18n-iso-countries/langs/kk.json' with { type: 'json' };
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import uz from 'i18n-iso-countries/langs/uz.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };

// The locales' data files alone, not the package's entry: the names are all the lexicons need, and
// the entry's code tables and diacritics folding would add 16 KB to the process bundle.
const LOCALES = { en, ru, kk, uz, zh };

export type DatasetLocale = keyof typeof LOCALES;

/**
 * Dependent territories: the agency writes about states; a territory's name
 * (Jersey, Reunion, Hong Kong) would only add false matches.
 */
const TERRITORIES = new Set(
  ('AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY ' +
    'MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT').split(' '),
);

/** Every state's names in one locale, cleaned into plain phrases: [code, phrase] pairs. */
export function datasetNames(locale: DatasetLocale): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const names: Record<string, string | string[]> = LOCALES[locale].countries;
  for (const [code, value] of Object.entries(names)) {
    if (TERRITORIES.has(code)) continue;
    for (const name of Array.isArray(value) ? value : [value]) for (const phrase of cleanName(name)) out.push([code, phrase]);
  }
  return out;
}

/** "КНР (Китайская Народная Республика)" → both; "Korea, Republic of" and "U.S." forms are dropped. */
function cleanName(name: string): string[] {
  if (name.includes(',') || name.includes('.')) return [];
  const paren = /^(.*?)\s*[(（](.*?)[)）]\s*$/.exec(name);
  const parts = paren ? [paren[1] ?? '', paren[2] ?? ''] : [name];
  return parts
    .map((p) => p.replace(/^The\s+/, '').trim())
    .filter((p) => p.length >= 2 && !/\b(?:the|of)$/i.test(p));
}
