import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles: ['test/support/fast-check-seed.ts'],
          include: ['domain/**/*.test.ts', 'locales/**/*.test.ts', '**/*.unit.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', 'node_modules/**', 'prisma/generated/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts', '**/*.e2e.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/fast-check-seed.ts'],
          // Generous: several tests spawn CLI and service processes, slow on a busy 2-core machine.
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Each file gets its own database and Redis prefix, but the machine has two cores:
          // two files at a time keeps the suite fast without starving the services.
          maxWorkers: 2,
          // Unit tests run first (group 0), then integration (group 1): vitest needs distinct groups
          // for projects with different worker counts.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
