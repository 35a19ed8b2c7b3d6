/**
 * The lines of a byte stream (split at `\n`, a `\r` before it dropped), each at most `maxBytes`
 * long: a longer line is yielded as `null` in its place, its bytes dropped as they arrive, so one
 * endless line neither fills memory nor breaks the count of the lines after it.
 */
export async function* boundedLines(input: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string | null> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const take = (piece: Uint8Array) => {
    if (over || size + piece.byteLength > maxBytes) {
      over = true;
      parts = [];
      return;
    }
    parts.push(piece);
    size += piece.byteLength;
  };
  const line = () => {
    const text = over ? null : Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '');
    parts = [];
    size = 0;
    over = false;
    return text;
  };
  for await (const chunk of input) {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      take(chunk.subarray(start, end));
      yield line();
      start = end + 1;
    }
    take(chunk.subarray(start));
  }
  if (over || size > 0) yield line();
}
