import * as z from 'zod';
import { firstIssue } from '../../functions/lib/errors.ts';
import { classify, inputFromText } from '../../functions/process/classify/index.ts';
import { normaliseLanguageTag, resolveLanguage } from '../../functions/process/normalise/language.ts';
import { normaliseText } from '../../functions/process/normalise/text.ts';
import { boundedLines } from '../bounded-lines.ts';
import { writeOut } from '../stdout.ts';

const ClassifyLine = z.object({
  id: z.union([z.string(), z.number()], { error: (issue) => (issue.input === undefined ? 'missing (a string or number naming the line)' : 'not a string or number') }),
  language: z.string({ error: 'not a string (a language tag, e.g. "ru" or "kk-Latn")' }).optional().nullable(),
  title: z.string({ error: 'not a string' }).default(''),
  text: z.string({ error: (issue) => (issue.input === undefined ? 'missing (the article\'s text, paragraphs separated by blank lines)' : 'not a string') }),
});

/**
 * One output line: the verdict, or `{ id, error }` for a line that could not be read.
 * `unknownLanguage` is a tag the line gave that is none of Kazinform's: the text was classified in
 * the language detected, and the person running it is told (once per tag, on stderr).
 */
export interface ClassifiedLine {
  json: string;
  error?: string;
  unknownLanguage?: { tag: string; detected: string };
}

function failed(id: unknown, error: string): ClassifiedLine {
  return { json: JSON.stringify({ id, error }), error };
}

/**
 * Classifies one JSON line: `{ id, language?, title, text }` in, the verdict out. Paragraphs are
 * separated by blank lines; the first is the lead. A bad line yields an error line (for its id,
 * or its line number), never a throw, so the stream goes on.
 */
export function classifyLine(line: string, lineNumber: number): ClassifiedLine {
  let raw: unknown;
  try {
    // Editors on Windows start a UTF-8 file with a byte order mark: it is no part of the JSON.
    raw = JSON.parse(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line);
  } catch {
    return failed(`line ${lineNumber}`, 'not valid JSON');
  }
  const parsed = ClassifyLine.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return failed(typeof id === 'string' || typeof id === 'number' ? id : `line ${lineNumber}`, firstIssue(parsed.error.issues));
  }
  const input = parsed.data;
  const title = normaliseText(input.title);
  const language = resolveLanguage(`${title}\n${input.text}`, input.language);
  // A tag the agency does not publish in ("fr") is not an error, the text still has a language,
  // but the caller should know that it was detected rather than taken.
  const unknownLanguage = input.language && !normaliseLanguageTag(input.language) ? { tag: input.language, detected: language } : undefined;
  const relations = classify(inputFromText(language, title, input.text));
  const bilateral = relations.kind === 'bilateral';
  const json = JSON.stringify({
    id: input.id,
    kind: relations.kind,
    bilateral,
    countries: bilateral ? relations.countries : [],
    pair: relations.pair,
    kazakhstanInvolved: bilateral && relations.kazakhstanInvolved,
    confidence: relations.confidence,
    topics: relations.topics,
  });
  return unknownLanguage ? { json, unknownLanguage } : { json };
}

/** A line longer than this is answered with an error, unread: an article is a few kilobytes. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * `kazfeed classify`: JSON Lines on stdin, one verdict per input line on stdout, in order. A bad
 * line is also named on stderr, and makes the exit status 1 once every line is answered.
 */
export async function classifyCommand(): Promise<void> {
  let lineNumber = 0;
  let bad = 0;
  const warned = new Set<string>();
  // Run with no input redirected, it waits on the terminal: say for what, rather than seem to hang.
  if (process.stdin.isTTY) process.stderr.write('kazfeed classify: reading JSON lines from the terminal, one {"id", "title", "text"} a line, until Ctrl-D; usually: kazfeed classify < in.jsonl > out.jsonl\n');
  for await (const line of boundedLines(process.stdin, MAX_LINE_BYTES)) {
    lineNumber += 1;
    if (line !== null && !line.trim()) continue;
    const out = line === null ? failed(`line ${lineNumber}`, `longer than ${MAX_LINE_BYTES} bytes (${MAX_LINE_BYTES / 1024 / 1024} MiB), not read`) : classifyLine(line, lineNumber);
    if (out.error) {
      bad += 1;
      process.stderr.write(`kazfeed classify: line ${lineNumber}: ${out.error}\n`);
    }
    if (out.unknownLanguage && !warned.has(out.unknownLanguage.tag)) {
      warned.add(out.unknownLanguage.tag);
      const { tag, detected } = out.unknownLanguage;
      process.stderr.write(`kazfeed classify: line ${lineNumber}: language ${JSON.stringify(tag)} is none of Kazinform's (en, ru, kk, uz, zh and their scripts); lines so tagged are classified in the language detected among Kazinform's (here ${detected})\n`);
    }
    await writeOut(`${out.json}\n`);
  }
  if (bad > 0) process.exitCode = 1;
}
