import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'schemas/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
