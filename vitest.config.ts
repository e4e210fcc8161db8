import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests, each its own project so that a run of one kind starts only what
 * that kind needs (vitest runs a project's globalSetup only when it has tests queued):
 *   unit        pure code, no server;
 *   workflow    real workflows on the Java time-skipping test server (one per test file);
 *   integration the Temporal dev server, one shared per run, with dondoc's search attributes.
 * Workflow code is bundled once per run (cached by content hash) for both server kinds.
 */
export default defineConfig({
  test: {
    // Temporal's native bridge crashes inside worker threads: one process per test file.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'workflow', include: ['test/workflow/**/*.test.ts'], globalSetup: ['test/helpers/setup-bundle.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/setup-bundle.ts', 'test/helpers/setup-dev-server.ts'],
        },
      },
    ],
  },
});
