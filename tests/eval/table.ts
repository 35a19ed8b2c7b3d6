/** Prints rows as right-aligned columns, two spaces apart, each as wide as its widest cell. */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i] as number)).join('  '));
}
