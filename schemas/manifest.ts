import * as z from 'zod';

/** `archive/manifest.json`: every daily archive file with what a downloader needs to verify it. */
export const ArchiveManifest = z.object({
  files: z.array(
    z.object({
      key: z.string().min(1),
      date: z.iso.date(),
      count: z.number().int().min(0),
      bytes: z.number().int().min(0),
      /** Lower-case hex sha256 of the `.gz` file's bytes. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;
export type ManifestFile = ArchiveManifest['files'][number];
