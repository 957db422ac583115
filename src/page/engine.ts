// In-browser verification: the service's own offline Verifier (src/verify/offline.ts), fed from
// this page's origin: issuer keys, key lifecycle, accreditations and exits from the signed trust
// list, the service key from its DID document, status from the published lists. Nothing is posted
// and nothing outside the origin is fetched. Loaded on demand (a separate chunk).
import type { JsonObject } from '../credentials/data-integrity.js';
import { didWebUrl } from '../credentials/did.js';
import { parseVcJwt, unwrapEnvelope } from '../credentials/jwt.js';
import { issuerIdOf } from '../credentials/vc-model.js';
import { streamCompression } from '../status/bitstring.js';
import { createOfflineVerifier } from '../verify/offline.js';
import { createQrDecoder } from '../verify/qr-decoder.js';
import type { Localized, VerificationResult } from '../verify/result.js';
import type { StatusChecker } from '../verify/status-check.js';
import { Verifier } from '../verify/verifier.js';
import { browserCrypto, type Ed25519Impl } from './browser-crypto.js';

/** What the in-browser check found, or why the service must check instead. */
export type BrowserOutcome =
  | { kind: 'checked'; result: VerificationResult; ed25519: Ed25519Impl; trustList: string | null }
  | { kind: 'needs-server'; reason: 'id-link' | 'no-crypto' }
  | { kind: 'needs-server'; reason: 'foreign'; host: string };

type Json = Record<string, unknown>;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const qr = createQrDecoder();

/** A scanned or pasted text, read: what to hand the Verifier, and the credential inside it. */
type Input = { verify: unknown; credential: JsonObject } | { credentialId: string };

/** Reads a text as the Verifier does (JSON, JWT, QR link or payload); undefined when unreadable. */
async function readInput(text: string): Promise<Input | undefined> {
  const s = text.trim();
  try {
    if (s.startsWith('{')) {
      const value = JSON.parse(s) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      const jwt = unwrapEnvelope(value);
      return { verify: s, credential: jwt === undefined ? (value as JsonObject) : parseVcJwt(jwt).credential };
    }
    if (s.startsWith('data:application/vc+jwt,') || JWT.test(s))
      return { verify: s, credential: parseVcJwt(s.replace(/^data:application\/vc\+jwt,/, '')).credential };
    const decoded = await qr.decode(s);
    if (!decoded) return undefined;
    return 'credentialId' in decoded ? decoded : { verify: decoded.credential, credential: decoded.credential };
  } catch {
    return undefined;
  }
}

/** The page's own-origin URL for a URL of this service (which may say https while the page is on http in development). */
function sameOrigin(url: string): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  return target.host.toLowerCase() === location.host.toLowerCase() ? location.origin + target.pathname + target.search : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function getJson(url: string, fresh = false): Promise<Json> {
  const res = await fetch(url, {
    credentials: 'omit',
    cache: fresh ? 'no-cache' : 'default',
    headers: { accept: 'application/json, application/vc, application/did+json' },
  });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return (await res.json()) as Json;
}

/** Status list URLs a credential names (the ones that parse as URLs; the Verifier judges the rest). */
function statusListUrls(credential: JsonObject): string[] {
  const raw = credential.credentialStatus;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return [...new Set(entries.map((e) => (e as Json | null)?.statusListCredential).filter((u): u is string => typeof u === 'string'))];
}

/** The host a did:web DID lives on (port decoded), or null for other DIDs. */
function didWebHost(did: string | undefined): string | null {
  const m = did ? /^did:web:([^:]+)/.exec(did) : null;
  return m ? decodeURIComponent(m[1]!).toLowerCase() : null;
}

/** The service's key for the trust list: from the service DID document on this origin. */
async function serviceKeyFor(trustList: Json): Promise<string> {
  const did = typeof trustList.issuer === 'string' ? trustList.issuer : '';
  const docUrl = didWebUrl(did);
  const local = docUrl && sameOrigin(docUrl);
  if (!local) throw new Error(`the trust list's issuer ${did} is not this service`);
  const doc = await getJson(local);
  const proof = (Array.isArray(trustList.proof) ? trustList.proof[0] : trustList.proof) as Json | undefined;
  const methods = (Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []) as Json[];
  const vm = methods.find((m) => m.id === proof?.verificationMethod);
  if (typeof vm?.publicKeyMultibase !== 'string') throw new Error(`the service DID document has no key ${String(proof?.verificationMethod)}`);
  return vm.publicKeyMultibase;
}

