import type { IndexEntry } from '../../schemas/index-entry.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML: article text is plain text, so markup-looking strings stay text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * The article as HTML for feed readers, built from the normalised text (never from the page's own
 * markup), so nothing the page carried — scripts, styles, handlers — can reach a subscriber.
 */
export function articleHtml(entry: IndexEntry): string {
  const parts: string[] = [];
  if (entry.summary) parts.push(`<p><strong>${escapeHtml(entry.summary)}</strong></p>`);
  for (const section of entry.body.sections) {
    if (section.heading) parts.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    for (const paragraph of section.paragraphs) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
  }
  return parts.join('\n');
}
