import { FeedMembership } from '../../schemas/index-entry.ts';
import { keys } from '../../functions/lib/keys.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { noneIfUnreadable } from '../../functions/lib/store.ts';
import { startFeedServer } from '../feed-server.ts';
import { openStore } from '../open-store.ts';
import { untilInterrupted } from '../signals.ts';

/** `kazfeed serve`: serves the stored atlas, feeds and archive until Ctrl-C. */
export async function serveCommand(flags: { port: number }): Promise<void> {
  const log = lineLogger();
  const opened = await openStore();
  try {
    const server = await startFeedServer(opened.store, flags.port).catch((error: NodeJS.ErrnoException) => {
      // Unlike the demo, serve keeps to the port asked for: readers subscribed to its URLs expect it there.
      throw error.code === 'EADDRINUSE' ? new Error(`port ${flags.port} on 127.0.0.1 is busy (another kazfeed serve or demo?); stop that, or give another with --port (0 = any free one)`) : error;
    });
    log.info(`serving ${opened.description} on ${server.origin}`);
    log.info(`  ${server.origin}/site/index.html`);
    log.info(`  ${server.origin}/feeds/all.xml`);
    log.info(`  ${server.origin}/feeds/all.json`);
    log.info(`  ${server.origin}/archive/manifest.json`);
    // An unreadable index/members.json says nothing here: serve serves what is stored, and check names it.
    const published = (await opened.store.getJson(keys.members, FeedMembership).catch(noneIfUnreadable))?.value.publicBaseUrl;
    // A base on this machine other than this server's is a port that may be dead; a deployment's address is left alone.
    if (published && published !== server.origin && new URL(published).hostname === '127.0.0.1') {
      log.warn(`the feeds' self links and feeds/feeds.opml name ${published}, where they were last published, not ${server.origin}: a reader that follows them goes there. To rewrite them (nothing is fetched): npx kazfeed reprocess --public-url ${server.origin}`);
    }
    await untilInterrupted();
    await server.close();
  } finally {
    await opened.close();
  }
}
