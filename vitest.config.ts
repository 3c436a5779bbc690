import { defineConfig } from 'vitest/config';

/**
 * Two projects so that a run starts only the servers its tests need: directory tests share the one
 * Samba AD DC a machine can host (its LDAP ports are fixed); everything else needs PostgreSQL at most.
 * A project's global setup runs only when some of its test files are selected.
 */
const directoryTests = [
  'test/infra/**/*.test.ts',
  'test/directory/**/*.test.ts',
  'test/engine/directory/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...directoryTests],
          globalSetup: ['test/setup/global-postgres.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'directory',
          include: directoryTests,
          globalSetup: ['test/setup/global-postgres.ts', 'test/setup/global-samba.ts'],
        },
      },
    ],
  },
});
