#!/usr/bin/env node
/**
 * The command table. It imports nothing heavy: `--help`, `--version` and each command's `--help`
 * parse with this alone, and a command imports what it uses (store, AWS SDK, classifier, DuckDB)
 * when it runs. Each module imported here is a TypeScript file Node must strip, so keep it short.
 */
import { createRequire } from 'node:module';
import { Command, InvalidArgumentError, type Option } from 'commander';
import { errorMessage, firstIssue } from '../functions/lib/errors.ts';
import { DEFAULT_SERVE_PORT, PIPELINE_VERSION } from '../functions/lib/version.ts';
import { allowedHost, publicBaseUrl, sourceUrl } from '../schemas/addresses.ts';
import { LANGUAGES } from '../schemas/languages.ts';
import { handleInterrupts } from './signals.ts';
import { OutputClosed, watchStdout } from './stdout.ts';

/** A command's action, imported when the command runs. */
function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => unknown>): (...args: A) => Promise<void> {
  return async (...args) => {
    await (await load())(...args);
  };
}

/** A flag that may be given more than once says so in its help; its values are collected. */
const REPEATABLE = 'repeatable';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A check from schemas/addresses.ts as a flag's parser: what it throws is the flag's error. */
function flagValue(check: (value: string) => string): (value: string) => string {
  return (value) => {
    try {
      return check(value);
    } catch (error) {
      throw new InvalidArgumentError(errorMessage(error));
    }
  };
}

const publicUrl = flagValue(publicBaseUrl);
const host = flagValue(allowedHost);
const source = flagValue(sourceUrl);

function date(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return value;
}

function pair(value: string): string {
  const codes = value.toUpperCase().split('-');
  if (codes.length !== 2 || !codes.every((c) => /^[A-Z]{2}$/.test(c))) throw new InvalidArgumentError('expected two ISO country codes joined by "-", e.g. kz-tm');
  // Only when --pair is given: the country table is 60 KB of JSON.
  const countries = createRequire(import.meta.url)('i18n-iso-countries') as typeof import('i18n-iso-countries');
  const unknown = codes.filter((c) => !countries.isValid(c));
  if (unknown.length) throw new InvalidArgumentError(unknown.length > 1 ? `${unknown.join(' and ')} are not ISO 3166-1 country codes` : `${unknown[0]} is not an ISO 3166-1 country code`);
  if (codes[0] === codes[1]) throw new InvalidArgumentError('a pair is two different countries');
  return codes.sort().join('-');
}

/** Languages stored with a script, which `--lang` also takes alone: kk, uz, zh. */
const SCRIPTED = [...new Set(LANGUAGES.filter((l) => l.includes('-')).map((l) => l.split('-')[0] as string))];

/** A stored tag (`kk-Latn`), or a language in every script it is stored in (`kk`), case ignored. */
function language(value: string): string {
  const lower = value.toLowerCase();
  const found = LANGUAGES.find((l) => l.toLowerCase() === lower) ?? (SCRIPTED.includes(lower) ? lower : undefined);
  if (!found) throw new InvalidArgumentError(`expected one of ${LANGUAGES.join(', ')}, or a language in all its scripts (${SCRIPTED.join(', ')})`);
  return found;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return n;
}

/**
 * The flag whose value a stray argument follows, when that flag may be given again (`--feed A B`):
 * the person meant a second value, and Commander's "too many arguments" would not say how.
 */
function repeatableFlagBefore(command: Command, tokens: string[], stray: string): string | undefined {
  let previous: Option | undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    const option = token.startsWith('--') ? command.options.find((o) => o.long === token.split('=')[0]) : undefined;
    if (!option) {
      if (token === stray) return previous?.description.includes(REPEATABLE) ? previous.long : undefined;
      previous = undefined;
      continue;
    }
    const takesValue = option.required || option.optional;
    if (takesValue && !token.includes('=')) i += 1;
    previous = takesValue ? option : undefined;
  }
  return undefined;
}

