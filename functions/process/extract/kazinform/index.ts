import type { HTMLElement } from 'node-html-parser';
import type { SiteVersion } from '../types.ts';
import { kazinform2024 } from './v2024.ts';
import { kazinform2026 } from './v2026.ts';

/**
 * Newest first. Add a version when the markup changes; keep the old ones: archived raw pages of
 * every era are reprocessed, each by the version whose markup it is in.
 */
export const KAZINFORM_VERSIONS: readonly SiteVersion[] = [kazinform2026, kazinform2024];

/**
 * The version a page is written in: the newest whose markers the page has, undefined when none
 * fits (the markup changed again, or the page is not a Kazinform article). Chosen by the page, not
 * by the date it was fetched: a page's markup is what it holds, whenever it was saved.
 */
export function kazinformVersion(root: HTMLElement): SiteVersion | undefined {
  return KAZINFORM_VERSIONS.find((version) => version.markers.every((marker) => root.querySelector(marker)));
}
