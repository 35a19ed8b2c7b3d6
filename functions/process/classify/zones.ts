/**
 * The article as weighted zones: the title and the lead say what an article is
 * about; the tail often only recalls background.
 */

export type ZoneRole = 'title' | 'lead' | 'body';

export interface Zone {
  readonly role: ZoneRole;
  readonly text: string;
  readonly weight: number;
}

const TITLE_WEIGHT = 3;
const LEAD_WEIGHT = 2;
/** Body paragraphs 1, 2, 3...; later ones weigh the last value. */
const BODY_WEIGHTS = [1.5, 1.25, 1, 1, 1, 0.75];

// "ASTANA. KAZINFORM –", "АСТАНА. 24 мая. КАЗИНФОРМ /Author/ -", "استانا. KAZINFORM -",
// "ASTANA. QazAqparat –", "TASHKENT. Кazinform –" (look-alike letters included).
const AGENCY = /(?:[kк]azinform|казинформ|qazaqparat|қазақпарат|قازاقپارات)(?:\s*\/[^/\n]{0,60}\/)?\s*[-–—]*\s*/iu;
/** What may precede the agency's name in a dateline: a place in capitals (or caseless), maybe a date. */
const DATELINE_PLACE = /^[^\p{Ll}\n]{0,40}(?:\d{1,2}\s+\p{Ll}+\.\s*)?$/u;
// "（哈萨克国际通讯社讯）", "哈通社/阿斯塔纳/8月14日 --"
const ZH_DATELINE = /^(?:（[^）]{0,20}通讯社[^）]{0,4}）|哈通社\/[^/\n]{0,12}\/[^\n]{0,12}?(?:--|—{1,2}|－|-))\s*/u;

/** The lead without the agency's dateline: the dateline's place is not what the article is about. */
export function stripDateline(text: string): string {
  const rest = text.replace(ZH_DATELINE, '');
  const agency = AGENCY.exec(rest);
  if (!agency || !DATELINE_PLACE.test(rest.slice(0, agency.index))) return rest;
  return rest.slice(agency.index + agency[0].length);
}

export function buildZones(title: string, summary: string, paragraphs: readonly string[]): Zone[] {
  const zones: Zone[] = [];
  if (title.trim()) zones.push({ role: 'title', text: title, weight: TITLE_WEIGHT });
  const body = paragraphs.filter((p) => p.trim());
  // With no summary, the first paragraph is the lead.
  const lead = summary.trim() ? summary : (body.shift() ?? '');
  if (lead.trim()) zones.push({ role: 'lead', text: stripDateline(lead), weight: LEAD_WEIGHT });
  body.forEach((text, i) => {
    zones.push({ role: 'body', text, weight: BODY_WEIGHTS[Math.min(i, BODY_WEIGHTS.length - 1)] as number });
  });
  return zones;
}
