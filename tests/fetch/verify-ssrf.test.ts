import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachProof, createProof, toDateTimeStamp } from '../../src/credentials/data-integrity.js';
import { didDocument } from '../../src/credentials/did.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { toPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { createNodeFetcher } from '../../src/runtime/node/https-fetcher.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { resolverFor, startPeer, type Peer } from './peer.js';
import { testTls } from './tls.js';

// End to end: anyone, without a key, posts a credential to POST /credentials/verify naming an
// internal host as its issuer (did:web) or its status list. The answer is a clear failed step,
// and the internal HTTPS peer never sees a connection. The twin app, whose FETCH_ALLOW_HOSTS names
// the peer, reaches it with the same credential: the policy is what stood in the way.
type Json = Record<string, any>;
const crypto = nodeCrypto();
let peer: Peer;
let open: TestApp; // no allow list: production defaults
let trusting: TestApp; // FETCH_ALLOW_HOSTS names peer.example:<port>
let didKey: { vm: string; did: string; key: Awaited<ReturnType<typeof crypto.importPrivateKey>> };

const resolve = () => resolverFor({ 'peer.example': ['127.0.0.1'] });
const fetcherFor = (allow: readonly string[]) => createNodeFetcher({ allowHosts: allow, ca: testTls().cert, resolve: resolve(), timeoutMs: 2000 });

beforeAll(async () => {
  peer = await startPeer();
  open = await createTestApp({ fetcher: (config) => fetcherFor(config.fetchAllowHosts) });
  trusting = await createTestApp({ env: { FETCH_ALLOW_HOSTS: `peer.example:${peer.port}` }, fetcher: (config) => fetcherFor(config.fetchAllowHosts) });
  const pair = await crypto.generate();
  const mb = toPublicKeyMultibase(pair.publicKey);
  didKey = { did: `did:key:${mb}`, vm: `did:key:${mb}#${mb}`, key: await crypto.importPrivateKey(pair.privateJwk) };
});
afterAll(async () => {
  await open.close();
  await trusting.close();
  await peer.close();
});

/** A credential whose issuer is `issuer`, with a proof naming `${issuer}#key-1` (never checked: the key cannot be had). */
function claimedBy(issuer: string): Json {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential'],
    issuer,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:h', skill: 'x' },
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${issuer}#key-1`,
      created: '2025-01-01T00:00:00Z',
      proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKNsp3ikuwsDJ7',
    },
  };
}

/** A credential properly signed with a did:key, whose status list lives at `listUrl`. */
async function withStatusAt(listUrl: string): Promise<Json> {
  const vc = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential'],
    issuer: didKey.did,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:h', skill: 'x' },
    credentialStatus: {
      id: `${listUrl}#3`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '3',
      statusListCredential: listUrl,
    },
  };
  return attachProof(
    vc,
    await createProof(vc, { cryptosuite: 'eddsa-jcs-2022', created: toDateTimeStamp(new Date()), verificationMethod: didKey.vm }, didKey.key, {
      crypto,
      documentLoader,
    }),
  );
}

async function verify(app: TestApp, vc: unknown): Promise<{ status: number; failed: Json[]; text: string }> {
  const res = await app.call('POST', '/credentials/verify', { verifiableCredential: vc });
  const text = await res.text();
  const body = JSON.parse(text) as Json;
  return {
    status: res.status,
    failed: (body.steps as Json[]).filter((s) => !s.valid).map((s) => ({ id: s.id, code: s.problem?.code, detail: s.problem?.detail })),
    text,
  };
}

