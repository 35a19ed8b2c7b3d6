/** Calendar months as `YYYY-MM` strings (UTC), the atlas's unit of time. */

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  const end = monthIndex(last);
  return Array.from({ length: count }, (_, i) => monthOf(end - count + 1 + i));
}

/** Every month from `first` to `last` inclusive, at most the `max` latest of them. */
export function monthsBetween(first: string, last: string, max: number): string[] {
  return monthsEnding(last, Math.min(max, monthIndex(last) - monthIndex(first) + 1));
}
