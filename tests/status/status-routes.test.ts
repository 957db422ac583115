import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitAt, decodeList } from '../../src/status/bitstring.js';
import { ADMIN_TOKEN, accredit, assessmentRequest, bearer, createTestApp, skillLevelRequest, vc2, type TestApp } from '../helpers/app.js';
import { stockLoader, stockVerify } from '../helpers/stock-verifier.js';

let t: TestApp;
let loader: ReturnType<typeof stockLoader>;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
  loader = stockLoader((p) => Promise.resolve(t.app.request(p)), t.ports.config.publicUrl);
});
afterAll(() => t.close());

type Json = Record<string, unknown>;
type Entry = { statusPurpose: string; statusListIndex: string; statusListCredential: string };

async function certificate(extra: Json = {}, token = t.devKey): Promise<{ id: string; vc: Json; entries: Entry[] }> {
  const res = await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: `ST-${n++}`, date: '2025-06-20' }, ...extra }), bearer(token));
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; verifiableCredential: Json };
  const cs = body.verifiableCredential.credentialStatus;
  return { id: body.id, vc: body.verifiableCredential, entries: (Array.isArray(cs) ? cs : [cs]) as Entry[] };
}

async function fetchList(url: string, headers: Record<string, string> = {}) {
  return t.app.request(new URL(url).pathname, { headers });
}

async function bit(entry: Entry): Promise<boolean> {
  const res = await fetchList(entry.statusListCredential);
  expect(res.status).toBe(200);
  const list = (await res.json()) as { credentialSubject: { encodedList: string } };
  return bitAt(await decodeList(list.credentialSubject.encodedList), Number(entry.statusListIndex));
}

const post = (path: string, body: unknown, token = t.devKey) => t.call('POST', path, body, bearer(token));
const enc = (id: string) => encodeURIComponent(id);

