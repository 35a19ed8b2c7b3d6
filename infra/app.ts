// The CDK app entry (cdk.json: "node infra/app.ts"). Node 24 runs it directly by type stripping.
import { buildApp } from './build.ts';

// aws-cdk-lib writes "Bundling asset <path>..." to stderr for every function on every synth, and
// the CLI's --quiet cannot reach the app's own output: drop exactly those progress lines so that
// `cdk synth --quiet` is silent. Everything else, errors included, passes through.
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
  typeof chunk === 'string' && /^Bundling asset \S+\.\.\.\n$/.test(chunk) ? true : stderrWrite(chunk, ...rest)) as typeof process.stderr.write;

buildApp().app.synth();
