import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteDriver } from '../../src/runtime/node/sqlite-driver.js';
import type { Driver } from '../../src/store/driver.js';
import { driverContract } from './driver-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'skillcred-driver-'));
let driver: Driver | undefined;
afterAll(async () => {
  await driver?.close();
  rmSync(dir, { recursive: true, force: true });
});

driverContract('better-sqlite3', async () => (driver = openSqliteDriver(join(dir, 'probe.db'))));
