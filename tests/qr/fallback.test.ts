import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrTextFor, qrVersion, readQrText } from '../../src/qr/index.js';
import { bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';

let t: TestApp;
let credential: Record<string, unknown>;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.call('POST', '/v1/certificates', skillLevelRequest(), bearer(t.devKey));
  credential = ((await res.json()) as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
});
afterAll(() => t.close());

describe('qrTextFor: the whole credential when it fits, else a short link with its id', () => {
  it('puts the typical certificate in the code whole', async () => {
    const qr = await qrTextFor(t.ports.config.publicUrl, credential);
    expect(qr.kind).toBe('credential');
    expect(qr.level).toBe('M');
    expect(qr.version).toBe(qrVersion(qr.text, 'M'));
    expect(qr.version).toBeLessThanOrEqual(16);
    expect(readQrText(qr.text).kind).toBe('credential');
  });

  it('falls back to the credential id past the budget; the scanned text says which kind it is', async () => {
    const qr = await qrTextFor(t.ports.config.publicUrl, credential, { maxVersion: 10 });
    expect(qr.kind).toBe('id');
    expect(qr.text).toMatch(/^HTTPS:\/\/CERTS\.EXAMPLE\.CN\/V#ID:[A-Z2-7]+$/);
    expect(qr.version).toBeLessThanOrEqual(6);
    expect(readQrText(qr.text)).toEqual({ kind: 'id', id: credential.id });
    // the budget applies at the level asked for
    expect((await qrTextFor(t.ports.config.publicUrl, credential, { level: 'H', maxVersion: 16 })).kind).toBe('id');
  });

  it('an enveloped vc+jwt credential falls back to the id it is given, never to its data: URL', async () => {
    const res = await t.call(
      'POST',
      '/credentials/issue',
      { credential: vc2(t.devDid, { credentialSubject: { id: 'did:example:holder', notes: '焊工'.repeat(400) } }), options: { format: 'vc+jwt' } },
      bearer(t.devKey),
    );
    expect(res.status).toBe(201);
    const enveloped = ((await res.json()) as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
    expect(String(enveloped.id)).toMatch(/^data:application\/vc\+jwt,/);
    await expect(qrTextFor(t.ports.config.publicUrl, enveloped)).rejects.toMatchObject({ code: 'MALFORMED_VALUE', problem: 'too-large' });
    const qr = await qrTextFor(t.ports.config.publicUrl, enveloped, { credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000001' });
    expect(readQrText(qr.text)).toEqual({ kind: 'id', id: 'urn:uuid:00000000-0000-4000-8000-000000000001' });
  });
});
