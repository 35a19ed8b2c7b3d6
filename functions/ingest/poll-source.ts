import type { FeedConfig } from '../../schemas/config.ts';
import type { CandidateOutcome, FeedOutcome, SourceStatus } from '../../schemas/run-report.ts';
import type { SourceItem } from '../../schemas/source-item.ts';
import type { IngestState, SourceState } from '../../schemas/state.ts';
import { errorMessage, FetchError } from '../lib/errors.ts';
import type { HttpClient } from '../lib/http.ts';
import { type ParsedSource, readSource } from './read-source.ts';

/**
 * How often an edition served by a later candidate tries the earlier ones again: an RSS feed
 * that comes back is used within hours, at the cost of a few requests a day.
 */
export const PROBE_INTERVAL_MS = 6 * 3_600_000;

/**
 * No further candidate of a source is started after this long on it: hosts that hang (each try
 * waits out its timeouts and retries) must not keep an ingest run past its deadline (the Lambda
 * function's is 5 minutes, for every source).
 */
export const SOURCE_BUDGET_MS = 60_000;

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.1';

export interface PollContext {
  http: HttpClient;
  /** Read for the validators and the remembered candidates; this poll's are written into it. */
  state: IngestState;
  now: Date;
  maxItems: number;
  /** Pages of a paginated list read at most per poll, the first included (PipelineConfig.maxListPages). */
  maxListPages: number;
  /** See SOURCE_BUDGET_MS (injectable for tests). */
  budgetMs?: number;
  /** Filled with the URLs whose validators this poll stored (forgotten again when items are left waiting). */
  validated?: string[];
}

/** A configured source seen one way: a name, a language hint, its candidates in order. */
interface SourcePlan {
  name: string;
  language: string | undefined;
  candidates: readonly string[];
  edition: boolean;
}

function planOf(config: FeedConfig): SourcePlan {
  return 'url' in config
    ? { name: config.url, language: config.language, candidates: [config.url], edition: false }
    : { name: config.edition, language: config.language, candidates: config.candidates, edition: true };
}

/**
 * The order to try an edition's candidates in: from the one that served last, then the later
 * ones, then the earlier ones; from the first every PROBE_INTERVAL_MS (and when none is
 * remembered), so an earlier candidate that starts to answer takes over again.
 */
export function candidateOrder(candidates: readonly string[], remembered: SourceState | undefined, now: Date): { order: string[]; probedAt: string | undefined } {
  const served = remembered?.servedBy ? candidates.indexOf(remembered.servedBy) : -1;
  const due = served < 0 || (served > 0 && (!remembered?.probedAt || now.getTime() - Date.parse(remembered.probedAt) >= PROBE_INTERVAL_MS));
  if (due) return { order: [...candidates], probedAt: served === 0 ? remembered?.probedAt : now.toISOString() };
  return { order: [...candidates.slice(served), ...candidates.slice(0, served)], probedAt: remembered?.probedAt };
}

interface Tried {
  outcome: CandidateOutcome;
  items: SourceItem[];
  skipped: ParsedSource['skipped'];
  notes: string[];
}

const SERVED: ReadonlySet<SourceStatus> = new Set(['fetched', 'not-modified']);

function failed(url: string, error: unknown): Tried {
  const status: SourceStatus = error instanceof FetchError && error.kind === 'blocked' ? 'blocked' : 'error';
  return { outcome: { url, status, kind: null, items: 0, error: errorMessage(error) }, items: [], skipped: [], notes: [] };
}

/**
 * One conditional GET and read of a source URL. Validators are kept only for an answer with
 * items, so an empty or broken answer is read again next time rather than answered with a 304.
 */
