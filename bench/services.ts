/**
 * The servers of the end-to-end and publish benchmarks, in a process of their own so that the
 * pipeline's process holds nothing but the pipeline: the embedded S3-compatible server (fauxqs via
 * cli/embedded-s3.ts, objects as files under `<home>/s3`) and, when a site folder is given, the
 * replay of that site (cli/replay-site.ts). `node bench/services.ts <home> [siteDir]`; answers
 * `{ endpoint, origin, feedUrls }`, then serves until the parent sends "stop" (answering with its
 * own peak RSS).
 *
 * With BENCH_S3_BODY_LIMIT_MB set, fauxqs's request body limit (11 MiB, hard-coded in its Fastify
 * set-up) is raised to that many MiB by rewriting that one line as the module loads (a load hook in
 * this process only; node_modules is untouched). Real S3 takes single PUTs up to 5 GB; the publish
 * benchmark keeps it raised so that an index object over 11 MiB would be measured, not fail
 * (the results say whether the stock server would have taken every object; see bench/README.md).
 */
import { registerHooks } from 'node:module';
import { peakRssMb } from './lib.ts';

export interface Services {
  endpoint: string;
  bucket: string;
  origin: string | null;
  feedUrls: string[];
  startMs: number;
  bodyLimitMb: number;
}

const FAUXQS_LIMIT = 'bodyLimit: 11 * 1_048_576';
const bodyLimitMb = Number(process.env.BENCH_S3_BODY_LIMIT_MB ?? 0);
if (bodyLimitMb > 0) {
  registerHooks({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (!url.endsWith('/node_modules/fauxqs/dist/app.js')) return loaded;
      const source = String(loaded.source);
      if (!source.includes(FAUXQS_LIMIT)) throw new Error(`fauxqs/dist/app.js no longer contains "${FAUXQS_LIMIT}": update bench/services.ts`);
      return { ...loaded, source: source.replace(FAUXQS_LIMIT, `bodyLimit: ${bodyLimitMb} * 1_048_576`) };
    },
  });
}

const [home, siteDir] = process.argv.slice(2);
try {
  if (!home) throw new Error('usage: services.ts <home> [siteDir]');
  const { startEmbeddedS3 } = await import('../cli/embedded-s3.ts');
  const { startReplaySite } = await import('../cli/replay-site.ts');
  const t0 = performance.now();
  const s3 = await startEmbeddedS3(home);
  const site = siteDir ? await startReplaySite(siteDir) : null;
  const ready: Services = {
    endpoint: s3.endpoint,
    bucket: s3.store.bucket,
    origin: site?.origin ?? null,
    feedUrls: site?.feedUrls ?? [],
    startMs: performance.now() - t0,
    bodyLimitMb: bodyLimitMb > 0 ? bodyLimitMb : 11,
  };
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await site?.close();
    await s3.stop();
    process.send?.({ peakRssMb: peakRssMb(), siteRequests: site?.requests.length ?? 0 }, () => process.exit(0));
  });
  process.send?.(ready);
} catch (error) {
  process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
}
