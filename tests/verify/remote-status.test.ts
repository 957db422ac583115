import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachProof, createProof, toDateTimeStamp } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { toPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { didDocument } from '../../src/credentials/did.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { createNodeFetcher } from '../../src/runtime/node/https-fetcher.js';
import { bitsWithSet, encodeList } from '../../src/status/bitstring.js';
import { statusListCredential } from '../../src/status/list-credential.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { resolverFor, startPeer, type Peer } from '../fetch/peer.js';
import { testTls } from '../fetch/tls.js';

// A real HTTPS peer (self-signed, on loopback) standing in for another evaluation organisation's
// host, https://peer.example:<port>: it serves a did:web document and status lists. The verifier
// reaches it the way production would reach an intranet issuer: the name resolves to the peer's
// address, and FETCH_ALLOW_HOSTS names it (loopback is otherwise refused by the fetch policy).
const crypto = nodeCrypto();
let PEER: string;
let DID: string;
type Json = Record<string, any>;
type Route = (res: import('node:http').ServerResponse) => void;
let peer: Peer;
let t: TestApp;
let key: Awaited<ReturnType<typeof crypto.importPrivateKey>>;
let otherKey: Awaited<ReturnType<typeof crypto.importPrivateKey>>;

const env = () => ({ crypto, documentLoader });
let vm: string;

async function signedList(bitsSet: number[], signer = () => key, extra: Json = {}) {
  const now = new Date();
  const list = statusListCredential({
    url: `${PEER}/status/1`,
    issuerDid: DID,
    purpose: 'revocation',
    encodedList: await encodeList(bitsWithSet(131072, bitsSet)),
    validFrom: toDateTimeStamp(now),
    validUntil: toDateTimeStamp(new Date(now.getTime() + 3600_000)),
  });
  Object.assign(list, extra);
  return attachProof(list, await createProof(list, { cryptosuite: 'eddsa-rdfc-2022', created: toDateTimeStamp(now), verificationMethod: vm }, signer(), env()));
}

function serve(path: string, body: unknown, headers: Record<string, string> = {}) {
  peer.json(path, body, headers);
}

function route(path: string, answer: Route) {
  peer.route(path, (_req, res) => answer(res));
}

async function peerCredential(index: number): Promise<Json> {
  const vc = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer: DID,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:h', skill: '美发' },
    credentialStatus: {
      id: `${PEER}/status/1#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: `${PEER}/status/1`,
    },
  };
  return attachProof(vc, await createProof(vc, { cryptosuite: 'eddsa-jcs-2022', created: toDateTimeStamp(new Date()), verificationMethod: vm }, key, env()));
}

beforeAll(async () => {
  const a = await crypto.generate();
  key = await crypto.importPrivateKey(a.privateJwk);
  otherKey = await crypto.importPrivateKey((await crypto.generate()).privateJwk);
  peer = await startPeer();
  PEER = `https://peer.example:${peer.port}`;
  DID = `did:web:peer.example%3A${peer.port}`;
  vm = `${DID}#key-1`;
  serve(
    '/.well-known/did.json',
    didDocument(DID, [
      {
        id: vm,
        issuerId: 'x',
        publicKeyMultibase: toPublicKeyMultibase(a.publicKey),
        privateKeyRef: '',
        createdAt: '2024-01-01T00:00:00Z',
        retiredAt: null,
        compromisedAt: null,
      },
    ]),
    { 'cache-control': 'max-age=600' },
  );
  const resolve = resolverFor({ 'peer.example': ['127.0.0.1'] });
  t = await createTestApp({
    env: { FETCH_ALLOW_HOSTS: `peer.example:${peer.port}` },
    // As src/node.ts builds it, plus the test CA and a resolver that knows peer.example.
    fetcher: (config) => createNodeFetcher({ allowHosts: config.fetchAllowHosts, timeoutMs: 300, ca: testTls().cert, resolve }),
  });
});
afterAll(async () => {
  await t.close();
  await peer.close();
});

async function verify(vc: unknown) {
  const res = await t.call('POST', '/credentials/verify', { verifiableCredential: vc });
  const body = (await res.json()) as Json;
  const steps = Object.fromEntries((body.steps as Json[]).map((s) => [s.id, s])) as Record<string, Json> & {
    proof: Json;
    issuer: Json;
    trust: Json;
    status: Json;
  };
  const status = steps.status;
  return { verdict: body.verdict as string, steps, code: status?.problem?.code as string | undefined, detail: status?.problem?.detail as string | undefined };
}

describe("another issuer's did:web and status list, through the fetch port", () => {
  it("a remote issuer's credential: proof and status check out through the fetch port; it is untrusted, not being in our registry", async () => {
    serve('/status/1', await signedList([7]), { 'cache-control': 'max-age=0', etag: '"v1"' });
    const live = await verify(await peerCredential(3));
    expect(live.steps.proof.valid).toBe(true);
    expect(live.steps.issuer.valid).toBe(true);
    expect(live.steps.status.valid).toBe(true);
    expect([live.verdict, live.steps.trust.problem.code]).toEqual(['untrusted-issuer', 'not-in-registry']);
    const revoked = await verify(await peerCredential(7));
    expect(revoked.code).toBe('revoked');
  });

  it('a status list that times out fails the status step, never passes', async () => {
    route('/status/1', () => {
      /* never answers */
    });
    const r = await verify(await peerCredential(3));
    expect(r.steps.status.valid).toBe(false);
    expect(r.code).toBe('status-unavailable');
    expect(r.detail).toContain('no answer within 300 ms');
  });

  it('a corrupt list fails: not JSON, a broken encodedList, a wrong type', async () => {
    for (const body of [
      '{not json',
      JSON.stringify({ ...(await signedList([])), credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: 'u!!!' } }),
      JSON.stringify({ hello: 'world' }),
    ]) {
      serve('/status/1', body, { 'cache-control': 'no-store' });
      const r = await verify(await peerCredential(3));
      expect(r.steps.status.valid, body.slice(0, 40)).toBe(false);
      expect(r.code).toBe('status-list-invalid');
    }
  });

  it('a list signed by another key, or whose bits were altered after signing, fails', async () => {
    serve('/status/1', await signedList([], () => otherKey), { 'cache-control': 'no-store' });
    let r = await verify(await peerCredential(3));
    expect([r.steps.status.valid, r.code]).toEqual([false, 'status-list-invalid']);
    expect(r.detail).toContain('proof does not verify');
    const good = (await signedList([])) as Json;
    good.credentialSubject.encodedList = await encodeList(bitsWithSet(131072, [5]));
    serve('/status/1', good, { 'cache-control': 'no-store' });
    r = await verify(await peerCredential(3));
    expect([r.steps.status.valid, r.code]).toEqual([false, 'status-list-invalid']);
  });

  it('a missing list (404) fails without echoing the status, and a list of another issuer fails', async () => {
    route('/status/1', (res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('secret internal page'));
    const missing = await verify(await peerCredential(3));
    expect(missing.code).toBe('status-unavailable');
    expect(missing.detail).toBe(`GET ${PEER}/status/1: the remote answered an error`);
    serve('/status/1', await signedList([], () => key, { issuer: 'did:web:someone-else.example' }), { 'cache-control': 'no-store' });
    expect((await verify(await peerCredential(3))).code).toBe('status-list-invalid');
  });

  it('caches what Cache-Control allows and revalidates with ETag', async () => {
    const list = JSON.stringify(await signedList([]));
    let served = 0;
    route('/status/1', (res) => {
      served++;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300', etag: '"c1"' }).end(list);
    });
    peer.reset();
    await verify(await peerCredential(3));
    await verify(await peerCredential(4));
    expect(served).toBe(1);
  });

  it('refuses plain http and non-URLs without fetching', async () => {
    const fetcher = createNodeFetcher({ allowHosts: [`peer.example:${peer.port}`], resolve: resolverFor({ 'peer.example': ['127.0.0.1'] }) });
    peer.reset();
    await expect(fetcher.get(`http://peer.example:${peer.port}/x`)).rejects.toThrow(/^not fetched: only https URLs are fetched/);
    await expect(fetcher.get('not a url')).rejects.toThrow(/^not fetched: "not a url" is not a URL$/);
    expect(peer.connections).toBe(0);
  });

  it('without the allow-list entry the same peer is refused as loopback, and sees nothing', async () => {
    const fetcher = createNodeFetcher({ ca: testTls().cert, resolve: resolverFor({ 'peer.example': ['127.0.0.1'] }) });
    peer.reset();
    await expect(fetcher.get(`${PEER}/status/1`)).rejects.toThrow('not fetched: peer.example does not resolve to public addresses only');
    expect(peer.connections).toBe(0);
  });
});