describe('POST /credentials/verify cannot be made to fetch inside', () => {
  it('a did:web issuer on an internal host: a failed key step, and the peer sees nothing', async () => {
    const cases: [string, RegExp][] = [
      [`did:web:localhost%3A${peer.port}`, /cannot resolve did:web:localhost%3A\d+: not fetched: localhost is a local or special-use name/],
      [`did:web:peer.example%3A${peer.port}`, /not fetched: peer\.example does not resolve to public addresses only/],
      [`did:web:127.0.0.1%3A${peer.port}`, /is not a valid did:web DID: the host is an IP address/],
      [`did:web:127.1%3A${peer.port}`, /the host is an IP address/],
      [`did:web:2130706433%3A${peer.port}`, /the host is an IP address/],
      [`did:web:%5B::1%5D%3A${peer.port}`, /percent-escape/],
      [`did:web:peer.example%3A${peer.port}%2Finternal%2Fadmin`, /percent-escape/],
      [`did:web:peer.example%3A${peer.port}%23`, /percent-escape/],
      [`did:web:peer.example%3A${peer.port}%3Fq`, /percent-escape/],
      [`did:web:peer.example%3A${peer.port}:..:admin`, /\. or \.\./],
    ];
    for (const [issuer, reason] of cases) {
      const r = await verify(open, claimedBy(issuer));
      expect(r.status, issuer).toBeGreaterThanOrEqual(400);
      expect(r.failed.find((s) => s.code === 'unresolvable-key')?.detail, issuer).toMatch(reason);
    }
    expect([peer.connections, peer.requests]).toEqual([0, 0]);
  });

  it('path injection stays refused even for an allow-listed host', async () => {
    for (const issuer of [
      `did:web:peer.example%3A${peer.port}%2Fsecret`,
      `did:web:peer.example%3A${peer.port}%23`,
      `did:web:peer.example%3A${peer.port}%3Fx`,
    ]) {
      const r = await verify(trusting, claimedBy(issuer));
      expect(r.failed.find((s) => s.code === 'unresolvable-key')?.detail, issuer).toMatch(/percent-escape/);
    }
    expect(peer.connections).toBe(0);
  });

  it('the twin app that allow-lists the peer does reach it for the same issuer', async () => {
    peer.reset();
    const did = `did:web:peer.example%3A${peer.port}`;
    peer.json('/.well-known/did.json', didDocument(did, []));
    const r = await verify(trusting, claimedBy(did));
    expect(peer.hits.get('/.well-known/did.json')).toBe(1);
    expect(r.failed.find((s) => s.code === 'unresolvable-key')?.detail).toMatch(/has no verification method/);
    peer.reset();
  });

  it('a status list on an internal address: the status step fails with the policy reason, nothing is fetched', async () => {
    for (const [url, reason] of [
      [`https://127.0.0.1:${peer.port}/status/1`, 'not fetched: 127.0.0.1 is a loopback address'],
      [`https://2130706433:${peer.port}/status/1`, 'not fetched: 127.0.0.1 is a loopback address'],
      [`https://[::1]:${peer.port}/status/1`, 'not fetched: ::1 is a loopback address'],
      [`https://localhost:${peer.port}/status/1`, 'not fetched: localhost is a local or special-use name'],
      [`https://peer.example:${peer.port}/status/1`, 'not fetched: peer.example does not resolve to public addresses only'],
      [`http://peer.example:${peer.port}/status/1`, 'not fetched: only https URLs are fetched, not http:'],
    ]) {
      const r = await verify(open, await withStatusAt(url!));
      expect(
        r.failed.find((s) => s.id === 'status'),
        url,
      ).toMatchObject({ code: 'status-unavailable', detail: reason });
    }
    expect([peer.connections, peer.requests]).toEqual([0, 0]);
  });

  it('an internal answer is never echoed: no status code, no body', async () => {
    peer.route('/status/err', (_req, res) => res.writeHead(418, { 'content-type': 'text/plain' }).end('internal secret teapot'));
    const r = await verify(trusting, await withStatusAt(`https://peer.example:${peer.port}/status/err`));
    expect(r.failed.find((s) => s.id === 'status')).toMatchObject({
      code: 'status-unavailable',
      detail: `GET https://peer.example:${peer.port}/status/err: the remote answered an error`,
    });
    expect(r.text).not.toMatch(/418|teapot|secret/);
    expect(peer.hits.get('/status/err')).toBe(1);
  });
});
