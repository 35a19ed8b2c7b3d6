import { describe, expect, it } from 'vitest';
import { sqlErrorLine } from '../../cli/query/sql-error.ts';

describe('sqlErrorLine: DuckDB errors on one line', () => {
  it('joins the lines and quotes the query line the error is on, without the caret', () => {
    expect(sqlErrorLine('Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "range"\n\nLINE 1: select \'ab\' || nope from range(3)\n                       ^'))
      .toBe('Binder Error: Referenced column "nope" not found in FROM clause! Candidate bindings: "range" (line 1: "select \'ab\' || nope from range(3)")');
  });

  it('cuts a long query line', () => {
    expect(sqlErrorLine(`Parser Error: syntax error at or near "x"\n\nLINE 3: ${'a'.repeat(100)}\n         ^`)).toBe(`Parser Error: syntax error at or near "x" (line 3: "${'a'.repeat(80)}…")`);
  });

  it('leaves a one-line message as it is', () => {
    expect(sqlErrorLine('IO Error: No files found that match the pattern "x"')).toBe('IO Error: No files found that match the pattern "x"');
  });
});
