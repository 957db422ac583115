// A public certificate must not give away its holder's ID number: nothing in the credential, its
// QR code, the logs or the database lets anyone test a guess offline; comparing a number is an
// online check, limited and audited.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachProof, createProof, toDateTimeStamp } from '../../src/credentials/data-integrity.js';
import { createDocumentLoader } from '../../src/credentials/document-loader.js';
import { legacyIdentityHash } from '../../src/domain/certificate.js';
import { assemble } from '../../src/app.js';
import type { Logger } from '../../src/ports.js';
import { readQrText, decodeQrPayload } from '../../src/qr/index.js';
import { FileKeyStore } from '../../src/runtime/node/file-keystore.js';
import { ADMIN_TOKEN, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
const NUMBER = '11010119900307123X';
const logged: string[] = [];
const recordingLog: Logger = {
  info: (e, f) => void logged.push(JSON.stringify([e, f])),
  warn: (e, f) => void logged.push(JSON.stringify([e, f])),
  error: (e, f) => void logged.push(JSON.stringify([e, f])),
};

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp({
    env: { HOLDER_WRONG_PER_HOUR: '5', HOLDER_WRONG_WINDOW_SECONDS: '3', HOLDER_CHECKS_PER_MINUTE: '1000' },
    ports: { log: recordingLog },
  });
});
afterAll(() => t.close());

async function issue(): Promise<Json> {
  const res = await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: `PRIV-${n++}`, date: '2025-06-20' } }), bearer(t.devKey));
  expect(res.status).toBe(201);
  return (await res.json()) as Json;
}
const check = (vc: unknown, idNumber: string) => t.call('POST', '/credentials/verify', { verifiableCredential: vc, options: { holderIdNumber: idNumber } });
const verdict = async (vc: unknown, idNumber: string) => ((await (await check(vc, idNumber)).json()) as Json).verdict as string;

/** Every unkeyed digest an attacker would try, in every encoding it might be written in. */
function unkeyedCandidates(salt: string): string[] {
  const numbers = [NUMBER, NUMBER.toLowerCase()];
  const inputs = numbers.flatMap((num) => [num, num + salt, salt + num, `${num}$${salt}`, `${salt}$${num}`]);
  const out: string[] = [];
  for (const input of inputs) {
    for (const alg of ['md5', 'sha1', 'sha256', 'sha512']) {
      const digest = createHash(alg).update(input).digest();
      out.push(
        digest.toString('hex'),
        digest.toString('hex').toUpperCase(),
        digest.toString('base64'),
        digest.toString('base64url'),
        `u${digest.toString('base64url')}`,
      );
      // multibase base58btc is how this service writes other binary values
      out.push(`z${base58(digest)}`);
    }
  }
  return out;
}

function base58(bytes: Buffer): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let s = '';
  while (n > 0n) {
    s = alphabet[Number(n % 58n)] + s;
    n /= 58n;
  }
  return s;
}

describe('what a certificate carries about its holder', () => {
  it('holds no unkeyed digest of the number, in the credential, its QR code, its qr.svg, the logs or the database', async () => {
    const cert = await issue();
    const vc = cert.verifiableCredential as Json;
    const id = vc.credentialSubject.identifier.find((i: Json) => i.identityType === 'nationalIdentityNumber');
    expect(id).toMatchObject({ type: 'IdentityObject', hashed: true });
    const qrText: string = cert.links.verify;
    const decoded = JSON.stringify(await decodeQrPayload((readQrText(qrText) as { payload: string }).payload));
    const svg = await (await t.app.request(new URL(cert.links.qrSvg).pathname)).text();
    // a holder check happens, so it could have been logged
    expect(await verdict(vc, NUMBER)).toBe('valid');
    const db = readdirSync(t.dir)
      .filter((f) => f.startsWith('skillcred.db'))
      .map((f) => readFileSync(join(t.dir, f)).toString('latin1'))
      .join('\n');
    const places = { credential: JSON.stringify(vc), qrText, qrDecoded: decoded, svg, logs: logged.join('\n'), database: db };
    const candidates = unkeyedCandidates(id.salt);
    expect(candidates.length).toBeGreaterThan(200);
    for (const [where, text] of Object.entries(places)) {
      for (const c of candidates) expect(text.includes(c), `${where} holds ${c}`).toBe(false);
      for (const plain of [NUMBER, NUMBER.toLowerCase(), NUMBER.slice(-6), NUMBER.slice(-6).toLowerCase()])
        expect(text.includes(plain), `${where} holds ${plain}`).toBe(false);
    }
  });
});

