#!/usr/bin/env node
// The bin entry (package.json "bin"), in JavaScript on purpose: Node strips types with a
// WebAssembly compiler that takes ~50 ms to load before the first .ts file runs. With the compile
// cache on (in the OS temp directory), the stripped TypeScript is reused from the second start on
// and that compiler is never loaded. The command table itself is cli/kazfeed.ts.
import module from 'node:module';

// An older Node (a system one first on PATH) cannot run the TypeScript: say so in one line
// rather than with a syntax error from deep inside an import.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `kazfeed: needs Node.js 24 or later, and this is ${process.version} (${process.execPath}); ` +
      'run it as `npx kazfeed`, which uses the Node.js 24 that `npm ci` installed, or put node_modules/.bin first on PATH\n',
  );
  process.exit(1);
}
module.enableCompileCache();
await import('./kazfeed.ts');