/** A command of flags only, given an argument: name the flag to repeat when that is what was meant. */
function noArguments(command: Command): void {
  const [stray] = command.args;
  if (stray === undefined) return;
  const flag = repeatableFlagBefore(command, process.argv.slice(3), stray);
  if (flag) command.error(`${flag} takes one value; for '${stray}' give the flag again (${flag} A ${flag} B)`);
  // `kazfeed classify in.jsonl`: the file is its input, which it reads on stdin.
  if (command.name() === 'classify') command.error(`classify reads its lines on stdin, not from a file named: kazfeed classify < ${stray}`);
  command.error(`unexpected argument '${stray}': kazfeed ${command.name()} takes flags only`);
}

/** A date range must not end before it starts. */
function checkRange(command: Command): void {
  const { from, to } = command.opts<{ from?: string; to?: string }>();
  if (from && to && from > to) command.error(`--from ${from} is after --to ${to}`);
}

function format(value: string): 'ndjson' | 'csv' {
  const lower = value.toLowerCase();
  if (lower !== 'ndjson' && lower !== 'csv') throw new InvalidArgumentError('expected ndjson or csv (case ignored)');
  return lower;
}

function queryFormat(value: string): 'table' | 'csv' | 'json' {
  const lower = value.toLowerCase();
  if (lower !== 'table' && lower !== 'csv' && lower !== 'json') throw new InvalidArgumentError('expected table, csv or json');
  return lower;
}

const program = new Command('kazfeed')
  .description("Kazinform articles about two states' relations: fetch, extract, classify, archive in S3, publish RSS and JSON feeds.")
  .version(PIPELINE_VERSION)
  .addHelpText('after', `
Where the data lives: with KAZFEED_BUCKET set, that S3 bucket (S3_ENDPOINT for an S3-compatible
server); otherwise an embedded S3-compatible server on 127.0.0.1 keeping its data under
KAZFEED_HOME (default ./.kazfeed).`);

program
  .command('run')
  .description('one pipeline run: poll the sources, fetch and process new articles, publish the feeds; exits 2 when every source failed')
  .option('--feed <url>', 'a source to poll (repeatable): RSS, Atom, JSON Feed, a sitemap or an HTML list page, its kind found from what it serves; replaces the default Kazinform editions', (value: string, previous?: string[]) => collect(source(value), previous))
  .option('--allow-host <host>', 'a host the run may contact (repeatable), as host (any port) or host:port, e.g. 127.0.0.1:8080, not a URL; replaces the default Kazinform hosts', (value: string, previous?: string[]) => collect(host(value), previous))
  .option('--public-url <url>', 'http(s) base URL the feeds are served from, for their self links (default: as last published)', publicUrl)
  .option('--json', 'print the run report as JSON on stdout')
  .action(lazy(async () => (await import('./commands/run.ts')).runCommand));

program
  .command('export')
  .description('write stored articles to stdout, one per line, oldest day first')
  .option('--from <date>', 'first UTC publication day, YYYY-MM-DD (inclusive)', date)
  .option('--to <date>', 'last UTC publication day, YYYY-MM-DD (inclusive)', date)
  .option('--pair <pair>', 'only this country pair, e.g. kz-tm (order and case ignored; repeatable: any of them)', (value: string, previous?: string[]) => collect(pair(value), previous))
  .option('--lang <language>', `only this language (${LANGUAGES.join(', ')}; or ${SCRIPTED.join(', ')} for every script; case ignored; repeatable: any of them)`, (value: string, previous?: string[]) => collect(language(value), previous))
  .option('--format <format>', 'ndjson or csv (case ignored)', format, 'ndjson')
  .option('--rejected', 'write the rejected items instead of the articles')
  .option('--strict', 'exit 1 when a stored object could not be read (by default it is skipped with a warning)')
  .hook('preAction', checkRange)
  .action(lazy(async () => (await import('./commands/export.ts')).exportCommand));

program
  .command('reprocess')
  .description('re-run extraction and normalisation from the stored raw pages; rewrite only what changed')
  .option('--from <date>', 'first UTC publication day, YYYY-MM-DD (inclusive)', date)
  .option('--to <date>', 'last UTC publication day, YYYY-MM-DD (inclusive)', date)
  .option('--public-url <url>', 'http(s) base URL the feeds are served from, for their self links (default: as last published)', publicUrl)
  .hook('preAction', checkRange)
  .action(lazy(async () => (await import('./commands/reprocess.ts')).reprocessCommand));

