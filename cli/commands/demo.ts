import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../../functions/lib/config.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import type { Store } from '../../functions/lib/store.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { type FeedServer, startFeedServer } from '../feed-server.ts';
import { openStore } from '../open-store.ts';
import { type ReplaySite, startReplaySite } from '../replay-site.ts';
import { untilInterrupted } from '../signals.ts';

export const SAMPLE_SITE = fileURLToPath(new URL('../../fixtures/kazinform-site/', import.meta.url));

/**
 * `npm start`: replays the sample Kazinform site on 127.0.0.1, runs the whole pipeline against it
 * into the store (embedded unless KAZFEED_BUCKET is set), then serves the feeds until Ctrl-C.
 */
export async function demoCommand(flags: { port: number }): Promise<void> {
  const log = lineLogger();
  const started = Date.now();
  const opened = await openStore();
  let site: ReplaySite | undefined;
  let server: FeedServer | undefined;
  try {
    site = await startReplaySite(SAMPLE_SITE);
    server = await startFeedServer(opened.store, flags.port).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      log.warn(`port ${flags.port} is busy; serving on a free port instead`);
      return startFeedServer(opened.store, 0);
    });
    log.info(`sample Kazinform site replayed on ${site.origin}; store: ${opened.description}`);
    const config = resolveConfig({
      feeds: site.feedUrls.map((url) => ({ url })),
      allowHosts: [new URL(site.origin).host],
      publicBaseUrl: server.origin,
    });
    const report = await runPipeline(config, { store: opened.store, log });
    const c = report.counts;
    const origin = server.origin;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      [
        '',
        `Feeds (serving from ${opened.description}):`,
        `  ${origin}/feeds/all.xml`,
        `  ${origin}/feeds/all.json`,
        ...(await listFeeds(opened.store)).map((key) => `  ${origin}/${key}`),
        `  ${origin}/archive/manifest.json`,
        '',
        `In ${seconds} s this run read ${c.seen} feed items from ${report.feeds.length} feeds (${c.new} new), fetched ${c.fetched} article pages, ` +
          `stored ${c.accepted} articles of which ${c.bilateral} are about the relations of two states and go into the feeds, ` +
          `rejected ${c.rejected} and met ${c.errors} errors. Run it again and nothing new is fetched. Press Ctrl-C to stop.`,
        '',
      ].join('\n'),
    );
    await untilInterrupted();
  } finally {
    await server?.close();
    await site?.close();
    await opened.close();
  }
}

async function listFeeds(store: Store): Promise<string[]> {
  const found: string[] = [];
  for await (const key of store.list('feeds/')) if (key !== 'feeds/all.xml' && key !== 'feeds/all.json') found.push(key);
  return found;
}
