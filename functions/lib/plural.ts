/** `1 article`, `2 articles`, `0 articles`: a count with its noun, for messages people read. */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}
