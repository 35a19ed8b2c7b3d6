import { createInterface } from 'node:readline';
import * as z from 'zod';
import { classify, inputFromText } from '../../functions/process/classify/index.ts';
import { resolveLanguage } from '../../functions/process/normalise/language.ts';
import { normaliseText } from '../../functions/process/normalise/text.ts';

const ClassifyLine = z.object({
  id: z.union([z.string(), z.number()]),
  language: z.string().optional().nullable(),
  title: z.string().default(''),
  text: z.string(),
});

/**
 * Classifies one JSON line: `{ id, language?, title, text }` in, the verdict out. Paragraphs are
 * separated by blank lines; the first is the lead. A bad line yields an error line, never a throw.
 */
export function classifyLine(line: string, lineNumber: number): string {
  let input: z.infer<typeof ClassifyLine>;
  try {
    const parsed = ClassifyLine.safeParse(JSON.parse(line));
    if (!parsed.success) {
      const raw = JSON.parse(line) as { id?: unknown };
      const id = typeof raw?.id === 'string' || typeof raw?.id === 'number' ? raw.id : `line ${lineNumber}`;
      const issue = parsed.error.issues[0];
      return JSON.stringify({ id, error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` });
    }
    input = parsed.data;
  } catch {
    return JSON.stringify({ id: `line ${lineNumber}`, error: 'not valid JSON' });
  }
  const title = normaliseText(input.title);
  const language = resolveLanguage(`${title}\n${input.text}`, input.language);
  const relations = classify(inputFromText(language, title, input.text));
  const bilateral = relations.kind === 'bilateral';
  return JSON.stringify({
    id: input.id,
    bilateral,
    countries: bilateral ? relations.countries : [],
    pair: relations.pair,
    kazakhstanInvolved: bilateral && relations.kazakhstanInvolved,
    confidence: relations.confidence,
    topics: relations.topics,
  });
}

/** `kazfeed classify`: JSON Lines on stdin, one verdict per input line on stdout, in order. */
export async function classifyCommand(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    const out = classifyLine(line, lineNumber);
    if (!process.stdout.write(`${out}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}
