import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { testIssuerKeys } from './tests/workers/test-keys.js';

// jsonld's Node document loader imports @digitalbazaar/http-client, which workerd refuses to
// load; skillcred never fetches documents, so a stub stands in (both projects, per STACK.md).
const alias = { '@digitalbazaar/http-client': fileURLToPath(new URL('./tests/workers/stubs/http-client.cjs', import.meta.url)) };

export default defineConfig(async () => ({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/workers/**', 'tests/bench/**', 'node_modules/**'],
          // One throwaway PostgreSQL cluster for the run (skipped, saying why, without the binaries).
          globalSetup: ['tests/postgres/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        // Inside workerd, against a local D1 with the same migrations wrangler applies.
        resolve: { alias },
        plugins: [
          cloudflareTest({
            main: './src/worker.ts',
            wrangler: { configPath: './wrangler.toml' },
            remoteBindings: false,
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL('./src/store/migrations', import.meta.url))),
                ISSUER_KEYS: testIssuerKeys(),
                ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
                PUBLIC_URL: 'https://certs.example.cn',
              },
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['tests/workers/**/*.test.ts'],
          setupFiles: ['tests/workers/apply-migrations.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
}));
