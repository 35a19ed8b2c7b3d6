import * as z from './zod.ts';

/** `archive/manifest.json`: every daily archive file with what a downloader needs to verify it. */
export const ArchiveManifest = z.object({
  files: z.array(
    z.object({
      key: z.string().check(z.minLength(1)),
      date: z.iso.date(),
      count: z.number().check(z.int(), z.gte(0)),
      bytes: z.number().check(z.int(), z.gte(0)),
      /** Lower-case hex sha256 of the `.gz` file's bytes. */
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    }),
  ),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;
export type ManifestFile = ArchiveManifest['files'][number];
