import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, PUBLIC_SCHEMAS, type SchemaName } from '../../schemas/json-schema.ts';

describe('exported JSON Schemas', () => {
  for (const name of Object.keys(PUBLIC_SCHEMAS) as SchemaName[]) {
    it(`schemas/json/${name}.schema.json matches the zod schema (run \`npm run schemas\` when this fails)`, () => {
      const committed = readFileSync(new URL(`../../schemas/json/${name}.schema.json`, import.meta.url), 'utf8');
      expect(committed).toBe(jsonSchemaText(name));
    });
  }

  it('the article schema names every contract field as required', () => {
    const schema = JSON.parse(jsonSchemaText('article')) as { required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining([
      'schemaVersion', 'id', 'url', 'source', 'language', 'title', 'summary', 'dateline', 'authors', 'tags', 'imageUrl',
      'publishedAt', 'updatedAt', 'fetchedAt', 'body', 'relations', 'figures', 'contentHash', 'provenance',
    ]));
  });
});