describe('status entries at issuance', () => {
  it('every credential carries a revocation BitstringStatusListEntry with a base-10 string index under PUBLIC_URL', async () => {
    const { entries } = await certificate();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(entries[0]!.statusListIndex).toMatch(/^(0|[1-9]\d*)$/);
    expect(entries[0]!.statusListCredential).toBe('https://certs.example.cn/status/dev/revocation/1');
    const vcApi = (await (await post('/credentials/issue', { credential: vc2(t.devDid), options: { format: 'vc+jwt' } })).json()) as Json;
    expect(vcApi.verifiableCredential).toBeDefined();
  });

  it('adds a suspension entry on request, and by issuer setting', async () => {
    const { entries } = await certificate({ suspension: true });
    expect(entries.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    const viaVcApi = (await (
      await post('/credentials/issue', {
        credential: vc2(t.devDid),
        options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: ['revocation', 'suspension'] } },
      })
    ).json()) as { verifiableCredential: { credentialStatus: Entry[] } };
    expect(viaVcApi.verifiableCredential.credentialStatus.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    const created = (await (
      await t.call(
        'POST',
        '/admin/issuers',
        { slug: 'susp-org', names: { 'zh-Hans': '暂停机构' }, orgKind: 'Y', filingCode: 'Y-S', suspensionByDefault: true },
        bearer(ADMIN_TOKEN),
      )
    ).json()) as { apiKey: { token: string } };
    await accredit(t, 'susp-org');
    const byDefault = await certificate({}, created.apiKey.token);
    expect(byDefault.entries.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
  });
});

describe('revoke, suspend, reinstate', () => {
  it('revoke sets the bit in the next fetch of the list; stock checkStatus agrees, a live credential stays clear', async () => {
    const revoked = await certificate();
    const live = await certificate();
    expect(await bit(revoked.entries[0]!)).toBe(false);
    const res = await post(`/v1/credentials/${enc(revoked.id)}/revoke`, { reason: '考核舞弊 fraud found in exam session 7' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).changed).toBe(1);
    expect(await bit(revoked.entries[0]!)).toBe(true);
    expect(await bit(live.entries[0]!)).toBe(false);

    const suite = new DataIntegrityProof({ cryptosuite: rdfc });
    const r1 = await checkStatus({
      credential: revoked.vc,
      documentLoader: loader,
      suite,
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    expect(r1.error).toBeUndefined();
    expect(r1.verified).toBe(true);
    expect(r1.results![0]!.status).toBe(true);
    const r2 = await checkStatus({
      credential: live.vc,
      documentLoader: loader,
      suite,
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    expect(r2.verified).toBe(true);
    expect(r2.results![0]!.status).toBe(false);
    // and the full stock verification still passes the signature; the status says revoked
    const full = await stockVerify(revoked.vc, loader, (o) => checkStatus({ ...(o as object), suite, verifyBitstringStatusListCredential: true }));
    expect((full.statusResult as { results: { status: boolean }[] }).results[0]!.status).toBe(true);
  });

  it('suspend then reinstate flips the suspension bit back; reinstating a revoked credential is 409', async () => {
    const c = await certificate({ suspension: true });
    const susp = c.entries[1]!;
    expect((await post(`/v1/credentials/${enc(c.id)}/suspend`, { reason: 'inquiry opened' })).status).toBe(200);
    expect(await bit(susp)).toBe(true);
    expect((await post(`/v1/credentials/${enc(c.id)}/reinstate`, { reason: 'inquiry closed' })).status).toBe(200);
    expect(await bit(susp)).toBe(false);
    expect((await post(`/v1/credentials/${enc(c.id)}/revoke`, { reason: 'misconduct' })).status).toBe(200);
    const again = await post(`/v1/credentials/${enc(c.id)}/reinstate`, { reason: 'appeal' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).detail).toContain('revocation is final');
    expect(await bit(c.entries[0]!)).toBe(true);
  });

  it('suspending a credential issued without a suspension entry is 409, not a silent no-op', async () => {
    const c = await certificate();
    const res = await post(`/v1/credentials/${enc(c.id)}/suspend`, { reason: 'x' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Json).detail).toContain('without a suspension status entry');
  });

  it('a key of another issuer gets 403 (or 404 for a credential it cannot see); admin may change it', async () => {
    const c = await certificate();
    const other = (await (
      await t.call('POST', '/admin/issuers', { slug: 'other-st', names: { 'zh-Hans': '其他' }, orgKind: 'S', filingCode: 'S-2' }, bearer(ADMIN_TOKEN))
    ).json()) as { apiKey: { token: string } };
    const res = await post(`/v1/credentials/${enc(c.id)}/revoke`, { reason: 'not mine' }, other.apiKey.token);
    expect([403, 404]).toContain(res.status);
    expect(await bit(c.entries[0]!)).toBe(false);
    const bulk = await post('/v1/status/bulk', { action: 'revoke', reason: 'x', issuer: 'dev', select: { assessmentId: 'ST-0' } }, other.apiKey.token);
    expect(bulk.status).toBe(403);
    expect((await post(`/v1/credentials/${enc(c.id)}/revoke`, { reason: 'by the authority' }, ADMIN_TOKEN)).status).toBe(200);
    expect(await bit(c.entries[0]!)).toBe(true);
  });

  it('the VC API /credentials/status revokes and suspends', async () => {
    const c = await certificate({ suspension: true });
    const res = await post('/credentials/status', { credentialId: c.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'suspended' }] });
    expect(res.status).toBe(200);
    expect(await bit(c.entries[1]!)).toBe(true);
    await post('/credentials/status', {
      credentialId: c.id,
      credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: false }],
    });
    expect(await bit(c.entries[1]!)).toBe(false);
    await post('/credentials/status', { credentialId: c.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }], reason: 'fraud' });
    expect(await bit(c.entries[0]!)).toBe(true);
    const bad = await post('/credentials/status', { credentialId: c.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'maybe' }] });
    expect(bad.status).toBe(422);
    const unknown = await post('/credentials/status', {
      credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
    });
    expect(unknown.status).toBe(404);
  });

  it('revoking one certificate of an assessment pair can take its twin along (scope: assessment)', async () => {
    const pairRes = await post('/v1/assessments', assessmentRequest({ assessment: { id: 'PAIR-ST', date: '2025-07-01' } }));
    const pair = (await pairRes.json()) as { credentials: { id: string; verifiableCredential: { credentialStatus: Entry } }[] };
    const [a, b] = pair.credentials;
    const res = await post(`/v1/credentials/${enc(a!.id)}/revoke`, { reason: 'assessment annulled', scope: 'assessment' });
    expect(((await res.json()) as Json).changed).toBe(2);
    expect(await bit(a!.verifiableCredential.credentialStatus)).toBe(true);
    expect(await bit(b!.verifiableCredential.credentialStatus)).toBe(true);
  });
});

