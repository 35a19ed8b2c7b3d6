/**
 * A pipeline run in a child process, for the kill -9 tests: `node pipeline-child.ts` with
 * KAZFEED_TEST_S3 (an S3Location as JSON) and KAZFEED_TEST_CONFIG (a PipelineConfig as JSON).
 * Prints the run report as JSON on stdout when the run completes, and with KAZFEED_TEST_PEAK_RSS
 * set a second line, `peak-rss-mb <n>`: the process's peak resident set (getrusage maxRSS).
 */
import { runPipeline } from '../../functions/pipeline.ts';
import { createS3Client, type S3Location, Store } from '../../functions/lib/store.ts';
import type { PipelineConfig } from '../../schemas/config.ts';

const location = JSON.parse(process.env.KAZFEED_TEST_S3 ?? '{}') as S3Location;
const config = JSON.parse(process.env.KAZFEED_TEST_CONFIG ?? '{}') as PipelineConfig;
const client = createS3Client(location);
try {
  const report = await runPipeline(config, { store: new Store(client, location.bucket) });
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (process.env.KAZFEED_TEST_PEAK_RSS) process.stdout.write(`peak-rss-mb ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
} finally {
  client.destroy();
}
