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

/** Starts the real Node entry on a free port, with PUBLIC_URL = the address the browser uses. */
export async function startService(): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-browser-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const node = await startNodeService({ PORT: String(port), PUBLIC_URL: url, DATA_DIR: join(dir, 'data'), KEYS_DIR: join(dir, 'keys') });
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
