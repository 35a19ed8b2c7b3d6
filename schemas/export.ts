import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { jsonSchemaText, PUBLIC_SCHEMAS, type SchemaName } from './json-schema.ts';

/** `npm run schemas`: regenerates `schemas/json/*.schema.json` from the zod schemas. */
const dir = fileURLToPath(new URL('./json/', import.meta.url));
await mkdir(dir, { recursive: true });
for (const name of Object.keys(PUBLIC_SCHEMAS) as SchemaName[]) {
  await writeFile(`${dir}${name}.schema.json`, jsonSchemaText(name));
  process.stderr.write(`wrote schemas/json/${name}.schema.json\n`);
}
