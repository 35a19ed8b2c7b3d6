/**
 * zod as the schemas use it: its light entry point (zod/mini, the same schemas without a method
 * for every operation on each of them: the Lambda bundles' cold starts import a third of classic
 * zod's bytes), with the English messages classic zod sets up by itself (rejected items keep them).
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
