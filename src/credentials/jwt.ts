// JWT-secured credentials through jose (WebCrypto: Node, workerd and browsers alike):
// - VC-JOSE-COSE `application/vc+jwt`: the payload is the VC 2.0 credential itself;
// - VC Data Model 1.1 §6.3 `jwt_vc_json`: the VC 1.1 credential in the `vc` claim, with `iss`,
//   `sub`, `nbf`, `exp` and `jti` standing for issuer, subject id, issuanceDate, expirationDate, id.
import { CompactSign, compactVerify, decodeProtectedHeader, base64url, errors } from 'jose';
import { checkBudget, CREDENTIAL_BUDGET } from './budget.js';
import type { CryptoProvider, PrivateKeyHandle, PublicKeyHandle } from './crypto.js';
import { CREDENTIALS_V1, CREDENTIALS_V2 } from './contexts.js';
import { JWS_ALGS_OF, SUPPORTED_JWS_ALGS, type KeyAlgorithm } from './keys.js';

/** The media type of a VC-JOSE secured credential. */
const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
const DATA_URL_PREFIX = `data:${VC_JWT_MEDIA_TYPE},`;

type JsonObject = Record<string, unknown>;

/** The JWS algorithms this service signs with (EdDSA for its own keys; ES256/ES384 for P-256/P-384 keys). */
export type JwsAlg = 'EdDSA' | 'ES256' | 'ES384';

/** Signs a VC 2.0 credential as a compact JWS (VC-JOSE-COSE §3.1.1: the payload is the credential). */
export async function signVcJwt(
  credential: JsonObject,
  kid: string,
  key: Pick<PrivateKeyHandle, 'native'>,
  issuedAt = new Date(),
  alg: JwsAlg = 'EdDSA',
): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(credential));
  // `iat` rides in the protected header (RFC 7519 §5.3): the payload must stay the bare credential,
  // and verifiers need the signing time to judge a key that was later rotated or compromised.
  return new CompactSign(payload)
    .setProtectedHeader({ alg, kid, typ: 'vc+jwt', cty: 'vc', iat: Math.floor(issuedAt.getTime() / 1000) })
    .sign(key.native as CryptoKey);
}

const seconds = (iso: unknown): number | undefined => {
  if (typeof iso !== 'string') return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
};

/**
 * Signs a VC 1.1 credential in the VC Data Model 1.1 JWT encoding (`jwt_vc_json`, §6.3.1): header
 * `typ: JWT`; claims `iss` (issuer id), `nbf` (issuanceDate), `exp` (expirationDate), `jti` (id),
 * `sub` (the subject's id) and `iat`; the credential (without proof) in `vc`. The credential's
 * own properties stay in `vc` as well, so verifiers that read only `vc` see the same data.
 * Throws a TypeError for anything but a VC 1.1 credential with a URL issuer.
 */
export async function signJwtVcJson(
  credential: JsonObject,
  kid: string,
  key: Pick<PrivateKeyHandle, 'native'>,
  options: { alg?: JwsAlg; issuedAt?: Date } = {},
): Promise<string> {
  const contexts = Array.isArray(credential['@context']) ? credential['@context'] : [credential['@context']];
  if (contexts[0] !== CREDENTIALS_V1) throw new TypeError(`jwt_vc_json carries VC 1.1 credentials (first @context ${CREDENTIALS_V1})`);
  const { proof: _proof, ...vc } = credential;
  const issuer = typeof vc.issuer === 'string' ? vc.issuer : (vc.issuer as JsonObject | undefined)?.id;
  if (typeof issuer !== 'string') throw new TypeError('the credential has no issuer id');
  const subject = vc.credentialSubject;
  const subjectId = !Array.isArray(subject) && typeof subject === 'object' && subject !== null ? (subject as JsonObject).id : undefined;
  const issuedAt = options.issuedAt ?? new Date();
  const claims: JsonObject = {
    iss: issuer,
    ...(typeof subjectId === 'string' ? { sub: subjectId } : {}),
    ...(typeof vc.id === 'string' ? { jti: vc.id } : {}),
    nbf: seconds(vc.issuanceDate) ?? Math.floor(issuedAt.getTime() / 1000),
    ...(seconds(vc.expirationDate) !== undefined ? { exp: seconds(vc.expirationDate) } : {}),
    iat: Math.floor(issuedAt.getTime() / 1000),
    vc,
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: options.alg ?? 'EdDSA', kid, typ: 'JWT' })
    .sign(key.native as CryptoKey);
}

