// The Driver contract against a real local D1 inside workerd: same suite as on better-sqlite3.
import { env } from 'cloudflare:test';
import { d1Driver } from '../../src/runtime/workers/d1-driver.js';
import { driverContract } from '../store/driver-contract.js';

driverContract('D1', async () => d1Driver(env.DB));
