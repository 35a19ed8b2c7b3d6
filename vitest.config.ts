import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'functions/**/*.test.ts', 'schemas/**/*.test.ts', 'cli/**/*.test.ts', 'infra/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
