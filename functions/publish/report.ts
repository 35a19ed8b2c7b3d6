import type { Logger } from '../lib/log.ts';
import { plural } from '../lib/plural.ts';
import type { PublishResult } from './index.ts';
import { REFILL_MAX_DAYS } from './refill.ts';

/**
 * What a command prints of its publish: what was published from which articles (`new` for a run
 * or a refetch, `reprocessed` for a reprocess: rewritten, restored or recovered), then what was
 * rebuilt, what a damaged object held back and what was rendered again, so that every command
 * that publishes warns alike.
 */
export function logPublished(log: Logger, published: PublishResult, articles: 'new' | 'reprocessed'): void {
  if (published.pending) log.info(`published ${plural(published.feeds.length, 'feed file')} and ${plural(published.days.length, 'daily archive')} from ${plural(published.pending, `${articles} article`)}`);
  if (published.recovered.length) log.warn(`rebuilt ${published.recovered.join(', ')}: damaged or gone; a feed's index from the daily files of the last ${REFILL_MAX_DAYS} days (kazfeed check --repair rebuilds it from every article, and names what else is damaged)`);
  if (published.damaged.length) log.warn(`the series or the atlas did not take these articles: ${published.damaged.join(', ')} ${published.damaged.length === 1 ? 'is' : 'are'} damaged (kazfeed check --repair rebuilds them from the articles)`);
  if (published.rerendered.length) log.info(`rendered ${plural(published.rerendered.length, 'feed file and page', 'feed files and pages')} again: this version renders them differently, or their base URL changed`);
}