/** Wraps a VC-JWT into an EnvelopedVerifiableCredential. */
export function envelope(jwt: string): JsonObject {
  return { '@context': CREDENTIALS_V2, id: DATA_URL_PREFIX + jwt, type: 'EnvelopedVerifiableCredential' };
}

/** The JWT inside an EnvelopedVerifiableCredential, or undefined if it is not one. */
export function unwrapEnvelope(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as JsonObject;
  const types = Array.isArray(v.type) ? v.type : [v.type];
  if (!types.includes('EnvelopedVerifiableCredential') || typeof v.id !== 'string') return undefined;
  return v.id.startsWith(DATA_URL_PREFIX) ? v.id.slice(DATA_URL_PREFIX.length) : undefined;
}

/** The JWT inside an EnvelopedVerifiablePresentation (`data:application/vp+jwt,…`), or undefined. */
export function unwrapPresentationEnvelope(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as JsonObject;
  const types = Array.isArray(v.type) ? v.type : [v.type];
  const prefix = 'data:application/vp+jwt,';
  if (!types.includes('EnvelopedVerifiablePresentation') || typeof v.id !== 'string' || !v.id.startsWith(prefix)) return undefined;
  return v.id.slice(prefix.length);
}

/** The protected header members the verifier reads. */
interface JwtHeader {
  alg?: string;
  kid?: string;
  typ?: string;
  cty?: string;
  crit?: unknown;
  iat?: number;
  [name: string]: unknown;
}

/** A parsed credential JWT, before anything in it is checked. */
export interface ParsedVcJwt {
  /** `vc+jwt` (VC-JOSE-COSE, VC 2.0) or `jwt_vc_json` (VC 1.1 JWT encoding). */
  format: 'vc+jwt' | 'jwt_vc_json';
  jws: string;
  header: JwtHeader;
  /** The JWT claims set (for vc+jwt: the credential with any JWT claims in it). */
  payload: JsonObject;
  /** The credential: the payload (vc+jwt), or the `vc` claim completed from the JWT claims (jwt_vc_json). */
  credential: JsonObject;
  /** jwt_vc_json: where a JWT claim and the `vc` claim disagree (e.g. `iss` vs `vc.issuer`). */
  conflicts: string[];
}

/** The media type of a `typ` value, lower-cased and without an `application/` prefix (RFC 7515 §4.1.9). */
function normalizeTyp(typ: unknown): string | undefined {
  if (typeof typ !== 'string') return undefined;
  const t = typ.toLowerCase();
  return t.startsWith('application/') ? t.slice('application/'.length) : t;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a compact JWT carrying a credential (vc+jwt or jwt_vc_json); throws on anything that is not one. */
export function parseVcJwt(jws: string): ParsedVcJwt {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS (three dot-separated parts)');
  const header = decodeProtectedHeader(jws) as JwtHeader;
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(parts[1]!)));
  } catch {
    throw new Error('the JWT payload is not JSON');
  }
  if (!isObject(payload)) throw new Error('the JWT payload is not a JSON object');
  const typ = normalizeTyp(header.typ);
  // The VC 1.1 encoding: typ JWT (or none), the credential in `vc`, no @context of its own.
  if ((typ === undefined || typ === 'jwt') && isObject(payload.vc) && payload['@context'] === undefined) {
    const { credential, conflicts } = fromJwtClaims(payload);
    return { format: 'jwt_vc_json', jws, header, payload, credential, conflicts };
  }
  return { format: 'vc+jwt', jws, header, payload, credential: payload, conflicts: [] };
}

