// The Store contract against a real local D1 inside workerd: same suite as on better-sqlite3,
// on the plain store and through the read cache the Worker entry puts in front of it.
import { env } from 'cloudflare:test';
import { d1Store } from '../../src/runtime/workers/d1-driver.js';
import { withReadCache } from '../../src/store/read-cache.js';
import { storeContract, type MakeStore } from '../store/contract.js';

const d1 =
  (cached: boolean): MakeStore =>
  async () => ({
    store: cached ? withReadCache(d1Store(env.DB)) : d1Store(env.DB),
    exec: async (sql) => {
      await env.DB.prepare(sql).run();
    },
    query: async (sql, params = []) =>
      (
        await env.DB.prepare(sql)
          .bind(...params)
          .all<Record<string, unknown>>()
      ).results,
    close: async () => {},
  });

storeContract('D1', d1(false));
storeContract('D1 through the read cache', d1(true));
