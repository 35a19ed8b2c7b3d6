import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/stack.ts';

/**
 * The pipeline's stages, one Lambda function each. `functions/check/` and `functions/pipeline.ts`
 * compose the stages (for `kazfeed check` and `kazfeed run`), as the CLI does, and may import them.
 */
const STAGES = ['ingest', 'process', 'publish'];
const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every relative import of a stage's files, as `file -> imported file`, both relative to the repository. */
async function stageImports(stage: string): Promise<{ file: string; target: string }[]> {
  const dir = join(REPO_ROOT, 'functions', stage);
  const found: { file: string; target: string }[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    for (const m of (await readFile(path, 'utf8')).matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (spec.startsWith('.')) found.push({ file: relative(REPO_ROOT, path), target: relative(REPO_ROOT, resolve(dirname(path), spec)) });
    }
  }
  return found;
}

describe('stage boundaries', () => {
  it.each(STAGES)('functions/%s/ imports only itself, functions/lib/ and schemas/', async (stage) => {
    const imports = await stageImports(stage);
    expect(imports.length).toBeGreaterThan(0);
    const outside = imports.filter(({ target }) => !target.startsWith(`functions/${stage}/`) && !target.startsWith('functions/lib/') && !target.startsWith('schemas/'));
    expect(outside.map(({ file, target }) => `${file} -> ${target}`)).toEqual([]);
  });

  it('functions/lib/ imports no stage', async () => {
    const imports = await stageImports('lib');
    expect(imports.filter(({ target }) => !target.startsWith('functions/lib/') && !target.startsWith('schemas/')).map(({ file, target }) => `${file} -> ${target}`)).toEqual([]);
  });
});
