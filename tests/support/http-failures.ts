import { expect } from 'vitest';
import { FetchError } from '../../functions/lib/errors.ts';

/** The FetchError a fetch fails with; the test fails when it succeeds or fails otherwise. */
export async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

const cp1251Table = new Map<string, number>();
for (let byte = 0; byte < 256; byte++) cp1251Table.set(new TextDecoder('windows-1251').decode(Uint8Array.of(byte)), byte);
/** Text encoded as windows-1251 (Node's TextEncoder writes only UTF-8); "?" for what it cannot hold. */
export const cp1251 = (text: string) => Uint8Array.from(text, (char) => cp1251Table.get(char) ?? 0x3f);