/** A Verifier that can only read: for texts that are unreadable, so parse fails exactly as on the service. */
function parseOnlyVerifier(provider: NonNullable<Awaited<ReturnType<typeof browserCrypto>>>['provider']): Verifier {
  const unreachable = async (): Promise<never> => {
    throw new Error('an unreadable credential has nothing to resolve');
  };
  return new Verifier({
    resolver: { resolve: unreachable } as never,
    crypto: provider,
    documentLoader: unreachable,
    clock: { now: () => new Date() },
    status: { check: unreachable } as unknown as StatusChecker,
    qr,
  });
}

/** Verifies a scanned or pasted text in this browser, or says why the service has to. */
export async function verifyInBrowser(text: string): Promise<BrowserOutcome> {
  const input = await readInput(text);
  if (input && 'credentialId' in input) return { kind: 'needs-server', reason: 'id-link' };
  if (typeof DecompressionStream === 'undefined') return { kind: 'needs-server', reason: 'no-crypto' };
  const crypto = await browserCrypto();
  if (!crypto) return { kind: 'needs-server', reason: 'no-crypto' };
  if (!input) return { kind: 'checked', result: await parseOnlyVerifier(crypto.provider).verifyCredential(text), ed25519: crypto.ed25519, trustList: null };

  // Another host's issuer or status lists: this page cannot read them (and must not try).
  const issuerHost = didWebHost(issuerIdOf(input.credential));
  if (issuerHost && issuerHost !== location.host.toLowerCase()) return { kind: 'needs-server', reason: 'foreign', host: issuerHost };
  const lists = statusListUrls(input.credential);
  const offOrigin = lists.find((url) => !sameOrigin(url));
  if (offOrigin !== undefined) return { kind: 'needs-server', reason: 'foreign', host: hostOf(offOrigin) };

  const trustListUrl = new URL('trust-list', new URL('.', location.href)).href;
  const [trustList, statusLists] = await Promise.all([
    getJson(trustListUrl),
    // Status is always fresh: revalidated with the service (ETag), never taken from a stale cache.
    // A list that cannot be fetched stays out of the kit, and the status step fails closed.
    Promise.all(lists.map(async (url) => [url, await getJson(sameOrigin(url)!, true).catch(() => null)] as const)),
  ]);
  const verifier = await createOfflineVerifier({
    trustList,
    servicePublicKeyMultibase: await serviceKeyFor(trustList),
    statusLists: Object.fromEntries(statusLists.filter(([, list]) => list !== null)) as Record<string, JsonObject>,
    crypto: crypto.provider,
    clock: { now: () => new Date() },
    compression: streamCompression,
  });
  const result = await verifier.verifyCredential(input.verify);
  nameFromTrustList(result, trustList);
  return { kind: 'checked', result, ed25519: crypto.ed25519, trustList: trustListUrl };
}

/**
 * A credential that names its issuer by DID alone (the VC API allows it) is shown by the name
 * the signed trust list gives that DID, as filed, rather than by the DID.
 */
function nameFromTrustList(result: VerificationResult, trustList: Json): void {
  const issuer = result.summary.issuer;
  if (!issuer?.id || issuer.name) return;
  const entries = ((trustList.credentialSubject as Json | undefined)?.issuers ?? []) as Json[];
  const listed = entries.find((e) => e.id === issuer.id);
  if (!listed) return;
  const names = (listed.localizedName ?? {}) as Record<string, unknown>;
  const name: Localized = {};
  for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) if (typeof names[lang] === 'string') name[lang] = names[lang];
  if (Object.keys(name).length) issuer.name = name;
  if (typeof listed.filingCode === 'string' && !issuer.filingCode) issuer.filingCode = listed.filingCode;
}
