import * as z from './zod.ts';
import { Article } from './article.ts';
import { PipelineConfig } from './config.ts';
import { ArchiveManifest } from './manifest.ts';
import { RejectedItem } from './rejected.ts';
import { RunReport } from './run-report.ts';
import { Series } from './series.ts';
import { SourceItem } from './source-item.ts';

/** The schemas users read the stored JSON with; each is exported to `schemas/json/<name>.schema.json`. */
export const PUBLIC_SCHEMAS = {
  article: Article,
  'source-item': SourceItem,
  'run-report': RunReport,
  config: PipelineConfig,
  'rejected-item': RejectedItem,
  'archive-manifest': ArchiveManifest,
  series: Series,
} as const;

export type SchemaName = keyof typeof PUBLIC_SCHEMAS;

/** The JSON Schema (draft 2020-12) text of one schema, as committed in `schemas/json/`. */
export function jsonSchemaText(name: SchemaName): string {
  const schema = z.toJSONSchema(PUBLIC_SCHEMAS[name], { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
