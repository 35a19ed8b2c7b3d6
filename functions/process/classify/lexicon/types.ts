import type { Topic } from '../../../../schemas/article.ts';

/**
 * How a country is named: the kinds weigh differently as evidence
 * (a leader or a name says more than an ethnonym, which also names a people or a language).
 */
export type MentionKind = 'name' | 'adjective' | 'ethnonym' | 'capital' | 'region' | 'leader' | 'side' | 'self';

/**
 * What a cue phrase argues for. `meeting` marks a bilateral meeting held at a multilateral event;
 * `conflict`, a statement on a conflict or unrest (calls for restraint, condemnation); `reaction`,
 * public reaction on social media; `host`, Kazakhstan hosting or mediating two other states'
 * talks (then the talks are that pair's).
 */
export type CueKind = 'bilateral' | 'meeting' | 'multilateral' | 'trilateral' | 'sport' | 'company' | 'digest' | 'conflict' | 'reaction' | 'host';

/** The cue catalogue: one English label per cue, shared by every language's phrases. */
export const CUES = {
  'state visit': { kind: 'bilateral', weight: 2 },
  'official visit': { kind: 'bilateral', weight: 2 },
  visit: { kind: 'bilateral', weight: 1 },
  talks: { kind: 'bilateral', weight: 1.5 },
  meeting: { kind: 'bilateral', weight: 0.5 },
  'phone call': { kind: 'bilateral', weight: 2 },
  ambassador: { kind: 'bilateral', weight: 1.5 },
  embassy: { kind: 'bilateral', weight: 1 },
  consulate: { kind: 'bilateral', weight: 1 },
  bilateral: { kind: 'bilateral', weight: 2 },
  'two countries': { kind: 'bilateral', weight: 2 },
  'two peoples': { kind: 'bilateral', weight: 1.5 },
  'strategic partnership': { kind: 'bilateral', weight: 1.5 },
  'diplomatic relations': { kind: 'bilateral', weight: 1.5 },
  'intergovernmental commission': { kind: 'bilateral', weight: 2 },
  'trade turnover': { kind: 'bilateral', weight: 1.5 },
  'joint statement': { kind: 'bilateral', weight: 1.5 },
  credentials: { kind: 'bilateral', weight: 1.5 },
  interregional: { kind: 'bilateral', weight: 1 },
  counterpart: { kind: 'bilateral', weight: 1 },
  'humanitarian aid': { kind: 'bilateral', weight: 1.5 },
  message: { kind: 'bilateral', weight: 1 },
  'state award': { kind: 'bilateral', weight: 1 },
  agreement: { kind: 'bilateral', weight: 0.5 },
  memorandum: { kind: 'bilateral', weight: 0.5 },
  relations: { kind: 'bilateral', weight: 0.5 },
  partnership: { kind: 'bilateral', weight: 0.5 },
  friendship: { kind: 'bilateral', weight: 0.5 },
  'the sides': { kind: 'bilateral', weight: 0.5 },
  cooperation: { kind: 'bilateral', weight: 0.3 },

  'bilateral meeting': { kind: 'meeting', weight: 2 },
  sidelines: { kind: 'meeting', weight: 1.5 },

  SCO: { kind: 'multilateral', weight: 2 },
  CIS: { kind: 'multilateral', weight: 2 },
  EAEU: { kind: 'multilateral', weight: 2 },
  OTS: { kind: 'multilateral', weight: 2 },
  CICA: { kind: 'multilateral', weight: 2 },
  CSTO: { kind: 'multilateral', weight: 2 },
  UN: { kind: 'multilateral', weight: 1.5 },
  EU: { kind: 'multilateral', weight: 1.5 },
  OSCE: { kind: 'multilateral', weight: 2 },
  NATO: { kind: 'multilateral', weight: 2 },
  BRICS: { kind: 'multilateral', weight: 2 },
  ASEAN: { kind: 'multilateral', weight: 2 },
  OIC: { kind: 'multilateral', weight: 2 },
  'G20/G7': { kind: 'multilateral', weight: 2 },
  'C5+1': { kind: 'multilateral', weight: 2 },
  'international organisation': { kind: 'multilateral', weight: 1 },
  summit: { kind: 'multilateral', weight: 1.5 },
  'Central Asian states': { kind: 'multilateral', weight: 2 },
  // A region named, not an event: it weighs nothing, but is still matched for summit formats (Central Asia – China).
  'Central Asia': { kind: 'multilateral', weight: 0 },
  'consultative meeting': { kind: 'multilateral', weight: 2 },
  'Caspian states': { kind: 'multilateral', weight: 2 },
  'member states': { kind: 'multilateral', weight: 1.5 },
  multilateral: { kind: 'multilateral', weight: 1.5 },
  'secretary general': { kind: 'multilateral', weight: 1 },
  congress: { kind: 'multilateral', weight: 0.5 },
  forum: { kind: 'multilateral', weight: 0.3 },

  trilateral: { kind: 'trilateral', weight: 2 },

  'Davis Cup': { kind: 'sport', weight: 3 },
  'national team': { kind: 'sport', weight: 2 },
  match: { kind: 'sport', weight: 1.5 },
  tournament: { kind: 'sport', weight: 1.5 },
  sport: { kind: 'sport', weight: 1.5 },

  company: { kind: 'company', weight: 1 },
  'company executive': { kind: 'company', weight: 1.5 },

  digest: { kind: 'digest', weight: 1.5 },

  conflict: { kind: 'conflict', weight: 1 },

  'social media': { kind: 'reaction', weight: 1 },

  host: { kind: 'host', weight: 1 },
} as const satisfies Record<string, { kind: CueKind; weight: number }>;

export type CueLabel = keyof typeof CUES;

/** ISO alpha-2 code → phrases. */
export type CountryTerms = Readonly<Partial<Record<string, readonly string[]>>>;

/**
 * What one language family adds to the country dataset, plus its cue and topic phrases.
 *
 * Phrase syntax (token languages): words separated by spaces; a word ending in `*` is a
 * stem taking any inflection, in `+` (Russian) a stem taking adjective endings; a bare
 * word of a cue or topic phrase is exact. Bare words of names, capitals and leaders are
 * inflected by the family's own rule (Russian case endings, Kazakh/Uzbek suffix chains).
 * A word written in capitals (США, SCO) is an abbreviation: matched exactly, in capitals.
 */
export interface FamilyLexicon {
  readonly names: CountryTerms;
  readonly adjectives: CountryTerms;
  readonly ethnonyms: CountryTerms;
  readonly capitals: CountryTerms;
  /**
   * Regions and major cities: subnational cooperation (a region's delegation, a province's
   * governor) names its states this way, often only this way.
   */
  readonly regions: CountryTerms;
  readonly leaders: CountryTerms;
  /** Phrases meaning "Kazakhstan" from Kazinform's own point of view ("our country", "Head of State"). */
  readonly self: readonly string[];
  /** Phrases that contain a country's name but do not name the state (agency names, regions). */
  readonly stop: readonly string[];
  readonly cues: Readonly<Partial<Record<CueLabel, readonly string[]>>>;
  readonly topics: Readonly<Partial<Record<Topic, readonly string[]>>>;
}

/** What a matched phrase stands for. */
export type Target =
  | { readonly type: 'country'; readonly code: string; readonly kind: MentionKind }
  | { readonly type: 'cue'; readonly label: CueLabel }
  | { readonly type: 'topic'; readonly topic: Topic }
  | { readonly type: 'stop' };
