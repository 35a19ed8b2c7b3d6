/**
 * What each field of the stored JSON means, for the exported JSON Schemas' `description`s (and the
 * few rules zod checks in code that JSON Schema can state). Kept here, not in the zod schemas, so
 * that the Lambda bundles, which import those, do not carry the text. A path names a property from
 * the root: `relations.pair`, `figures[].value` (`[]` for an array's items); `''` is the root.
 * tests/schemas/json-schema.test.ts fails when a property has no description or a path names none.
 */
/** A description, or a description with JSON Schema keywords merged into the property. */
export type FieldDoc = string | { description: string; [keyword: string]: unknown };

/** An http(s) address, the scheme in any case, as zod's protocol check takes it. */
const HTTP_URL = '^[Hh][Tt][Tt][Pp][Ss]?://';
const UTC = 'An instant in UTC, ISO 8601 with `Z`';
const ISO_COUNTRY = 'ISO 3166-1 alpha-2 code, upper case (`KZ`)';
const PERIOD = 'ISO 8601 year, month, quarter, date or interval (`2024`, `2025-03`, `2025-Q3`, `2025-01/2025-09`)';
const FIGURE_KIND = '`money` (unit an ISO 4217 code), `percent` (unit `%`, or `pp` for percentage points) or `count` (unit `people`, `tonnes`, `cubic metres` or `barrels`)';
const FIGURE_UNIT = 'ISO 4217 code for money (a bare dollar, «доллар», 美元, is `USD`), `%` or `pp` for percentages, a short noun for counts';
const CHANGE = 'The growth the text ties to this figure ("up 5.4%" → 5.4, a fall negative): in percent; in percentage points for a share the text says changed by points ("up 0.5 pp to 3.2%" → 0.5); null when the text ties none';
const PARAGRAPH = 'Where the figure is stated: 0 is the summary, the body\'s paragraphs count from 1 across sections';
const DIRECTION = 'For exports and imports: from which state to which, as ISO codes; null otherwise';
const ITEM = {
  '': 'One item a source listed (a feed entry, a sitemap entry, a list page\'s card), before its page was fetched',
  id: 'The article id the item\'s address gives (see the article\'s `id`)',
  url: { description: 'The article\'s address, tracking parameters and fragment removed', pattern: HTTP_URL },
  feedUrl: { description: 'The source the item came from', pattern: HTTP_URL },
  title: 'The source\'s title for it: provisional, the page\'s own wins',
  publishedAt: `The source's date for it, when it had one a parser could read (${UTC}): provisional, the page's own wins`,
  feedLanguage: 'The language hint of the entry, its edition or its source (`ru`, `kk`, ...), or null',
} satisfies Record<string, FieldDoc>;

const prefixed = (prefix: string, docs: Record<string, FieldDoc>): Record<string, FieldDoc> =>
  Object.fromEntries(Object.entries(docs).map(([path, doc]) => [path ? `${prefix}.${path}` : prefix, doc]));

