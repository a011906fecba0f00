// Unit and integration tests (everything but test/e2e): real ZeroMQ on 127.0.0.1, real SQLite in
// temp dirs, the real simulated hub in-process or as a child process.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.test-reports/vitest.json' }]],
  },
});
