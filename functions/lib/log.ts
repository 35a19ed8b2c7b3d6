/** The logging surface stages use: structured fields, rendered by whoever runs them. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

function make(write: (level: Level, message: string, fields: Record<string, unknown>) => void): Logger {
  return {
    info: (message, fields = {}) => write('info', message, fields),
    warn: (message, fields = {}) => write('warn', message, fields),
    error: (message, fields = {}) => write('error', message, fields),
  };
}

/** Readable progress lines on stderr, for people at a terminal (stdout stays for data). */
export function lineLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  return make((level, message, fields) => {
    const details = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const prefix = level === 'info' ? '' : `${level}: `;
    stream.write(`${prefix}${message}${details ? `  ${details}` : ''}\n`);
  });
}

export const silentLogger: Logger = make(() => {});
