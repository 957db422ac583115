// A key compromise cannot be turned against the issuer: the key is retired at once, nothing more
// is signed with it, rotation re-signs the lists, and earlier certificates keep verifying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
let t: TestApp;
let n = 0;
// A clock the tests move forward, so "in the past" is real without waiting.
let offset = 0;
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => new Date(Date.now() + offset) } });
});
afterAll(() => t.close());

const admin = bearer(ADMIN_TOKEN);
const issue = async () => t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: `KL-${n++}`, date: '2025-06-20' } }), bearer(t.devKey));
const verify = async (vc: unknown) => (await (await t.call('POST', '/credentials/verify', { verifiableCredential: vc })).json()) as Json;
const listOf = (vc: Json) => new URL(vc.credentialStatus.statusListCredential as string).pathname;

describe('the compromise sequence: issue, compromise, try to issue, revoke another, rotate', () => {
  it('ends with earlier credentials verifying, the revocation visible, and no list unverifiable', async () => {
    const a = (await (await issue()).json()) as Json;
    const b = (await (await issue()).json()) as Json;
    expect((await verify(a.verifiableCredential)).verdict).toBe('valid');

    const compromised = await t.call('POST', '/admin/issuers/dev/keys/compromise', { keyId: 'key-1', at: new Date().toISOString() }, admin);
    expect(compromised.status).toBe(200);
    const key = ((await compromised.json()) as Json).key;
    expect(key.retiredAt).not.toBeNull();
    expect(key.compromisedAt).not.toBeNull();

    // nothing more is signed with the compromised key
    const refused = await issue();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).detail).toContain('/admin/issuers/dev/keys/rotate');

    // a status change meanwhile is recorded; the list cannot be re-signed until rotation
    expect((await t.call('POST', `/v1/credentials/${encodeURIComponent(b.id)}/revoke`, { reason: 'fraud' }, bearer(t.devKey))).status).toBe(200);
    const unsignable = await t.app.request(listOf(b.verifiableCredential));
    expect(unsignable.status).toBe(503);
    expect(unsignable.headers.get('content-type')).toBe('application/problem+json');
    expect((await verify(b.verifiableCredential)).verdict).toBe('status-unknown');

    const rotated = await t.call('POST', '/admin/issuers/dev/keys/rotate', undefined, admin);
    expect(rotated.status).toBe(201);
    const newKey = ((await rotated.json()) as Json).key.id as string;
    // the lists were re-signed right away, with the new key
    const list = (await (await t.app.request(listOf(a.verifiableCredential))).json()) as Json;
    expect(list.proof.verificationMethod).toBe(newKey);

    const va = await verify(a.verifiableCredential);
    expect(va.verdict).toBe('valid');
    expect(va.warnings.map((w: Json) => w.code)).toContain('key-later-compromised');
    expect((await verify(b.verifiableCredential)).verdict).toBe('revoked');
    // and issuing works again, with the new key
    const c = (await (await issue()).json()) as Json;
    expect(c.verifiableCredential.proof[0].verificationMethod).toBe(newKey);
    expect((await verify(c.verifiableCredential)).verdict).toBe('valid');
  });
});

describe('retroactive dates are deliberate', () => {
  it('refuses a compromise dated before the key existed, and one in the past without "retroactive": true, saying how many certificates it affects', async () => {
    const keys = (await (await t.call('GET', '/admin/issuers/dev', undefined, admin)).json()) as Json;
    const current = keys.keys.find((k: Json) => k.retiredAt === null);
    const before = await t.call('POST', '/admin/issuers/dev/keys/compromise', { keyId: current.id, at: '2000-01-01T00:00:00Z' }, admin);
    expect(before.status).toBe(422);
    expect(((await before.json()) as Json).errors[0].pointer).toBe('/at');
    await issue();
    offset += 2 * 3_600_000; // two hours later
    const silent = await t.call('POST', '/admin/issuers/dev/keys/compromise', { keyId: current.id, at: current.createdAt }, admin);
    expect(silent.status).toBe(409);
    const problem = (await silent.json()) as Json;
    expect(problem.errors[0].pointer).toBe('/retroactive');
    expect(problem.detail).toMatch(/\d+ certificate\(s\)/);
    const meant = await t.call('POST', '/admin/issuers/dev/keys/compromise', { keyId: current.id, at: current.createdAt, retroactive: true }, admin);
    expect(meant.status).toBe(200);
    expect(((await meant.json()) as Json).affected).toBeGreaterThanOrEqual(1);
    expect((await t.call('POST', '/admin/issuers/dev/keys/rotate', undefined, admin)).status).toBe(201);
  });

  it('does the same for exits: not before the issuer existed; in the past only when meant', async () => {
    const issuer = (await (await t.call('GET', '/admin/issuers/dev', undefined, admin)).json()) as Json;
    const early = await t.call('POST', '/admin/issuers/dev/exit', { exitedAt: '2001-01-01T00:00:00Z', reason: 'term-expired' }, admin);
    expect(early.status).toBe(422);
    const past = await t.call('POST', '/admin/issuers/dev/exit', { exitedAt: issuer.issuer.createdAt, reason: 'term-expired' }, admin);
    expect(past.status).toBe(409);
    const future = await t.call(
      'POST',
      '/admin/issuers/dev/exit',
      { exitedAt: new Date(Date.now() + 86_400_000).toISOString(), reason: 'term-expired' },
      admin,
    );
    expect(future.status).toBe(201);
    expect(((await future.json()) as Json).affected).toBe(0);
  });
});