export const FIELD_DOCS = {
  article: {
    '': 'A Kazinform article, extracted, normalised and classified: `articles/YYYY/MM/DD/<id>.json` and each line of `archive/daily/YYYY-MM-DD.ndjson.gz`. Fields may be added within schema version 1; a reader ignores those it does not know',
    schemaVersion: 'The article schema\'s version: 1. Fields added since (1.1: figures\' metric, period, direction, change; 1.2: planned) are additive',
    id: 'Stable id: the edition plus Kazinform\'s own id from the URL (`oz-9f3a27`, `en-a3866397`), the same whichever feed or host led to the article',
    url: { description: 'The canonical article address, tracking parameters stripped', pattern: HTTP_URL },
    source: 'Always `kazinform`',
    language: 'The text\'s language and script, decided by its script and letters, not only by the feed',
    title: 'The headline, plain text, without the site\'s " | Kazinform" suffix',
    summary: 'The lead, plain text, with its dateline taken off; empty when the page has none',
    dateline: 'The dateline parsed off the lead, or null when it has none',
    'dateline.place': 'The place as written in the text, same script and spelling (`ASTANA`, `АСТАНА`)',
    authors: 'Bylines as the page gives them',
    tags: 'The page\'s own tags',
    imageUrl: { description: 'The lead image\'s absolute address, or null', pattern: HTTP_URL },
    imageCredit: 'Who took or supplied the lead image, from its caption without the "Photo:" label ("Photo: Akorda" → `Akorda`), or null',
    publishedAt: `When the article was published: ${UTC} (Kazinform's displayed times are Astana time, UTC+5 since 2024-03-01, UTC+6 before that)`,
    updatedAt: `When the page says it was last updated (${UTC}); equal to publishedAt when it states no later update`,
    fetchedAt: `When the page was fetched (${UTC})`,
    body: 'The article\'s text',
    'body.sections': 'The body in order: sections of paragraphs, each under its sub-heading when it has one; the lead is not repeated',
    'body.sections[].heading': 'The section\'s sub-heading, plain text; absent for a section without one (the text before the first sub-heading)',
    'body.sections[].paragraphs': 'Plain text, Unicode NFC, whitespace collapsed, boilerplate ("Kazinform reports", share buttons, related news) removed',
    relations: {
      description: 'Whether the article is about two states\' relations, and which',
      allOf: [{
        if: { properties: { kind: { type: 'string', const: 'bilateral' } }, required: ['kind'] },
        then: { properties: { countries: { type: 'array', minItems: 2, maxItems: 2 }, pair: { type: 'string' } } },
        else: { properties: { pair: { type: 'null' } } },
      }],
    },
    'relations.kind': '`bilateral`: about the relations of two states (two other than Kazakhstan too); `multilateral`: a summit or meeting of several states; `none`: anything else',
    'relations.countries': `The pair when bilateral, the states taking part when multilateral, [] when none; each an ${ISO_COUNTRY}, sorted`,
    'relations.pair': 'When bilateral, the two codes of `countries` joined with "-" (`KZ-TM`); null otherwise',
    'relations.kazakhstanInvolved': 'Whether Kazakhstan is one of a bilateral pair; false for every article that is not bilateral',
    'relations.confidence': 'The calibrated probability, 0 to 1, that the classification is right',
    'relations.topics': 'What the relations are about, from a fixed vocabulary',
    'relations.signals': 'The evidence that carried the decision, strongest first, in words',
    figures: 'Amounts the summary and body state, normalised, in the order of the text',
    'figures[].kind': FIGURE_KIND,
    'figures[].value': 'The amount as a plain number in its unit (555,7 миллион доллар → 555700000). A range whose lower end has no unit of its own («от 5 до 6 млрд долларов», "2-3%") gives its upper end; "about" and "more than" are not recorded',
    'figures[].unit': FIGURE_UNIT,
    'figures[].raw': 'The matched text as it stands in its paragraph (a Kazakh or Uzbek case ending after the unit left off)',
    'figures[].paragraph': PARAGRAPH,
    'figures[].metric': 'What the figure measures (schema 1.1): `volume` is tonnes, cubic metres, barrels or people; `growth` and `share` are percentages; absent in articles stored before it',
    'figures[].period': `The period the text states for it (schema 1.1): ${PERIOD}, relative ones resolved against publishedAt in Astana time; null when the text states none`,
    'figures[].direction': `${DIRECTION} (schema 1.1)`,
    'figures[].direction.from': ISO_COUNTRY,
    'figures[].direction.to': ISO_COUNTRY,
    'figures[].change': `${CHANGE} (schema 1.1)`,
    'figures[].planned': 'True when the text states the figure as a target, plan, forecast or expectation, not as reported (schema 1.2); absent in articles stored before it',
    contentHash: 'sha256 (lower-case hex) of the normalised title and body: equal hashes mean nothing a reader sees has changed',
    provenance: 'Where the article came from and what made it',
    'provenance.feedUrl': 'The source that listed the item, or null',
    'provenance.extractor': 'The extractor that produced the body (`kazinform@2024-01`, `json-ld`, `generic`)',
    'provenance.fields': 'Which extractor produced each field group (title, summary, dates, authors, body, ...)',
    'provenance.parse': 'What the extraction parsed: `article` (the page\'s head and article element) or `document` (the whole page); the same article either way',
    'provenance.pipelineVersion': 'The version of the pipeline that built this JSON',
    'provenance.rawKey': 'The key of the page as fetched (`raw/YYYY/MM/DD/<id>.html.gz`), from which `kazfeed reprocess` rebuilds the article',
    'provenance.decoding': 'How decoding the page fell back, when it had to (a declared charset overruled, a guess, bytes replaced)',
  },
  series: {
    '': '`archive/series/<a-b>.json`: the figures one pair\'s articles state, by metric, period and direction; conflicting values side by side, never averaged',
    pair: 'The pair, ISO codes sorted and joined with "-" (`KZ-TM`)',
    updatedAt: `When the file was last written (${UTC})`,
    entries: 'One entry per metric, period and direction reported; planned figures, figures with no period and `other` ones are left out',
    'entries[].metric': 'What the values measure (see the article\'s `figures[].metric`)',
    'entries[].period': `${PERIOD}; a quarter is written as its months (\`2025-Q3\` as \`2025-07/2025-09\`)`,
    'entries[].direction': DIRECTION,
    'entries[].direction.from': ISO_COUNTRY,
    'entries[].direction.to': ISO_COUNTRY,
    'entries[].values': 'Every reported value, each with the article and paragraph it was stated in',
    'entries[].values[].value': 'The amount as a plain number in its unit',
    'entries[].values[].unit': FIGURE_UNIT,
    'entries[].values[].kind': FIGURE_KIND,
    'entries[].values[].change': CHANGE,
    'entries[].values[].articleId': 'The `id` of the article that states it',
    'entries[].values[].url': 'The address of the article that states it',
    'entries[].values[].paragraph': PARAGRAPH,
    'entries[].values[].raw': 'The figure as written',
    'entries[].values[].publishedAt': `When that article was published (${UTC})`,
  },
  'archive-manifest': {
    '': '`archive/manifest.json`: every daily archive file, with what a downloader needs to verify it',
    files: 'One entry per daily file, oldest first',
    'files[].key': 'The file\'s key (`archive/daily/YYYY-MM-DD.ndjson.gz`)',
    'files[].date': 'The UTC day whose articles it holds',
    'files[].count': 'How many articles (lines) it holds',
    'files[].bytes': 'The size of the `.gz` file in bytes',
    'files[].sha256': 'sha256 (lower-case hex) of the `.gz` file\'s bytes',
  },
  'rejected-item': {
    '': '`rejected/YYYY/MM/DD/<id>.json`: an item that did not become a valid article, kept for review (`kazfeed export --rejected`, `kazfeed refetch`)',
    id: 'The item\'s article id',
    ...prefixed('item', ITEM),
    rejectedAt: `When it was last rejected (${UTC})`,
    reason: 'Why, in one line',
    issues: 'The schema\'s issues, when the article built from the page failed validation',
    'issues[].path': 'The field, as a path of names and indexes',
    'issues[].message': 'What is wrong with it',
    'issues[].code': 'The kind of issue (zod\'s code)',
    rawKey: 'The key of the page as fetched, when one was stored (an HTML page); null otherwise',
    error: 'The exception, when one was raised while the page became an article',
    'error.stage': 'The stage that raised it',
    'error.name': 'The exception\'s name',
    'error.message': 'The exception\'s message',
    'error.frame': 'The first frame of its stack, or null',
    candidate: 'What normalisation produced, for looking into a validation failure',
  },
  'source-item': ITEM,
  'run-report': {},
  config: {},
} satisfies Record<string, Record<string, FieldDoc>>;
