import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { FeedMembership } from '../../schemas/index-entry.ts';
import { InvalidWrite, Store } from '../../functions/lib/store.ts';
import { publish } from '../../functions/publish/index.ts';
import { rebaseFeeds } from '../../functions/publish/rebase-feeds.ts';

/** A store whose bucket records every request and answers none: what was refused sent nothing. */
function recordingStore() {
  const sent: string[] = [];
  const client = { send: async (command: object) => { sent.push(command.constructor.name); throw new Error('no bucket here'); } } as unknown as S3Client;
  return { store: new Store(client, 'b'), sent };
}

describe('nothing writes what its readers would refuse', () => {
  it('putJson with the key\'s schema refuses a value that does not fit, before any request', async () => {
    const { store, sent } = recordingStore();
    const members = { updatedAt: '2025-11-24T00:00:00.000Z', publicBaseUrl: 'notaurl', feeds: {} };
    await expect(store.putJson('index/members.json', members, { schema: FeedMembership })).rejects.toThrow(InvalidWrite);
    await expect(store.putJson('index/members.json', members, { schema: FeedMembership })).rejects.toThrow(/^not writing index\/members\.json: it would not fit its schema \(publicBaseUrl: Invalid URL\)$/);
    expect(sent).toEqual([]);
  });

  it('a publish or a rebase given a base URL that is not http(s) refuses it before any request', async () => {
    const { store, sent } = recordingStore();
    await expect(rebaseFeeds(store, 'notaurl')).rejects.toThrow('expected an absolute http or https URL');
    await expect(publish(store, { feedSize: 100, publicBaseUrl: 'ftp://example.org' })).rejects.toThrow('expected an http or https URL, not ftp');
    expect(sent).toEqual([]);
  });
});
