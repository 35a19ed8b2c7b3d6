import * as z from '../../schemas/zod.ts';
import { collectorFor, type ParsedSource, type SourceContext } from './items.ts';
import { FeedParseError, firstLine } from './xml.ts';

/** A text field of an untrusted document: anything else counts as absent. */
const text = z.catch(z.optional(z.string()), undefined);

/** What is read of a JSON Feed (https://jsonfeed.org/version/1.1); other fields are ignored. */
const JsonFeed = z.object({
  version: z.string().check(z.regex(/^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?$/)),
  language: text,
  items: z.array(z.unknown()),
});

const JsonFeedItem = z.object({
  id: z.catch(z.optional(z.pipe(z.union([z.string(), z.number()]), z.transform(String))), undefined),
  url: text,
  external_url: text,
  title: text,
  date_published: text,
  date_modified: text,
  language: text,
});

/** Source items from a JSON Feed 1.0 or 1.1 document (its `url`, else `external_url`, else an http `id`). */
export function parseJsonFeed(json: string, ctx: SourceContext): ParsedSource {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new FeedParseError(ctx.url, `malformed JSON (${firstLine(error).slice(0, 200)})`, { cause: error });
  }
  const feed = JsonFeed.safeParse(value);
  if (!feed.success) throw new FeedParseError(ctx.url, 'JSON that is not a JSON Feed (no jsonfeed.org version or no items)');
  const { collector, language } = collectorFor(ctx, feed.data.language);
  for (const raw of feed.data.items) {
    const item = JsonFeedItem.safeParse(raw);
    if (!item.success) {
      collector.add({});
      continue;
    }
    const { id, url, external_url, title, date_published, date_modified, language: itemLanguage } = item.data;
    collector.add({ link: url ?? external_url, guid: id, title, date: date_published ?? date_modified, language: itemLanguage });
  }
  return { kind: 'json-feed', ...collector.result(), language };
}
