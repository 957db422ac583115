// The command line's status and trust commands say which date they filter on and refuse to
// rewrite the past silently: --issued-from/--issued-until select by issuance time, --batch by
// batch; exit and compromise in the past need --retroactive and report what they affect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';
import { adminCli } from '../helpers/node-process.js';

let t: TestApp;
const HOURS = 3_600_000;
beforeAll(async () => {
  // The service's records are made two hours back, so the command line (on the real clock) has a
  // past to be retroactive about.
  t = await createTestApp({ clock: { now: () => new Date(Date.now() - 2 * HOURS) } });
});
afterAll(() => t.close());

const admin = (...args: string[]) => adminCli(t.dir, ...args);

describe('npm run admin -- status bulk and the trust commands', () => {
  it('selects by issuance time with --issued-from/--issued-until, and says so in --help', async () => {
    const from = new Date(Date.now() - 3 * HOURS).toISOString();
    const issued = await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: 'ASM-CLI-SEL', date: '2020-01-01' } }), bearer(t.devKey));
    expect(issued.status).toBe(201);
    const until = new Date().toISOString();
    const r = await admin('status', 'bulk', '--issuer', 'dev', '--action', 'revoke', '--reason', 'cli test', '--issued-from', from, '--issued-until', until);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).changed).toBeGreaterThanOrEqual(1);
    const help = await admin('--help');
    expect(help.stdout + help.stderr).toMatch(/--issued-from\/--issued-until select by when the service signed \(not the assessment date\)/);
  }, 60_000);

  it('refuses a compromise time in the past without --retroactive, and with it reports how many credentials it affects', async () => {
    // An hour ago: after the key was made (two hours back), before now.
    const at = new Date(Date.now() - HOURS).toISOString();
    const before = await admin('keys', 'compromise', 'dev', '--key', 'key-1', '--at', new Date(Date.now() - 5 * HOURS).toISOString(), '--retroactive');
    expect(before.code).not.toBe(0);
    expect(before.stderr).toMatch(/before the key/);
    const refused = await admin('keys', 'compromise', 'dev', '--key', 'key-1', '--at', at);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/retroactive/);
    const done = await admin('keys', 'compromise', 'dev', '--key', 'key-1', '--at', at, '--retroactive');
    expect(done.code, done.stderr).toBe(0);
    // Everything was issued two hours back, before the compromise time: nothing is affected.
    expect(JSON.parse(done.stdout).affected).toBe(0);
  }, 60_000);
});
