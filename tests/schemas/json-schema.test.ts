import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../schemas/article.ts';
import { jsonSchemaText, nodeAt, PUBLIC_SCHEMAS, type SchemaName } from '../../schemas/json-schema.ts';
import { testArticle } from '../support/articles.ts';
import { goldenArticles, processSamplePage } from '../support/golden.ts';

type Node = { description?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

/** Every property under a schema node, by documentation path, with its node. */
function properties(node: Node, path = ''): [string, Node][] {
  const object = node.properties ? node : node.anyOf?.find((member) => member.properties);
  const own = Object.entries(object?.properties ?? {}).map(([name, child]): [string, Node] => [path ? `${path}.${name}` : name, child]);
  return own.flatMap(([childPath, child]) => [[childPath, child] as [string, Node], ...properties(child, childPath), ...(child.items ? properties(child.items, `${childPath}[]`) : [])]);
}

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

  it.each(['article', 'series', 'archive-manifest', 'rejected-item', 'source-item'] as const)('the %s schema describes itself and every field an analyst reads', (name) => {
    const schema = JSON.parse(jsonSchemaText(name)) as Node;
    expect(schema.description).toBeTruthy();
    expect(properties(schema).filter(([, node]) => !node.description).map(([path]) => path)).toEqual([]);
  });

  it('finds a documented field by its path, through arrays and nullable objects', () => {
    const schema = JSON.parse(jsonSchemaText('article')) as Node;
    expect(nodeAt(schema, 'figures[].direction.from')?.description).toBe('ISO 3166-1 alpha-2 code, upper case (`KZ`)');
    expect(nodeAt(schema, 'dateline.place')).toBeDefined();
    expect(nodeAt(schema, 'figures[].nothing')).toBeUndefined();
    expect(nodeAt(schema, '')).toBe(schema);
  });
});

describe('the article schema, read by an independent validator (ajv, draft 2020-12, strict)', () => {
  let validate: (data: unknown) => boolean;
  const valid = (article: unknown) => validate(article);
  const base = testArticle('en-a1234567', '2025-11-24T04:00:00.000Z', { pair: 'KZ-TM' });

  beforeAll(() => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(jsonSchemaText('article')) as object);
  });

  it('accepts every article the process stage builds from the sample site', async () => {
    const built: Article[] = [];
    for (const golden of await goldenArticles()) {
      const { article } = await processSamplePage(golden);
      if (article) built.push(article);
    }
    expect(built.length).toBeGreaterThan(20);
    expect(built.filter((article) => !valid(article)).map((article) => article.id)).toEqual([]);
  });

  it('accepts a field a later version adds, as the contract promises ("field names may grow")', () => {
    expect(valid({ ...base, sentiment: 0.4, relations: { ...base.relations, since: '1992' }, figures: [{ kind: 'money', value: 1, unit: 'USD', raw: '$1', paragraph: 1, approximate: true }] })).toBe(true);
  });

  it('refuses what zod refuses beyond the field types: a pair on a relation that is not bilateral, a bilateral one without two countries, an address that is not http(s)', () => {
    expect(valid({ ...base, relations: { ...base.relations, kind: 'none' } })).toBe(false);
    expect(valid({ ...base, relations: { ...base.relations, countries: ['KZ', 'TM', 'UZ'] } })).toBe(false);
    expect(valid({ ...base, relations: { ...base.relations, pair: null } })).toBe(false);
    expect(valid({ ...base, url: 'ftp://www.inform.kz/x' })).toBe(false);
    expect(valid({ ...base, imageUrl: 'javascript:alert(1)' })).toBe(false);
    expect(valid({ ...base, imageUrl: null })).toBe(true);
  });
});
