/**
 * stdout as the commands write it. A reader that stops early (`kazfeed export | head -n 1`) closes
 * the pipe, and the next write fails with EPIPE: that is no error. The command stops writing,
 * unwinds (closing the store, releasing what it holds) and exits 0, quietly.
 */
import { KazfeedError } from '../functions/lib/errors.ts';

/** The reader of stdout has gone: what is left to write is not wanted. */
export class OutputClosed extends KazfeedError {
  constructor() {
    super('stdout was closed by its reader');
    this.name = 'OutputClosed';
  }
}

let closed = false;
/** Any other failure to write (a full disk: ENOSPC), kept to be thrown where the command writes. */
let failed: NodeJS.ErrnoException | undefined;

/**
 * Takes EPIPE on stdout (emitted as an 'error' event, which would otherwise end the process with a
 * stack trace) as the reader having gone, and keeps any other write error for `writeOut` to throw
 * as one line. Called once, at start.
 */
export function watchStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else failed ??= error;
  });
}

/** Throws what keeps stdout from taking more: a write error, or its reader gone. */
function ensureWritable(): void {
  if (failed) throw new KazfeedError(`cannot write to stdout: ${failed.message}`);
  if (closed || process.stdout.destroyed) throw new OutputClosed();
}

/** Writes to stdout, waiting while its buffer is full; rejects with OutputClosed once its reader has gone. */
export async function writeOut(text: string): Promise<void> {
  ensureWritable();
  if (!process.stdout.write(text)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        process.stdout.off('drain', done);
        process.stdout.off('close', done);
        process.stdout.off('error', done);
        resolve();
      };
      process.stdout.on('drain', done);
      process.stdout.on('close', done);
      process.stdout.on('error', done);
    });
  }
  ensureWritable();
}