program
  .command('refetch')
  .description('fetch rejected items again (a page that was blocked, missing or not HTML for a while, an item given up after its attempts) and publish what they become')
  .option('--from <date>', 'first UTC day the items are filed under, YYYY-MM-DD (inclusive)', date)
  .option('--to <date>', 'last UTC day the items are filed under, YYYY-MM-DD (inclusive)', date)
  .option('--reason <text>', 'only items whose rejection reason contains this text (case ignored), e.g. "block page"')
  .option('--allow-host <host>', 'a host it may contact (repeatable), as for run; replaces the default Kazinform hosts', (value: string, previous?: string[]) => collect(host(value), previous))
  .hook('preAction', checkRange)
  .action(lazy(async () => (await import('./commands/refetch.ts')).refetchCommand));

program
  .command('check')
  .description('verify the store: every object parses and fits its schema, the manifest matches the daily files, feeds and indexes agree with the articles; exit 0 only when all is well')
  .option('--repair', 'rebuild what can be rebuilt: articles from raw/, daily files, the manifest, feeds from their indexes, series from the articles')
  .action(lazy(async () => (await import('./commands/check.ts')).checkCommand));

program
  .command('serve')
  .description('serve the stored feeds/, archive/ and site/ (the atlas) over HTTP on 127.0.0.1 at their S3 key paths')
  .option('--port <port>', 'port to listen on', port, DEFAULT_SERVE_PORT)
  .action(lazy(async () => (await import('./commands/serve.ts')).serveCommand));

program
  .command('classify')
  .description('classify JSON Lines from stdin without fetching: {id, language?, title, text} in, one verdict per line out')
  .action(lazy(async () => (await import('./commands/classify.ts')).classifyCommand));

program
  .command('query')
  .description('SQL over the archive with embedded DuckDB: views articles, figures and series')
  .argument('<sql>', `the query, e.g. "select pair, metric, period, value from series where pair = 'KZ-TM'"`)
  .option('--format <format>', 'table, csv or json (case ignored)', queryFormat, 'table')
  .option('--archive <dir>', 'a downloaded copy of the archive (the folder holding daily/ and series/, or its parent) instead of the store')
  .action(lazy(async () => (await import('./commands/query.ts')).queryCommand));

program
  .command('demo')
  .description('what `npm start` runs: replay the sample Kazinform site, run the pipeline, serve the feeds')
  .option('--port <port>', 'port to serve the feeds on', port, DEFAULT_SERVE_PORT)
  .action(lazy(async () => (await import('./commands/demo.ts')).demoCommand));

/**
 * Commander's own errors ("error: unknown option '--bogus'", a suggestion on the next line) as one
 * line, like every other error: `kazfeed: unknown option '--bogus' (see kazfeed run --help)`.
 */
for (const command of [program, ...program.commands]) {
  if (command !== program && command.registeredArguments.length === 0) command.allowExcessArguments().hook('preAction', noArguments);
  const usage = command === program ? 'kazfeed --help' : `kazfeed ${command.name()} --help`;
  command.configureOutput({
    outputError: (text, write) => write(`kazfeed: ${text.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (see ${usage})\n`),
  });
}

handleInterrupts();
watchStdout();
try {
  await program.parseAsync();
} catch (error) {
  // The reader of stdout stopped early (`kazfeed export | head -n 1`): done, quietly.
  if (error instanceof OutputClosed) process.exit();
  // A zod error (a bad setting) is a JSON dump by default: name the field instead. The schemas use
  // zod/mini, whose errors are core $ZodError, not classic zod's ZodError: the core class matches
  // both. zod is loaded only now; a command that threw one has loaded it already.
  const { $ZodError } = await import('zod/v4/core');
  const message = error instanceof $ZodError ? `invalid setting ${firstIssue(error.issues)}` : errorMessage(error);
  process.stderr.write(`kazfeed: ${message}\n`);
  process.exitCode = 1;
}
