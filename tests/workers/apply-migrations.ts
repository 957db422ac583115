// Setup file of the Workers project: the same migration files wrangler applies, on the test D1.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
