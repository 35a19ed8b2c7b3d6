import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { KazfeedError } from '../functions/lib/errors.ts';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client, s3Reason, Store } from '../functions/lib/store.ts';
import { connectEmbeddedS3 } from './embedded-s3.ts';

export interface OpenStore {
  store: Store;
  /** Human-readable: which bucket or which local folder. */
  description: string;
  close(): Promise<void>;
}

/** `KAZFEED_HOME`, default `./.kazfeed`: where the embedded store keeps its data. */
export function kazfeedHome(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.KAZFEED_HOME || '.kazfeed');
}

/**
 * The store a command works on: the bucket named by `KAZFEED_BUCKET` (with `S3_ENDPOINT` for an
 * S3-compatible server), or else the embedded server on loopback with its data under
 * `KAZFEED_HOME`, whatever AWS_* variables exist. With `existing`, a home that does not exist is an
 * error rather than a new, empty store.
 */
export async function openStore(env: NodeJS.ProcessEnv = process.env, options: { existing?: boolean } = {}): Promise<OpenStore> {
  const bucket = env.KAZFEED_BUCKET;
  if (!bucket) {
    // S3_ENDPOINT alone looks like "use that server", but names no bucket there: say it is not used.
    if (env.S3_ENDPOINT) process.stderr.write(`kazfeed: S3_ENDPOINT is ignored without KAZFEED_BUCKET; using the embedded store in ${kazfeedHome(env)}\n`);
    const home = kazfeedHome(env);
    // A command that only reads or rewrites what is stored, given a home that does not exist (a typo in
    // KAZFEED_HOME, another folder), would create it and find all well in nothing: it says so instead.
    if (options.existing && !existsSync(home)) {
      throw new KazfeedError(`no store in ${home}: nothing has run there (kazfeed run or npm start fills one; KAZFEED_HOME names its folder, ./.kazfeed by default)`);
    }
    const embedded = await connectEmbeddedS3(home);
    return { store: embedded.store, description: `embedded store in ${home}`, close: embedded.stop };
  }
  const endpoint = env.S3_ENDPOINT || undefined;
  const client = createS3Client({ bucket, endpoint });
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    // Which region was asked tells a bucket that is elsewhere from one that does not exist.
    const region = await client.config.region().catch(() => undefined);
    client.destroy();
    const reason = s3Reason(error);
    const where = endpoint ? ` at ${endpoint}` : region ? ` in region ${region}` : '';
    const hint = !endpoint && !region ? ' (no AWS region is set: set AWS_REGION, or region in your AWS profile)' : '';
    throw new Error(`cannot reach bucket ${bucket}${where}: ${reason}${hint}`);
  }
  return { store: new Store(client, bucket), description: `s3://${bucket}${endpoint ? ` at ${endpoint}` : ''}`, close: async () => client.destroy() };
}