async function fetchSource(url: string, language: string | undefined, ctx: PollContext): Promise<{ tried: Tried; parsed?: ParsedSource }> {
  const previous = ctx.state.feeds[url];
  try {
    const response = await ctx.http.get(url, { accept: ACCEPT, conditional: { etag: previous?.etag, lastModified: previous?.lastModified } });
    const checkedAt = ctx.now.toISOString();
    if (response.status === 304) {
      ctx.state.feeds[url] = { ...previous, checkedAt };
      return { tried: { outcome: { url, status: 'not-modified', kind: previous?.kind ?? null, items: 0 }, items: [], skipped: [], notes: [] } };
    }
    const parsed = readSource(response.text, response.contentType, {
      url: response.url,
      ...(language ? { languageHint: language } : {}),
      maxItems: ctx.maxItems,
      allows: (target) => ctx.http.allows(target),
      now: ctx.now,
    });
    const { items, skipped, kind } = parsed;
    // A fallback decoding is what leaves mojibake titles behind: the report says it happened.
    const notes = response.decoding ? [`decoded as ${response.decoding}`, ...parsed.notes] : parsed.notes;
    if (items.length) {
      ctx.state.feeds[url] = { etag: response.etag, lastModified: response.lastModified, checkedAt, kind };
      ctx.validated?.push(url);
    }
    const status: SourceStatus = items.length ? 'fetched' : 'empty';
    const error = items.length ? undefined : (notes[0] ?? (kind === 'sitemap-index' ? undefined : 'no items'));
    return { tried: { outcome: { url, status, kind, items: items.length, ...(error ? { error } : {}) }, items, skipped, notes }, parsed };
  } catch (error) {
    return { tried: failed(url, error) };
  }
}

/**
 * A paginated list (`/ru/lenta`, `?page=2`, ...) whose first page holds only items never seen
 * has probably more new ones after it (a run after a pause; 24 items a page, some 160 a day in
 * Russian): its next pages are read in turn while each one read is all new and adds an item, up
 * to maxListPages pages in all. A next page that fails ends the reading, with a note.
 */
async function readListPages(first: Tried, nextPage: string, language: string | undefined, ctx: PollContext): Promise<Tried> {
  const items = new Map(first.items.map((item) => [item.id, item]));
  const notes = [...first.notes];
  const allNew = (page: readonly SourceItem[]) => page.every((item) => !ctx.state.items[item.id]);
  let next: string | undefined = nextPage;
  let last = first.items;
  for (let pages = 1; next && pages < ctx.maxListPages && allNew(last); pages += 1) {
    const { tried, parsed } = await fetchSource(next, language, ctx);
    if (tried.outcome.status !== 'fetched') {
      if (tried.outcome.status !== 'not-modified') notes.push(`${next}: ${tried.outcome.status}${tried.outcome.error ? `, ${tried.outcome.error}` : ''}`);
      break;
    }
    const before = items.size;
    for (const item of tried.items) if (!items.has(item.id)) items.set(item.id, item);
    if (items.size === before) break;
    last = tried.items;
    next = parsed?.nextPage;
  }
  const found = [...items.values()].slice(0, ctx.maxItems);
  return { ...first, outcome: { ...first.outcome, items: found.length }, items: found, notes };
}

/**
 * A candidate read: a sitemap index is read through its newest sitemaps (each with its own
 * conditional GET; the index itself is read in full every time, as its sitemaps change under it),
 * a paginated list through its next pages while they are new (readListPages).
 */
