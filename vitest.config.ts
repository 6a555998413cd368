import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure domain tests and module tests through app.inject() on PGlite, or on
 * PostgreSQL when TEST_DATABASE_URL is set), `web` (the web app's logic, in Node) and `e2e` (browser
 * journeys in Debian's Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // The web app's own logic (offline outbox, recommended next steps), in Node: no browser needed.
        test: {
          name: 'web',
          include: ['web/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // One browser, one server: the journeys run one after another.
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
