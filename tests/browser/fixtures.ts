// The real Node service for the browser tests, and the credentials they show it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCrypto } from '../../src/runtime/node/crypto.js';
import { attachProof, createProof, toDateTimeStamp, type JsonObject } from '../../src/credentials/data-integrity.js';
import { documentLoader } from '../../src/credentials/document-loader.js';
import { didKeyOf, toPublicKeyMultibase } from '../../src/credentials/multikey.js';
import { encodeQrPayload, qrTextFor } from '../../src/qr/index.js';
import { skillLevelRequest, vc2 } from '../helpers/app.js';
import { freePort, startNodeService, type NodeService } from '../helpers/node-process.js';

/** The service under test: `src/node.ts` in a child process, with its first-start API key. */
export interface Service {
  node: NodeService;
  /** Base URL, also its PUBLIC_URL: QR codes point here. */
  url: string;
  apiKey: string;
  stop(): Promise<void>;
}

/** The admin token the browser tests' service runs with. */
const ADMIN_TOKEN = 'browser-admin-token-0123456789abcdef';

/** Starts the real Node entry on a free port, with PUBLIC_URL = the address the browser uses (and any `env` besides). */
export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-browser-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const node = await startNodeService({ PORT: String(port), PUBLIC_URL: url, DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN, ...env });
  const apiKey = /dev issuer API key\s+(\S+)/.exec(node.stdout())?.[1];
  if (!apiKey) throw new Error(`no API key in the first-start output:\n${node.stdout()}`);
  return {
    node,
    url,
    apiKey,
    async stop() {
      await node.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;

/** A certificate issued through POST /v1/certificates, with its QR text. */
export interface Issued {
  id: string;
  credential: JsonObject;
  qr: string;
}

/** Issues the README's skill level certificate (with overrides) and computes its QR text. */
export async function issue(service: Service, overrides: Record<string, unknown> = {}): Promise<Issued> {
  const res = await fetch(`${service.url}/v1/certificates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(skillLevelRequest({ assessment: { id: `BR-${process.pid}-${n++}`, date: '2025-06-20' }, ...overrides })),
  });
  if (res.status !== 201) throw new Error(`issuance failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; verifiableCredential: JsonObject };
  const qr = await qrTextFor(service.url, body.verifiableCredential, { credentialId: body.id });
  return { id: body.id, credential: body.verifiableCredential, qr: qr.text };
}

/** Issues a plain VC 2.0 credential through the VC API (POST /credentials/issue). */
export async function issueVc(service: Service, overrides: Record<string, unknown>): Promise<JsonObject> {
  const did = /dev issuer DID\s+(\S+)/.exec(service.node.stdout())![1]!;
  const res = await fetch(`${service.url}/credentials/issue`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ credential: vc2(did, overrides) }),
  });
  if (res.status !== 201) throw new Error(`VC API issuance failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { verifiableCredential: JsonObject }).verifiableCredential;
}

/** Calls the admin API. */
async function admin(service: Service, path: string, body: unknown): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * A certificate of an issuer that then left its chain with an exit dated just before the
 * certificate was signed: the signature and key are genuine, the trust step fails on the exit.
 */
export async function exitedIssuerCertificate(service: Service): Promise<Issued> {
  const slug = `left-${process.pid}-${n++}`;
  const created = await admin(service, '/admin/issuers', {
    slug,
    names: { 'zh-Hans': '已退出评价机构', 'zh-Hant': '已退出評價機構', en: 'Exited Evaluation Centre' },
    orgKind: 'S',
    filingCode: `GD-S-${n}`,
  });
  if (created.status !== 201) throw new Error(`issuer: ${created.status} ${await created.text()}`);
  const apiKey = ((await created.json()) as { apiKey: { token: string } }).apiKey.token;
  const accredited = await admin(service, `/admin/issuers/${slug}/accreditations`, {
    kinds: ['skill-level'],
    occupations: ['*'],
    validFrom: '2020-01-01T00:00:00Z',
  });
  if (accredited.status !== 201) throw new Error(`accreditation: ${accredited.status} ${await accredited.text()}`);
  // proofs have whole seconds: leave one between the issuer's creation and the exit
  await new Promise((r) => setTimeout(r, 1500));
  const issued = await issue({ ...service, apiKey }, { certificateNumber: 'S000144000123253000001' });
  const signed = String(([issued.credential.proof].flat() as JsonObject[])[0]?.created);
  const exit = { exitedAt: new Date(Date.parse(signed) - 1000).toISOString(), reason: 'failed-review' };
  let res = await admin(service, `/admin/issuers/${slug}/exit`, exit);
  // an exit in the past may need saying so explicitly
  if (res.status !== 201) res = await admin(service, `/admin/issuers/${slug}/exit`, { ...exit, retroactive: true });
  if (res.status !== 201) throw new Error(`exit: ${res.status} ${await res.text()}`);
  return issued;
}

/** Revokes or suspends a credential through the issuer API. */
export async function act(service: Service, id: string, action: 'revoke' | 'suspend'): Promise<void> {
  const res = await fetch(`${service.url}/v1/credentials/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'browser test' }),
  });
  if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${await res.text()}`);
}

/**
 * A copy of `credential`, changed by `edit` and signed again (eddsa-jcs-2022) by a fresh did:key,
 * which becomes the issuer unless `keepIssuer`: the signature is genuine, the rest is what the
 * test needs (dates, status entries, an issuer the key does not belong to).
 */
export async function resigned(credential: JsonObject, edit: (c: JsonObject) => void, keepIssuer = false): Promise<JsonObject> {
  const crypto = nodeCrypto();
  const { privateJwk, publicKey } = await crypto.generate();
  const did = didKeyOf(publicKey);
  const copy = structuredClone(credential);
  delete copy.proof;
  if (!keepIssuer) copy.issuer = { ...(copy.issuer as JsonObject), id: did };
  edit(copy);
  const key = await crypto.importPrivateKey(privateJwk);
  const proof = await createProof(
    copy,
    { cryptosuite: 'eddsa-jcs-2022', created: toDateTimeStamp(new Date()), verificationMethod: `${did}#${toPublicKeyMultibase(publicKey)}` },
    key,
    { crypto, documentLoader },
  );
  return attachProof(copy, proof, true);
}

/** The verify-page link of any credential: `<service>/V#<payload>`. */
export async function linkOf(service: Service, credential: JsonObject): Promise<string> {
  return `${service.url}/V#${await encodeQrPayload(credential)}`;
}