describe('the online holder check', () => {
  it('matches the right number, not a wrong one; the sixth wrong number within the window gets 429 (even a right one then), and after the window a right one matches', async () => {
    const { verifiableCredential: vc } = await issue();
    expect(await verdict(vc, NUMBER)).toBe('valid');
    expect(await verdict(vc, '110101 19900307 123x')).toBe('valid');
    for (let i = 0; i < 5; i++) expect(await verdict(vc, `11010119900307${String(1000 + i)}`)).toBe('holder-mismatch');
    const sixth = await check(vc, '110101199003071999');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await check(vc, NUMBER)).status).toBe(429);
    // another certificate is not affected
    expect(await verdict((await issue()).verifiableCredential, NUMBER)).toBe('valid');
    await new Promise((r) => setTimeout(r, 3200));
    expect(await verdict(vc, NUMBER)).toBe('valid');
    // every check is audited: the credential, the result and a keyed hash of the client address
    const audit = await t.ports.store.listHolderChecks(String(vc.id));
    expect(audit.map((a) => a.result)).toEqual(['match', 'match', 'no-match', 'no-match', 'no-match', 'no-match', 'no-match', 'limited', 'limited', 'match']);
    expect(audit.every((a) => /^[0-9a-f]{64}$/.test(a.clientHash))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('1101011990');
  });

  it('keeps checking certificates of an earlier pepper after a rotation; a lost pepper makes a check impossible, never wrong', async () => {
    const before = (await issue()).verifiableCredential;
    const rotated = await t.call('POST', '/admin/issuers/dev/peppers/rotate', undefined, bearer(ADMIN_TOKEN));
    expect(rotated.status).toBe(201);
    const after = (await issue()).verifiableCredential;
    const pepperOf = (vc: Json) => String(vc.credentialSubject.identifier[1].identityHash).split('$')[1];
    expect(pepperOf(after)).toBe(((await rotated.json()) as Json).pepper.id);
    expect(pepperOf(before)).not.toBe(pepperOf(after));
    expect(await verdict(before, NUMBER)).toBe('valid');
    expect(await verdict(after, NUMBER)).toBe('valid');
    expect(await verdict(before, '110101199003071234')).toBe('holder-mismatch');
    // lose the first pepper's file: its certificates cannot be checked, and say so
    const issuer = (await t.ports.store.getIssuer({ slug: 'dev' }))!;
    const first = (await t.ports.store.listPeppers(issuer.id)).find((p) => p.id === pepperOf(before))!;
    rmSync(join(t.dir, 'keys', `${first.keyRef}.jwk.json`));
    // A freshly started app (nothing cached) on the same database and key directory.
    const { app } = await assemble(t.ports, { devIssuer: false });
    const lost = (await (
      await app.request('/credentials/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verifiableCredential: before, options: { holderIdNumber: '110101199003071234' } }),
      })
    ).json()) as Json;
    expect(lost.verdict).toBe('valid');
    expect(lost.steps.find((s: Json) => s.id === 'holder')).toMatchObject({ skipped: true, problem: { code: 'holder-unavailable' } });
    expect(lost.warnings.map((w: Json) => w.code)).toContain('holder-unavailable');
    // the other pepper's certificates are unaffected
    const still = (await (
      await app.request('/credentials/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verifiableCredential: after, options: { holderIdNumber: NUMBER } }),
      })
    ).json()) as Json;
    expect(still.verdict).toBe('valid');
  });
});

describe('certificates made with the old construction', () => {
  it('still verify, warn that they expose the number, are checked online, and are listed for reissuing', async () => {
    // A certificate as the service issued them before keyed bindings: sha256$ of number + salt.
    const fresh = (await issue()).verifiableCredential as Json;
    const { proof: _p, ...unsecured } = structuredClone(fresh);
    unsecured.id = `urn:uuid:${crypto.randomUUID()}`;
    const idObject = unsecured.credentialSubject.identifier[1];
    idObject.identityHash = await legacyIdentityHash(NUMBER, idObject.salt, t.ports.crypto.sha256.bind(t.ports.crypto));
    const issuer = (await t.ports.store.getIssuer({ slug: 'dev' }))!;
    const key = (await t.ports.store.listIssuerKeys(issuer.id)).find((k) => k.retiredAt === null)!;
    const handle = await t.ports.crypto.importPrivateKey((await new FileKeyStore(join(t.dir, 'keys')).get(key.privateKeyRef))!);
    const proof = await createProof(unsecured, { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(new Date()), verificationMethod: key.id }, handle, {
      crypto: t.ports.crypto,
      documentLoader: createDocumentLoader(),
    });
    const legacy = attachProof(unsecured, proof, true);
    const status = (await t.ports.store.getStatusEntries(String(fresh.id)))[0]!;
    await t.ports.store.recordIssued(
      [
        {
          record: {
            id: String(legacy.id),
            issuerId: issuer.id,
            kind: 'skill-level',
            holderHash: idObject.identityHash,
            certificateNumber: 'Y000144000123253999999',
            assessmentId: 'LEGACY-1',
            issuedAt: new Date().toISOString(),
            validFrom: String(legacy.validFrom),
            format: 'eddsa-rdfc-2022',
            document: JSON.stringify(legacy),
          },
          slots: [],
        },
      ],
      null,
    );
    expect(status).toBeDefined();
    const plain = (await (await t.call('POST', '/credentials/verify', { verifiableCredential: legacy })).json()) as Json;
    expect(plain.verdict).toBe('valid');
    expect(plain.warnings.map((w: Json) => w.code)).toContain('legacy-holder-binding');
    expect(await verdict(legacy, NUMBER)).toBe('valid');
    expect(await verdict(legacy, '110101199003071234')).toBe('holder-mismatch');
    const listed = (await (await t.call('GET', '/admin/issuers/dev/holder-bindings/legacy', undefined, bearer(ADMIN_TOKEN))).json()) as Json;
    expect(listed.credentials.map((c: Json) => c.id)).toEqual([legacy.id]);
  });
});
