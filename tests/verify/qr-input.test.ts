import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQrUrl, qrIdUrl, qrTextFor } from '../../src/qr/index.js';
import { createQrDecoder } from '../../src/verify/qr-decoder.js';
import { bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';
import { oneCharChanged } from './qr-tamper.js';

type Json = Record<string, any>;
let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function issue(extra: Json = {}): Promise<{ id: string; vc: Json; url: string }> {
  const res = await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: `QR-${n++}`, date: '2025-06-20' }, ...extra }), bearer(t.devKey));
  expect(res.status).toBe(201);
  const body = (await res.json()) as Json;
  const qr = await qrTextFor(t.ports.config.publicUrl, body.verifiableCredential, { credentialId: body.id });
  expect(qr.kind).toBe('credential');
  return { id: body.id, vc: body.verifiableCredential, url: qr.text };
}

async function verify(input: unknown, options?: Json) {
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: input, ...(options ? { options } : {}) });
  const body = (await res.json()) as Json;
  const failed = (body.steps as Json[]).filter((s) => !s.valid && !s.skipped);
  return { status: res.status, body, failed: failed.map((s) => s.id), codes: failed.map((s) => s.problem.code) };
}

describe('POST /credentials/verify with a scanned QR code', () => {
  it('accepts the whole scanned URL, the bare payload and a lower-cased URL, and shows the summary', async () => {
    const { url } = await issue();
    for (const input of [url, parseQrUrl(url), url.toLowerCase(), `  ${url}\n`]) {
      const r = await verify(input);
      expect([r.status, r.body.verdict], String(input).slice(0, 40)).toEqual([200, 'valid']);
      expect(r.body.summary).toMatchObject({ holderName: '张三', certificateNumber: 'Y000144000123253000001', level: { grade: '三级' } });
    }
  });

  it('checks the holder of a scanned credential', async () => {
    const { url } = await issue();
    expect((await verify(url, { holderIdNumber: '11010119900307123x' })).body.verdict).toBe('valid');
    expect((await verify(url, { holderIdNumber: '110101199003071234' })).body.verdict).toBe('holder-mismatch');
  });

  it('fails a truncated payload at the parse step (unreadable, 400), however much is cut', async () => {
    const { url } = await issue();
    const payload = parseQrUrl(url);
    for (const cut of [1, 2, 7, 40, Math.floor(payload.length / 2), payload.length - 3]) {
      const r = await verify(url.slice(0, url.length - cut));
      expect([r.status, r.body.verdict, r.failed], `cut ${cut}`).toEqual([400, 'unreadable', ['parse']]);
      expect(r.codes).toEqual(['bad-qr']);
      expect(r.body.steps.slice(1).every((s: Json) => s.skipped)).toBe(true);
    }
  });

  it('fails a payload with one changed character that still decodes at the proof step (tampered, 422)', async () => {
    const { url } = await issue();
    const changed = await oneCharChanged(parseQrUrl(url));
    const r = await verify(changed.payload);
    expect([r.status, r.body.verdict, r.failed]).toEqual([422, 'tampered', ['proof']]);
  });

  it('says revoked for the QR code of a revoked credential', async () => {
    const { id, url } = await issue();
    expect((await t.call('POST', `/v1/credentials/${encodeURIComponent(id)}/revoke`, { reason: 'test' }, bearer(t.devKey))).status).toBe(200);
    const r = await verify(url);
    expect([r.status, r.body.verdict, r.failed]).toEqual([422, 'revoked', ['status']]);
  });

  it('verifies the fallback link holding only the id (looked up here), and fails an unknown id at parse', async () => {
    const { id } = await issue();
    expect((await verify(qrIdUrl(t.ports.config.publicUrl, id))).body.verdict).toBe('valid');
    const unknown = await verify(qrIdUrl(t.ports.config.publicUrl, 'urn:uuid:00000000-0000-4000-8000-000000000000'));
    expect([unknown.status, unknown.body.verdict, unknown.codes]).toEqual([400, 'unreadable', ['unknown-credential']]);
  });

  it('answers garbage text, a lower-case payload of nonsense and an empty fragment with unreadable, never a 500', async () => {
    for (const input of ['hello world', 'ABCDEFGH', 'https://certs.example.cn/v#', 'HTTPS://X/V#ID:!!', 'https://certs.example.cn/v#ID:MZXW6', '🙂']) {
      const r = await verify(input);
      expect([r.status, r.body.verdict, r.failed], input).toEqual([400, 'unreadable', ['parse']]);
    }
  });
});

describe('createQrDecoder', () => {
  it('returns the credential, an id, or undefined for text that is no QR text at all', async () => {
    const { vc, id, url } = await issue();
    const qr = createQrDecoder();
    expect(await qr.decode(url)).toEqual({ credential: vc });
    expect(await qr.decode(qrIdUrl('https://certs.example.cn', id))).toEqual({ credentialId: id });
    expect(await qr.decode('not a qr code')).toBeUndefined();
    await expect(qr.decode(url.slice(0, -5))).rejects.toThrow(/QR payload/);
  });
});
