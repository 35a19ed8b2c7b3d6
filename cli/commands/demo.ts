import { fileURLToPath } from 'node:url';
import { KAZINFORM_EDITIONS, resolveConfig } from '../../functions/lib/config.ts';
import { keys } from '../../functions/lib/keys.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import type { Store } from '../../functions/lib/store.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import type { FeedConfig } from '../../schemas/config.ts';
import type { FeedOutcome } from '../../schemas/run-report.ts';
import { type FeedServer, startFeedServer } from '../feed-server.ts';
import { openStore } from '../open-store.ts';
import { localPublishedBase, warnOfSelfLinks } from '../self-links.ts';
import { loadReplaySite, replayUrl } from '../replay-site.ts';
import { untilInterrupted } from '../signals.ts';
import { plural } from '../../functions/lib/plural.ts';

export const SAMPLE_SITE = fileURLToPath(new URL('../../fixtures/kazinform-site/', import.meta.url));

/**
 * `npm start`: replays the sample Kazinform site on 127.0.0.1, runs the whole pipeline against it
 * into the store (embedded unless KAZFEED_BUCKET is set), then serves the feeds, beside the site,
 * until Ctrl-C. The run polls the default editions and their candidates, each moved onto the
 * replayed site.
 */
export async function demoCommand(flags: { port: number }): Promise<void> {
  const log = lineLogger();
  const started = Date.now();
  const opened = await openStore();
  let server: FeedServer | undefined;
  try {
    // The sample site is served beside the feeds, from one origin: the stored articles' links and
    // images keep working across runs as long as the port does.
    const site = await loadReplaySite(SAMPLE_SITE);
    let fellBack = false;
    server = await startFeedServer(opened.store, flags.port, { beside: site }).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      const free = await startFeedServer(opened.store, 0, { beside: site });
      log.warn(`port ${flags.port} is busy; serving on ${free.origin} instead (the links of articles stored by earlier runs name the port those runs served on, and open while it serves them)`);
      fellBack = true;
      return free;
    });
    const origin = server.origin;
    // On a stand-in port, feeds published for a local one keep naming it: another demo may serve
    // this home there, and this port dies with this demo.
    const kept = fellBack ? await localPublishedBase(opened.store) : undefined;
    log.info(`sample Kazinform site replayed on ${origin}; store: ${opened.description}`);
    const config = resolveConfig({
      feeds: KAZINFORM_EDITIONS.map((edition) => ({ ...edition, candidates: edition.candidates.map((url) => replayUrl(url, origin)) })),
      allowHosts: [new URL(origin).host],
      publicBaseUrl: kept ?? origin,
    });
    warnOfSelfLinks(log, kept, origin);
    const report = await runPipeline(config, { store: opened.store, log });
    const c = report.counts;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      [
        '',
        `Atlas: ${origin}/site/index.html`,
        '',
        'Editions (each from the first of its candidates that served):',
        ...report.feeds.map((f) => `  ${f.source.padEnd(8)} ${describeEdition(f, config.feeds, origin)}`),
        '',
        `Feeds (serving from ${opened.description}):`,
        `  ${origin}/feeds/all.xml`,
        `  ${origin}/feeds/all.json`,
        ...(await listFeeds(opened.store)).map((key) => `  ${origin}/${key}`),
        `  ${origin}/${keys.opml} (every feed, for a reader's import)`,
        `  ${origin}/archive/manifest.json`,
        '',
        `In ${seconds} s this run read ${plural(c.seen, 'item')} from ${plural(report.feeds.length, 'edition')} (${c.new} new), fetched ${plural(c.fetched, 'article page')}, ` +
          `stored ${plural(c.accepted, 'article')} of which ${c.bilateral} ${c.bilateral === 1 ? 'is' : 'are'} about the relations of two states and go${c.bilateral === 1 ? 'es' : ''} into the feeds, ` +
          `rejected ${c.rejected} and met ${plural(c.errors, 'error')}. Run it again and nothing new is fetched. Press Ctrl-C to stop.`,
        '',
      ].join('\n'),
    );
    await untilInterrupted();
  } finally {
    await server?.close();
    await opened.close();
  }
}

/** "html /qz/ (candidate 3 of 3)": what served an edition, or why nothing did. */
function describeEdition(outcome: FeedOutcome, feeds: readonly FeedConfig[], origin: string): string {
  if (outcome.status !== 'fetched' && outcome.status !== 'not-modified') return `${outcome.status}: ${outcome.error ?? ''}`;
  const candidates = feeds.flatMap((f) => ('edition' in f && f.edition === outcome.source ? [f.candidates] : []))[0] ?? [outcome.url];
  return `${outcome.kind} ${outcome.url.slice(origin.length)} (candidate ${candidates.indexOf(outcome.url) + 1} of ${candidates.length})`;
}

async function listFeeds(store: Store): Promise<string[]> {
  const found: string[] = [];
  for await (const key of store.list('feeds/')) if (key !== 'feeds/all.xml' && key !== 'feeds/all.json' && key !== keys.opml) found.push(key);
  return found;
}
