import { keys } from '../../functions/lib/keys.ts';
import { lineLogger } from '../../functions/lib/log.ts';
import { startFeedServer } from '../feed-server.ts';
import { openStore } from '../open-store.ts';
import { localPublishedBase, warnOfSelfLinks } from '../self-links.ts';
import { untilInterrupted } from '../signals.ts';

/** `kazfeed serve`: serves the stored atlas, feeds and archive until Ctrl-C. */
export async function serveCommand(flags: { port: number }): Promise<void> {
  const log = lineLogger();
  const opened = await openStore(process.env, { existing: true });
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
    // Each request reads the current object, so what a run publishes meanwhile is served at once.
    if (!(await opened.store.exists(keys.feedAll('xml')))) log.warn('nothing is published in this store yet: these addresses answer 404 until a run publishes (npx kazfeed run, or npm start for the sample site)');
    else warnOfSelfLinks(log, await localPublishedBase(opened.store), server.origin);
    await untilInterrupted();
    await server.close();
  } finally {
    await opened.close();
  }
}
