#!/usr/bin/env node
// The bin entry (package.json "bin"), in JavaScript on purpose: Node strips types with a
// WebAssembly compiler that takes ~50 ms to load before the first .ts file runs. With the compile
// cache on (in the OS temp directory), the stripped TypeScript is reused from the second start on
// and that compiler is never loaded. The command table itself is cli/kazfeed.ts.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./kazfeed.ts');
