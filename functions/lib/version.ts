/** Constants the CLI's command table needs, in a module that imports nothing (no zod, no SDK). */
export const PIPELINE_VERSION = '0.1.0';

/** Where `kazfeed serve` listens by default; feeds' self links point here unless configured. */
export const DEFAULT_SERVE_PORT = 8080;