describe('publication', () => {
  it('serves a signed VC 2.0 BitstringStatusListCredential that stock verification accepts', async () => {
    const c = await certificate();
    const res = await fetchList(c.entries[0]!.statusListCredential);
    const list = (await res.json()) as Json & { credentialSubject: Json };
    expect(list['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.issuer).toBe(t.devDid);
    expect(list.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });
    expect(String(list.credentialSubject.encodedList)).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect((await decodeList(String(list.credentialSubject.encodedList))).length).toBe(131072 / 8);
    expect(Date.parse(String(list.validUntil)) - Date.parse(String(list.validFrom))).toBe(86_400_000);
    expect((await stockVerify(list, loader)).verified).toBe(true);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('If-None-Match with the current ETag → 304; after a revocation → 200 with a new ETag', async () => {
    const c = await certificate();
    const url = c.entries[0]!.statusListCredential;
    const first = await fetchList(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const body1 = await first.text();
    const cached = await fetchList(url, { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    // not re-signed between changes: byte-identical
    expect(await (await fetchList(url)).text()).toBe(body1);
    await post(`/v1/credentials/${enc(c.id)}/revoke`, { reason: 'x' });
    const after = await fetchList(url, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('answers 404 problems for unknown lists', async () => {
    for (const path of ['/status/dev/revocation/99', '/status/nobody/revocation/1', '/status/dev/expired/1', '/status/dev/revocation/abc']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('bulk withdrawal and the audit log', () => {
  it('revokes every credential an issuer signed in a time range, atomically, and reports how many', async () => {
    const created = (await (
      await t.call('POST', '/admin/issuers', { slug: 'bulk-org', names: { 'zh-Hans': '批量' }, orgKind: 'Y', filingCode: 'Y-B' }, bearer(ADMIN_TOKEN))
    ).json()) as { apiKey: { token: string } };
    const key = created.apiKey.token;
    await accredit(t, 'bulk-org');
    const before = await certificate({}, key);
    await new Promise((r) => setTimeout(r, 15));
    const from = new Date().toISOString();
    const session = [await certificate({ suspension: true }, key), await certificate({}, key), await certificate({}, key)];
    const until = new Date(Date.now() + 1).toISOString();
    await new Promise((r) => setTimeout(r, 15));
    const after = await certificate({}, key);
    const res = await post(
      '/v1/status/bulk',
      { action: 'revoke', reason: 'exam session 2025-06-20 annulled', select: { issuedFrom: from, issuedUntil: until } },
      key,
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as { matched: number; changed: number };
    expect(report).toMatchObject({ matched: 3, changed: 3 });
    for (const c of session) expect(await bit(c.entries[0]!)).toBe(true);
    expect(await bit(before.entries[0]!)).toBe(false);
    expect(await bit(after.entries[0]!)).toBe(false);
    // suspending the same range now skips what is revoked or has no suspension entry
    const susp = (await (
      await post('/v1/status/bulk', { action: 'suspend', reason: 'x', select: { issuedFrom: from, issuedUntil: until } }, key)
    ).json()) as Json;
    expect(susp).toMatchObject({ matched: 3, changed: 0, skipped: 3 });
  });

  it('lists every change per credential and per issuer, with who, when, why and request id; the log refuses edits', async () => {
    const c = await certificate({ suspension: true });
    await post(`/v1/credentials/${enc(c.id)}/suspend`, { reason: 'inquiry' });
    await post(`/v1/credentials/${enc(c.id)}/reinstate`, { reason: 'cleared' });
    const revoked = await t.call('POST', `/v1/credentials/${enc(c.id)}/revoke`, { reason: 'fraud' }, { ...bearer(t.devKey), 'x-request-id': 'req-audit-1' });
    const res = await t.call('GET', `/v1/credentials/${enc(c.id)}/audit`, undefined, bearer(t.devKey));
    const { entries } = (await res.json()) as { entries: Json[] };
    expect(entries.map((e) => [e.purpose, e.oldValue, e.newValue, e.reason])).toEqual([
      ['suspension', false, true, 'inquiry'],
      ['suspension', true, false, 'cleared'],
      ['revocation', false, true, 'fraud'],
    ]);
    // The audit carries our request id (answered as X-Request-Id), never one the client chose.
    expect(entries[2]!.requestId).toBe(revoked.headers.get('x-request-id'));
    expect(entries[2]!.requestId).not.toBe('req-audit-1');
    expect(entries[2]!.clientRequestId).toBe('req-audit-1');
    expect(String(entries[0]!.actor)).toMatch(/^issuer:dev key:/);
    const issuerLog = (await (await t.call('GET', '/v1/audit', undefined, bearer(t.devKey))).json()) as { entries: Json[] };
    expect(issuerLog.entries.length).toBeGreaterThanOrEqual(3);
    const adminLog = await t.call('GET', '/v1/audit?issuer=dev', undefined, bearer(ADMIN_TOKEN));
    expect(adminLog.status).toBe(200);
    const db = t.db();
    expect(() => db.exec("UPDATE status_audit SET reason = 'edited'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM status_audit')).toThrow(/append-only/);
  });
});
