import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { startFauxqs } from 'fauxqs';
import { createS3Client, Store } from '../functions/lib/store.ts';

export const EMBEDDED_BUCKET = 'kazfeed';
// The embedded server accepts any credentials; fixed ones keep the user's AWS_* variables out of it.
const EMBEDDED_CREDENTIALS = { accessKeyId: 'kazfeed', secretAccessKey: 'kazfeed' };

export interface EmbeddedS3 {
  endpoint: string;
  store: Store;
  stop(): Promise<void>;
}

/**
 * Starts an S3-compatible server (fauxqs) on a random loopback port, keeping objects as
 * files under `<home>/s3` so that separate runs with the same home see the same store.
 */
export async function startEmbeddedS3(home: string): Promise<EmbeddedS3> {
  const s3StorageDir = join(home, 's3');
  await mkdir(s3StorageDir, { recursive: true });
  const server = await startFauxqs({ port: 0, logger: false, s3StorageDir });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const client = createS3Client({ bucket: EMBEDDED_BUCKET, endpoint, region: 'us-east-1', credentials: EMBEDDED_CREDENTIALS });
  try {
    await client.send(new HeadBucketCommand({ Bucket: EMBEDDED_BUCKET }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: EMBEDDED_BUCKET }));
  }
  return {
    endpoint,
    store: new Store(client, EMBEDDED_BUCKET),
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}
