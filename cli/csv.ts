/** One RFC 4180 field: quoted when it holds a quote, a comma or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Text from a source (a title, a summary, a query's string) as a spreadsheet will not run it:
 * Excel, LibreOffice and Google Sheets take a cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula, so a hostile title could fetch URLs or start programs (OWASP's
 * "CSV injection"). Such text gets a leading apostrophe, which spreadsheets hide; plain numbers
 * (`-12.5`) stay numbers.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d[\d.,]*$/.test(value) ? `'${value}` : value;
}
