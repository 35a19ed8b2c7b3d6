/** How much of the query's line an error line quotes. */
const QUOTED = 80;

/**
 * DuckDB's error message as one line, as every other error is: its excerpt of the query with a
 * caret under it (`LINE 1: select nope ...` over `^`) becomes `(line 1: "select nope ...")`, and its
 * other lines are joined. The caret is dropped: after an earlier statement DuckDB places it off.
 */
export function sqlErrorLine(message: string): string {
  const lines = message.split('\n');
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const excerpt = /^LINE (\d+): (.*)$/.exec(line);
    if (excerpt) {
      const text = (excerpt[2] as string).trim();
      parts.push(`(line ${excerpt[1]}: "${text.length > QUOTED ? `${text.slice(0, QUOTED)}…` : text}")`);
      if (/^\s*\^\s*$/.test(lines[i + 1] ?? '')) i += 1;
    } else if (line) {
      parts.push(line);
    }
  }
  return parts.join(' ');
}
