// The Store contract against a real local D1 inside workerd: same suite as on better-sqlite3.
import { env } from 'cloudflare:test';
import { D1Store } from '../../src/store/d1.js';
import { storeContract } from '../store/contract.js';

storeContract('D1', async () => ({
  store: new D1Store(env.DB),
  exec: async (sql) => {
    await env.DB.prepare(sql).run();
  },
  close: async () => {},
}));
