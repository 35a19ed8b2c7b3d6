/**
 * Audits a store after fault tests: is every expected article stored exactly once, archived
 * exactly once in a file whose manifest entry (count, bytes, sha256) matches it, and in the feed
 * exactly once if bilateral; is anything left half-done (pending markers, items not done, lease)?
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Parser from 'rss-parser';
import { keys } from '../../functions/lib/keys.ts';
import type { Store } from '../../functions/lib/store.ts';
import { ArchiveManifest } from '../../schemas/manifest.ts';
import { IngestState } from '../../schemas/state.ts';

export interface Audit {
  /** Article objects under `articles/`. */
  articles: number;
  /** Expected ids with no article stored. */
  lost: string[];
  /** Ids stored under more than one key. */
  duplicated: string[];
  /** Stored ids nobody expected. */
  unexpected: string[];
  /** Expected ids in no daily archive file; ids in more than one line. */
  archiveLost: string[];
  archiveDuplicated: string[];
  /** Manifest entries that do not match their file, and archive files the manifest does not list. */
  manifestMismatches: string[];
  /** Bilateral ids missing from feeds/all.json or all.xml, and ids listed twice. */
  feedMissing: string[];
  feedDuplicated: string[];
  /** Leftovers of unfinished work. */
  pendingLeft: string[];
  unfinishedItems: string[];
  leaseLeft: boolean;
}

async function list(store: Store, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const key of store.list(prefix)) out.push(key);
  return out.sort();
}

function repeated(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice].sort();
}

export async function auditStore(store: Store, expectedIds: readonly string[], bilateralIds: readonly string[]): Promise<Audit> {
  const articleKeys = await list(store, 'articles/');
  const ids = articleKeys.map((k) => (k.split('/').pop() as string).replace(/\.json$/, ''));
  const stored = new Set(ids);

  const manifest = (await store.getJson(keys.manifest, ArchiveManifest))?.value ?? { files: [] };
  const manifestMismatches: string[] = [];
  const archivedIds: string[] = [];
  for (const file of manifest.files) {
    const object = await store.get(file.key);
    if (!object) {
      manifestMismatches.push(`${file.key}: listed, not stored`);
      continue;
    }
    const sha256 = createHash('sha256').update(object.body).digest('hex');
    const lines = gunzipSync(object.body).toString('utf8').split('\n').filter(Boolean);
    if (sha256 !== file.sha256) manifestMismatches.push(`${file.key}: sha256 ${sha256} != ${file.sha256}`);
    if (object.body.byteLength !== file.bytes) manifestMismatches.push(`${file.key}: ${object.body.byteLength} bytes != ${file.bytes}`);
    if (lines.length !== file.count) manifestMismatches.push(`${file.key}: ${lines.length} lines != count ${file.count}`);
    for (const line of lines) archivedIds.push((JSON.parse(line) as { id: string }).id);
  }
  const listed = new Set(manifest.files.map((f) => f.key));
  for (const key of await list(store, 'archive/daily/')) if (!listed.has(key)) manifestMismatches.push(`${key}: not in the manifest`);
  const archived = new Set(archivedIds);

  const json = await store.get(keys.feedAll('json'));
  const jsonIds = json ? (JSON.parse(new TextDecoder().decode(json.body)) as { items: { id: string }[] }).items.map((i) => i.id) : [];
  const xml = await store.get(keys.feedAll('xml'));
  const xmlIds = xml ? (await new Parser().parseString(new TextDecoder().decode(xml.body))).items.map((i) => i.guid as string) : [];

  const state = (await store.getJson(keys.ingestState, IngestState))?.value;
  return {
    articles: articleKeys.length,
    lost: expectedIds.filter((id) => !stored.has(id)).sort(),
    duplicated: repeated(ids),
    unexpected: ids.filter((id) => !expectedIds.includes(id)).sort(),
    archiveLost: expectedIds.filter((id) => !archived.has(id)).sort(),
    archiveDuplicated: repeated(archivedIds),
    manifestMismatches,
    feedMissing: bilateralIds.filter((id) => !jsonIds.includes(id) || !xmlIds.includes(id)).sort(),
    feedDuplicated: [...repeated(jsonIds), ...repeated(xmlIds)],
    pendingLeft: await list(store, keys.pendingPrefix),
    unfinishedItems: Object.entries(state?.items ?? {}).filter(([, s]) => s.status !== 'done').map(([id, s]) => `${id}: ${s.status}`),
    leaseLeft: (await store.get(keys.lease)) !== null,
  };
}

/** The audit of a store where everything expected is there once and nothing is left half-done. */
export function cleanAudit(expectedIds: readonly string[]): Audit {
  return {
    articles: expectedIds.length, lost: [], duplicated: [], unexpected: [], archiveLost: [], archiveDuplicated: [],
    manifestMismatches: [], feedMissing: [], feedDuplicated: [], pendingLeft: [], unfinishedItems: [], leaseLeft: false,
  };
}
