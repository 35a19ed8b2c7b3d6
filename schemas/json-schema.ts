import * as z from './zod.ts';
import { Article } from './article.ts';
import { PipelineConfig } from './config.ts';
import { FIELD_DOCS, type FieldDoc } from './json-schema-docs.ts';
import { ArchiveManifest } from './manifest.ts';
import { RejectedItem } from './rejected.ts';
import { StoredRunReport } from './stored-run-report.ts';
import { Series } from './series.ts';
import { SourceItem } from './source-item.ts';

/** The schemas users read the stored JSON with; each is exported to `schemas/json/<name>.schema.json`. */
export const PUBLIC_SCHEMAS = {
  article: Article,
  'source-item': SourceItem,
  'run-report': StoredRunReport,
  config: PipelineConfig,
  'rejected-item': RejectedItem,
  'archive-manifest': ArchiveManifest,
  series: Series,
} as const;

export type SchemaName = keyof typeof PUBLIC_SCHEMAS;

/** Every public schema's field descriptions (a schema missing from FIELD_DOCS fails to compile). */
const DOCS: Record<SchemaName, Readonly<Record<string, FieldDoc>>> = FIELD_DOCS;

/** What a user writes, not what the pipeline stores: unknown keys there are typos, and flagged. */
const CLOSED: ReadonlySet<SchemaName> = new Set(['config']);

type JsonSchemaNode = Record<string, unknown> & { properties?: Record<string, JsonSchemaNode>; items?: JsonSchemaNode; anyOf?: JsonSchemaNode[] };

/** The node a documentation path (`relations.pair`, `figures[].value`, '' for the root) names, or undefined. */
export function nodeAt(root: JsonSchemaNode, path: string): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = root;
  for (const segment of path ? path.split('.') : []) {
    const [, name, items] = /^(.*?)(\[\])?$/.exec(segment) ?? [];
    // A nullable object's properties are in the anyOf member that has them.
    const object: JsonSchemaNode | undefined = node?.properties ? node : node?.anyOf?.find((member) => member.properties);
    node = object?.properties?.[name ?? ''];
    if (items) node = node?.items;
  }
  return node;
}

/** The JSON Schema (draft 2020-12) text of one schema, as committed in `schemas/json/`. */
export function jsonSchemaText(name: SchemaName): string {
  const schema = z.toJSONSchema(PUBLIC_SCHEMAS[name], {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    // Stored JSON gains fields within a schema version ("extend, don't rename"): a reader
    // validating with today's schema must accept tomorrow's objects, so they stay open.
    override: ({ zodSchema, jsonSchema }) => {
      if (!CLOSED.has(name) && zodSchema._zod.def.type === 'object' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  }) as JsonSchemaNode;
  for (const [path, doc] of Object.entries(DOCS[name])) {
    const node = nodeAt(schema, path);
    if (!node) throw new Error(`schemas/json-schema-docs.ts: ${name} has no field ${path || '(root)'}`);
    const { description, ...keywords } = typeof doc === 'string' ? { description: doc } : doc;
    node.description = description;
    // A nullable field's own keywords belong to its non-null member (strict validators insist).
    Object.assign(node.anyOf?.find((member) => member.type !== 'null') ?? node, keywords);
  }
  return `${JSON.stringify(schema, null, 2)}\n`;
}
