/**
 * Language tags an article may carry: decided by the text's script, not only by the feed. Kept
 * apart from the zod schemas so that `kazfeed --help` can list them without loading zod.
 */
export const LANGUAGES = ['en', 'ru', 'kk-Cyrl', 'kk-Latn', 'kk-Arab', 'uz-Cyrl', 'uz-Latn', 'zh-Hans'] as const;
