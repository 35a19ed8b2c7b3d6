import type { HTMLElement } from 'node-html-parser';
import type { Extraction, Extractor } from '../types.ts';
import { extractKazinform2024 } from './v2024.ts';

interface KazinformVersion {
  /** First day (UTC) the site served this markup; older raw pages are parsed by older versions. */
  since: string;
  name: string;
  extract(root: HTMLElement, url: string): Extraction;
}

/** Newest first. Add a version when the markup changes; keep the old ones for reprocessing. */
const VERSIONS: KazinformVersion[] = [{ since: '2024-01-01', name: 'kazinform@2024-01', extract: extractKazinform2024 }];

/** The version whose markup applied on the given day (the oldest one for earlier pages). */
export function kazinformVersion(day?: string): KazinformVersion {
  const version = day ? VERSIONS.find((v) => v.since <= day) : VERSIONS[0];
  return version ?? (VERSIONS[VERSIONS.length - 1] as KazinformVersion);
}

export function kazinformExtractor(day?: string): Extractor {
  const version = kazinformVersion(day);
  return { name: version.name, extract: version.extract };
}
