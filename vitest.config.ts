import { defineConfig } from 'vitest/config';

const shared = {
  // Creating an embedded database takes seconds, and much longer on a loaded machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  globalSetup: ['test/helpers/global-setup.ts'],
};

// The suite runs on PGlite; with TEST_DATABASE_URL set, the database tests run again on PostgreSQL.
const postgres = process.env.TEST_DATABASE_URL
  ? [
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['test/integration/**/*.test.ts'],
          env: { FW_TEST_DB: 'postgres' },
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    // Every core: in run mode the default leaves one idle, which on a two-core machine halves the pace.
    maxWorkers: '100%',
    projects: [
      { test: { ...shared, name: 'pglite', include: ['test/**/*.test.ts'], env: { FW_TEST_DB: 'pglite' } } },
      ...postgres,
    ],
  },
});
