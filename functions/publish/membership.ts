/**
 * `index/members.json`, which feeds show which article and where they are served from, rebuilt
 * when it is lost: by publish and the `--public-url` rebase, which cannot go on without it, and by
 * `kazfeed check --repair`.
 */
import { publicBaseUrl as checkedBaseUrl } from '../../schemas/addresses.ts';
import { FeedIndex, FeedMembership } from '../../schemas/index-entry.ts';
import { keys } from '../lib/keys.ts';
import { anyKey, noneIfUnreadable, type Store } from '../lib/store.ts';
import { RENDER_FORMAT } from './feed-files.ts';

/**
 * The base URL the feeds were published for, as `feeds/all.json` names itself, when that is an
 * http(s) URL; else null.
 */
export async function publishedBase(store: Store): Promise<string | null> {
  const object = await store.get(keys.feedAll('json'));
  try {
    const feedUrl: unknown = object ? JSON.parse(new TextDecoder().decode(object.body)).feed_url : undefined;
    const suffix = `/${keys.feedAll('json')}`;
    return typeof feedUrl === 'string' && feedUrl.endsWith(suffix) ? checkedBaseUrl(feedUrl.slice(0, -suffix.length)) : null;
  } catch {
    return null;
  }
}

/**
 * `index/members.json` rebuilt from the feed indexes (each lists the articles its feed shows). A
 * readable one keeps its base URL and rendering; for an unreadable one, the base URL
 * `feeds/all.json` was published for (without one, publish's default: the feeds that named
 * another are re-rendered by the repair of the summaries, as is every feed and page this version
 * renders differently). Returns the record written.
 */
export async function rebuildMembership(store: Store, now: Date, feedSize: number, options: { rerendered: boolean }): Promise<FeedMembership> {
  const members = new Map<string, string[]>();
  let longest = 0;
  for await (const indexKey of store.list(keys.feedIndexPrefix)) {
    // A damaged index is skipped (its feed is rebuilt by the summaries' repair); a failed read is not.
    const index = await store.getJson(indexKey, FeedIndex).catch(noneIfUnreadable);
    longest = Math.max(longest, index?.value.entries.length ?? 0);
    for (const entry of index?.value.entries ?? []) members.set(entry.id, [...(members.get(entry.id) ?? []), keys.feedOfIndex(indexKey)]);
  }
  const readable = (await store.getJson(keys.members, FeedMembership).catch(noneIfUnreadable))?.value;
  const base = readable?.publicBaseUrl ?? (await publishedBase(store));
  // Whether what is published is this version's rendering is not known without the record: only a
  // caller that renders every feed and page again after this (check --repair) may claim it.
  const renderFormat = readable ? readable.renderFormat : options.rerendered ? RENDER_FORMAT : undefined;
  // The size a deployment published with is lost with the record: a feed already longer than this
  // caller's size shows how long the feeds may be, so none is cut to a machine's default.
  const size = Math.max(feedSize, longest);
  const feeds = Object.fromEntries([...members].map(([id, feedKeys]) => [id, feedKeys.sort()]));
  const record: FeedMembership = {
    updatedAt: now.toISOString(),
    ...(base ? { publicBaseUrl: base } : {}),
    ...(renderFormat !== undefined ? { renderFormat } : {}),
    feedSize: size,
    feeds,
  };
  await store.putJson(keys.members, record, { schema: FeedMembership });
  return record;
}

/**
 * `index/members.json` for a publish or a rebase, rebuilt first (see rebuildMembership) when it is
 * lost: unreadable, or gone while feeds have indexes (a deletion by hand, not a store where nothing
 * is published yet, for which it is null). `rebuilt` says which.
 */
export async function membershipRebuiltIfLost(store: Store, now: Date, feedSize: number): Promise<{ membership: FeedMembership | null; rebuilt: boolean }> {
  const read = await store.getJson(keys.members, FeedMembership).catch(noneIfUnreadable);
  if (read !== undefined && (read !== null || !(await anyKey(store, keys.feedIndexPrefix)))) return { membership: read?.value ?? null, rebuilt: false };
  return { membership: await rebuildMembership(store, now, feedSize, { rerendered: false }), rebuilt: true };
}