const toStamp = (t: number) => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** VC 1.1 §6.3.1 decoding: the `vc` claim, completed by (and checked against) the registered claims. */
function fromJwtClaims(payload: JsonObject): { credential: JsonObject; conflicts: string[] } {
  // The credential budget before structuredClone, which recurses (a 10,000-deep vc overflowed it).
  const over = checkBudget(payload.vc, CREDENTIAL_BUDGET, 'vc-claim');
  if (over) throw new Error(over.detail);
  const credential = structuredClone(payload.vc) as JsonObject;
  const conflicts: string[] = [];
  const { iss, sub, jti, nbf, exp } = payload;
  if (iss !== undefined) {
    const issuer = typeof credential.issuer === 'string' ? credential.issuer : isObject(credential.issuer) ? credential.issuer.id : undefined;
    if (credential.issuer === undefined) credential.issuer = iss;
    else if (issuer !== iss) conflicts.push(`iss ${JSON.stringify(iss)} is not the credential's issuer ${JSON.stringify(issuer)}`);
  }
  if (jti !== undefined) {
    if (credential.id === undefined) credential.id = jti;
    else if (credential.id !== jti) conflicts.push(`jti ${JSON.stringify(jti)} is not the credential's id ${JSON.stringify(credential.id)}`);
  }
  for (const [claim, value, property] of [
    ['nbf', nbf, 'issuanceDate'],
    ['exp', exp, 'expirationDate'],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      conflicts.push(`${claim} is not a NumericDate`);
      continue;
    }
    if (credential[property] === undefined) credential[property] = toStamp(value);
    else if (seconds(credential[property]) !== Math.floor(value))
      conflicts.push(`${claim} ${value} is not the credential's ${property} ${String(credential[property])}`);
  }
  if (sub !== undefined) {
    const subject = credential.credentialSubject;
    if (isObject(subject)) {
      if (subject.id === undefined) subject.id = sub;
      else if (subject.id !== sub) conflicts.push(`sub ${JSON.stringify(sub)} is not the subject's id ${JSON.stringify(subject.id)}`);
    }
  }
  return { credential, conflicts };
}

/** One reason a JWT fails; `unsupported` when we cannot check it rather than it being wrong. */
export interface JwtProblem {
  code: string;
  detail: string;
  unsupported?: boolean;
}

/** What a JWT's signature is checked with: the resolved key. */
export interface JwtKey {
  algorithm: KeyAlgorithm;
  publicKey: PublicKeyHandle;
  publicKeyJwk: JsonWebKey;
}

/** The header checks that need no key: alg known, typ right for the format, no unknown crit. */
export function checkJwtHeader(parsed: ParsedVcJwt, expectedTyp: 'vc+jwt' | 'vp+jwt' = 'vc+jwt'): JwtProblem | null {
  const { header } = parsed;
  if (typeof header.alg !== 'string' || !SUPPORTED_JWS_ALGS.includes(header.alg)) {
    return { code: 'unsupported-alg', detail: `JWS alg ${JSON.stringify(header.alg)} is not supported (EdDSA, ES256 and ES384 are)`, unsupported: true };
  }
  const typ = normalizeTyp(header.typ);
  if (parsed.format === 'vc+jwt' && typ !== expectedTyp) {
    return { code: 'jwt-typ', detail: `the protected header typ must be ${JSON.stringify(expectedTyp)} (VC-JOSE-COSE), not ${JSON.stringify(header.typ)}` };
  }
  if (parsed.format === 'jwt_vc_json' && typ !== undefined && typ !== 'jwt') {
    return { code: 'jwt-typ', detail: `a VC 1.1 JWT has typ "JWT" or none, not ${JSON.stringify(header.typ)}` };
  }
  if (header.crit !== undefined) {
    // RFC 7515 §4.1.11: a recipient that does not understand a listed extension must reject the JWS.
    const names = Array.isArray(header.crit) ? header.crit : [];
    return {
      code: 'jwt-crit',
      detail: `the protected header marks ${names.length ? names.map((n) => JSON.stringify(n)).join(', ') : 'a malformed crit'} critical; this verifier understands no extension`,
    };
  }
  return null;
}

/**
 * Checks a credential JWT's signature (through jose) and its claims: for vc+jwt no `vc`/`vp`
 * claim; `iss`, when present, the credential's issuer; `exp`/`nbf` with `skewSeconds` of leeway.
 * Run `checkJwtHeader` first. `crypto` is the fallback for EdDSA where WebCrypto lacks Ed25519.
 */