async function tryCandidate(url: string, language: string | undefined, ctx: PollContext): Promise<Tried> {
  const { tried, parsed } = await fetchSource(url, language, ctx);
  if (parsed?.nextPage && tried.outcome.status === 'fetched') return readListPages(tried, parsed.nextPage, language, ctx);
  if (parsed?.kind !== 'sitemap-index') return tried;
  const items = new Map<string, SourceItem>();
  const notes = [...parsed.notes];
  const skipped: Tried['skipped'] = [];
  const statuses: SourceStatus[] = [];
  const failures: string[] = [];
  for (const sitemap of parsed.sitemaps ?? []) {
    const read = await fetchSource(sitemap, language, ctx);
    statuses.push(read.tried.outcome.status);
    if (read.parsed?.kind === 'sitemap-index') notes.push(`${sitemap}: an index inside an index, not followed`);
    else if (read.tried.outcome.error) failures.push(`${sitemap}: ${read.tried.outcome.status}, ${read.tried.outcome.error}`);
    for (const item of read.tried.items) if (!items.has(item.id)) items.set(item.id, item);
    skipped.push(...read.tried.skipped);
  }
  const found = [...items.values()].slice(0, ctx.maxItems);
  // Unchanged sitemaps still serve the index: their items were read before.
  const status: SourceStatus = found.length ? 'fetched' : statuses.includes('not-modified') ? 'not-modified'
    : statuses.includes('blocked') ? 'blocked' : statuses.includes('error') ? 'error' : 'empty';
  const error = status === 'fetched' || status === 'not-modified' ? undefined : (failures[0] ?? 'no sitemap listed');
  return { outcome: { url, status, kind: 'sitemap-index', items: found.length, ...(error ? { error } : {}) }, items: found, skipped, notes: [...notes, ...failures] };
}

export interface PolledSource {
  /** The source as this poll saw it; `newItems` is left to the caller, which knows what is new. */
  outcome: FeedOutcome;
  items: SourceItem[];
  skipped: ParsedSource['skipped'];
}

/**
 * Polls one configured source: its candidates in turn (see candidateOrder) until one serves
 * (answers 304, or with items), remembering which in the state. When none serves the source is
 * blocked if any candidate answered with a challenge or block page (and since when, over runs),
 * else empty if any was read without items, else in error.
 */
export async function pollSource(config: FeedConfig, ctx: PollContext): Promise<PolledSource> {
  const plan = planOf(config);
  const remembered = ctx.state.sources[plan.name];
  const { order, probedAt } = candidateOrder(plan.candidates, remembered, ctx.now);
  const tried: Tried[] = [];
  let served: Tried | undefined;
  const started = performance.now();
  for (const url of order) {
    if (tried.length && performance.now() - started > (ctx.budgetMs ?? SOURCE_BUDGET_MS)) break;
    const attempt = await tryCandidate(url, plan.language, ctx);
    tried.push(attempt);
    if (SERVED.has(attempt.outcome.status)) {
      served = attempt;
      break;
    }
  }
  const statuses = tried.map((t) => t.outcome.status);
  const status: SourceStatus = served ? served.outcome.status : statuses.includes('blocked') ? 'blocked' : statuses.includes('empty') ? 'empty' : 'error';
  const shown = served ?? tried.find((t) => t.outcome.status === status) ?? (tried[0] as Tried);
  const now = ctx.now.toISOString();
  const blockedSince = status === 'blocked' ? (remembered?.blockedSince ?? now) : undefined;
  const servedBy = served?.outcome.url ?? remembered?.servedBy;
  ctx.state.sources[plan.name] = { ...(servedBy ? { servedBy } : {}), ...(probedAt ? { probedAt } : {}), ...(blockedSince ? { blockedSince } : {}), checkedAt: now };

  const untried = order.length - tried.length;
  const error = served ? undefined
    : plan.edition ? `no candidate served: ${tried.map((t) => `${t.outcome.url} ${t.outcome.status}${t.outcome.error ? ` (${t.outcome.error})` : ''}`).join('; ')}${untried ? `; ${untried} more not tried, the source's ${(ctx.budgetMs ?? SOURCE_BUDGET_MS) / 1000} s were spent` : ''}`
    : shown.outcome.error;
  const outcome: FeedOutcome = {
    source: plan.name,
    url: shown.outcome.url,
    kind: shown.outcome.kind,
    status,
    items: shown.items.length,
    newItems: 0,
    ...(error ? { error } : {}),
    ...(shown.notes.length ? { notes: shown.notes } : {}),
    ...(blockedSince ? { blockedSince } : {}),
    ...(plan.edition ? { candidates: tried.map((t) => t.outcome) } : {}),
  };
  return { outcome, items: served?.items ?? [], skipped: served?.skipped ?? [] };
}
