// The CDK app entry (cdk.json: "node infra/app.ts"). Node 24 runs it directly by type stripping.
import { buildApp } from './build.ts';
import { DEFAULT_SETTINGS_FILE, SettingsError } from './config.ts';

// aws-cdk-lib writes "Bundling asset <path>..." to stderr for every function on every synth, and
// the CLI's --quiet cannot reach the app's own output: drop exactly those progress lines so that
// `cdk synth --quiet` is silent. Everything else, errors included, passes through.
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
  typeof chunk === 'string' && /^Bundling asset \S+\.\.\.\n$/.test(chunk) ? true : stderrWrite(chunk, ...rest)) as typeof process.stderr.write;

try {
  buildApp({}, { settingsFile: DEFAULT_SETTINGS_FILE }).app.synth();
} catch (error) {
  // A bad setting is the user's to fix: one line naming it, not a stack trace.
  if (!(error instanceof SettingsError)) throw error;
  process.stderr.write(`kazfeed settings: ${error.message}\n`);
  process.exitCode = 1;
}