export async function verifyVcJwt(
  parsed: ParsedVcJwt,
  key: JwtKey,
  options: { now: Date; skewSeconds: number; issuerId: string | undefined; crypto?: CryptoProvider },
): Promise<JwtProblem | null> {
  const alg = String(parsed.header.alg);
  if (!JWS_ALGS_OF[key.algorithm].includes(alg)) {
    return { code: 'alg-key-mismatch', detail: `JWS alg ${alg} cannot be made with the ${key.algorithm} key the kid names` };
  }
  const signed = await signatureValid(parsed, key, options.crypto);
  if (signed !== true) return signed;
  const { payload } = parsed;
  if (parsed.format === 'vc+jwt' && (payload.vc !== undefined || payload.vp !== undefined)) {
    return {
      code: 'jwt-vc-claim',
      detail: `a VC 2.0 JWT payload is the credential itself: the ${payload.vc !== undefined ? 'vc' : 'vp'} claim must not be present (VC-JOSE-COSE)`,
    };
  }
  if (payload.iss !== undefined && payload.iss !== options.issuerId) {
    return {
      code: 'jwt-iss-mismatch',
      detail: `the JWT iss ${JSON.stringify(payload.iss)} is not the credential's issuer ${JSON.stringify(options.issuerId)}`,
    };
  }
  if (parsed.conflicts.length) return { code: 'jwt-claim-mismatch', detail: parsed.conflicts.join('; ') };
  const now = options.now.getTime() / 1000;
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const v = payload[claim];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v)))
      return { code: 'jwt-claim-malformed', detail: `the JWT ${claim} claim is not a NumericDate` };
  }
  if (typeof payload.exp === 'number' && payload.exp + options.skewSeconds < now) {
    return { code: 'jwt-expired', detail: `the JWT expired at ${new Date(payload.exp * 1000).toISOString()} (exp)` };
  }
  if (typeof payload.nbf === 'number' && payload.nbf - options.skewSeconds > now) {
    return { code: 'jwt-not-yet-valid', detail: `the JWT is not valid before ${new Date(payload.nbf * 1000).toISOString()} (nbf)` };
  }
  return null;
}

/** The JWT's signing time (`iat` of the payload or, as this service signs, of the protected header). */
export function jwtIssuedAt(parsed: ParsedVcJwt): string | null {
  const iat = typeof parsed.payload.iat === 'number' ? parsed.payload.iat : parsed.header.iat;
  return typeof iat === 'number' && Number.isFinite(iat) ? new Date(iat * 1000).toISOString() : null;
}

async function signatureValid(parsed: ParsedVcJwt, key: JwtKey, crypto: CryptoProvider | undefined): Promise<true | JwtProblem> {
  const bad: JwtProblem = { code: 'bad-signature', detail: 'the JWS signature does not match the credential' };
  // The key imported once (a CryptoKey, or a KeyObject on Node) when it is one; the JWK otherwise.
  const native = key.publicKey.native;
  const joseKey = isJoseKey(native) ? native : (key.publicKeyJwk as Parameters<typeof compactVerify>[1]);
  try {
    await compactVerify(parsed.jws, joseKey as Parameters<typeof compactVerify>[1], { algorithms: JWS_ALGS_OF[key.algorithm] as string[] });
    return true;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return bad;
    // Browsers without WebCrypto Ed25519: the CryptoProvider (noble) checks the same bytes.
    if (key.algorithm === 'Ed25519' && crypto && !(error instanceof errors.JWSInvalid)) {
      const [h, p, s] = parsed.jws.split('.');
      const ok = await crypto.verify(key.publicKey, base64url.decode(s!), new TextEncoder().encode(`${h}.${p}`)).catch(() => false);
      return ok ? true : bad;
    }
    if (error instanceof errors.JOSEError) return { code: 'bad-signature', detail: `the JWS does not verify: ${error.message}` };
    throw error;
  }
}

function isJoseKey(native: unknown): boolean {
  if (typeof CryptoKey !== 'undefined' && native instanceof CryptoKey) return true;
  // A Node KeyObject (node:crypto's provider), recognised without importing node:crypto.
  return typeof native === 'object' && native !== null && (native as { constructor?: { name?: string } }).constructor?.name?.endsWith('KeyObject') === true;
}
