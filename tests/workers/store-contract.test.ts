// The Store contract against a real local D1 inside workerd: same suite as on better-sqlite3.
import { env } from 'cloudflare:test';
import { d1Store } from '../../src/runtime/workers/d1-driver.js';
import { storeContract } from '../store/contract.js';

storeContract('D1', async () => ({
  store: d1Store(env.DB),
  exec: async (sql) => {
    await env.DB.prepare(sql).run();
  },
  close: async () => {},
}));
