// Integrity of related resources (VC Data Model 2.0 §5.3): `relatedResource` entries name a
// resource and the digest of its bytes (digestSRI per W3C Subresource Integrity, or
// digestMultibase: a multibase multihash). We never fetch, so only entries naming a bundled
// JSON-LD context are checked, against the bytes of that context we know:
// - the bytes this service serves at the context's URL: `JSON.stringify` of the bundled copy
//   (what GET /skillcred/v1 answers; the copy a verifier fetches through w3id.org);
// - for third-party contexts, also the bytes of the upstream file the bundled copy comes from
//   (the npm context packages ship the W3C/W3ID files as published), digests below.
import { bundledContexts, SKILLCRED_CONTEXT_V1 } from './contexts.js';
import { base58, base64, base64urlnopad } from '@scure/base';

export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512';
const SUBTLE_NAME: Record<DigestAlgorithm, string> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
const STRENGTH: DigestAlgorithm[] = ['sha256', 'sha384', 'sha512'];
// Multihash codes (multicodec table): sha2-256 0x12, sha2-384 0x20, sha2-512 0x13.
const MULTIHASH = new Map<number, { alg: DigestAlgorithm; length: number }>([
  [0x12, { alg: 'sha256', length: 32 }],
  [0x20, { alg: 'sha384', length: 48 }],
  [0x13, { alg: 'sha512', length: 64 }],
]);

/**
 * Digests (base64) of the upstream files of bundled third-party contexts, as the npm packages
 * ship them. tests/credentials/related-resource.test.ts recomputes them from node_modules.
 */
export const UPSTREAM_CONTEXT_DIGESTS: ReadonlyMap<string, { file: string } & Record<DigestAlgorithm, string>> = new Map([
  [
    'https://www.w3.org/ns/credentials/undefined-terms/v2',
    {
      file: '@digitalbazaar/credentials-context/contexts/undefined-terms-v2.jsonld',
      sha256: 'gtq1FLpE6xj10bD2OMXhQMalVvv7UIlgG9wPpeuLJYE=',
      sha384: 'sqZszdunC6Z62Zwv9S5gVY3wBjzqUcTKiG4l2epzz6u4eLr5LcKtK9omwxORhQ1o',
      sha512: 'fFJf9JvEeexdp/zPXVZJfkvkCOsmnTZgnMH2zh+cTuI+Su+1PTcotKHKxW2mUY/P3nia8jpd+3f0zmk+te1YGw==',
    },
  ],
  [
    'https://www.w3.org/2018/credentials/v1',
    {
      file: '@digitalbazaar/credentials-context/contexts/v1.jsonld',
      sha256: 'ANfdbTrYuSDj5VDdOj2QkL/8rITNv5Q9ppJLPgpci7g=',
      sha384: '000OZL88Dtfzh4ZS2jVJr2Ur75tw2qCDL5m3GlkaJsepzHsICKom2cYfKQK8RRfn',
      sha512: 'ScyUfla0D7+SpDf0/8p+un6Wir9aQe1ED8HgIHVOlMjWzaa0CiVuWFKTH1gLWzgy3W7d2Y+X6+SZpA+d+9ESFQ==',
    },
  ],
  [
    'https://www.w3.org/ns/credentials/v2',
    {
      file: '@digitalbazaar/credentials-context/contexts/v2.jsonld',
      sha256: 'ip9JSonsxR2wk+kOhHE+B+hNbZIENkqbPHhoshdRI28=',
      sha384: 'e2AY0FBy6KUAgZ3rMaz7Uj/Gp0bkIIIB/bjgmVQS2PPSOr+Ufx9P5mVrVU+jxFXR',
      sha512: 'vFlaeUEJ0JrSVEKT+7Kw6WnH8dhSUKlZHY36zJhwhZh2VLB9PRTJTUsaCSH7wfquqdnuEkDwXPBRK/lfyYNNSg==',
    },
  ],
  [
    'https://w3id.org/security/data-integrity/v1',
    {
      file: '@digitalbazaar/data-integrity-context/contexts/data-integrity-v1.jsonld',
      sha256: 'tdgpvQmqfEKrxu+gyO12NTE7VIfzfM/OPs0UnKlBhVQ=',
      sha384: 'H3tRFUwstZa4BNPu3qu3Z4x+pNNvUgFJamgdvYaNXcDLkKiDn1FCzNyR/bksWtzy',
      sha512: 'xJlRvZ8+j00jH85eRXmKLTL7fvSk8aLo0vPatdEDM6FCEzmXTudxWe2uJZ/Pc8fPE28eMATe1a8lrDiYPS6Oyg==',
    },
  ],
  [
    'https://w3id.org/security/data-integrity/v2',
    {
      file: '@digitalbazaar/data-integrity-context/contexts/data-integrity-v2.jsonld',
      sha256: 'D3d0Pa9bTo/AZ/xbpbIQRCgwU6pxf8awIZhDvtOwA2M=',
      sha384: 'pcrveupY3/OsXBAQ29YRV/x9KIniFXeLmt0RQkcLiIKzFpg2pzHZWG/FH9xsNo/g',
      sha512: 'TlVXwC6g9uSBLEkHs/2QmK2NeJ9CE4T2aAdhlYHXqzKJmgcprS4aJuPrCzzSn7GjtJESX8KI18SnpoXhOn7amQ==',
    },
  ],
  [
    'https://w3id.org/security/multikey/v1',
    {
      file: '@digitalbazaar/multikey-context/contexts/multikey-v1.jsonld',
      sha256: 'xfOAb4KGkgVzIhk4kXmIoYpMxaCelo0pZJYTx6HCsfY=',
      sha384: 'bHm8NjM2aNI1iINdB2mq0FlbQsDMWaTdWGXBxPK93xTmFYnsi5yN5k3iQ9tC8zzE',
      sha512: 'zco6QenSAC9qGGIVROm96UBePGCgnV15aSHNTG7i4Pdwz7n+wdMVofx2IL92CgbhJvW8EXVoabyyoR3q1nndJg==',
    },
  ],
  [
    'https://www.w3.org/ns/credentials/status/v1',
    {
      file: '@digitalbazaar/vc-bitstring-status-list-context/contexts/vc-bitstring-status-list-v1.jsonld',
      sha256: '/QjL8o3dgpqy8ZeMSPQ6sHoRLByQJFoM+se6chxlFww=',
      sha384: 'A4CMAGhZeruVxsBAJpVvZrEVtn/0ZjEmW7h5iZQrUzFfDXm9qZaEBRNad3JOQmjQ',
      sha512: 'EYbr1R+x3HsUOICldpBTmZsdckziuj+ImcPtEiKs11VyRouLlq5slzFzpTOedleu739i6JliHCN/+0U9wWUtQQ==',
    },
  ],
  [
    'https://www.w3.org/ns/did/v1',
    {
      file: 'did-context/contexts/did-v1.jsonld',
      sha256: 'YsEFS/QE1t06Sya2T4MP1yCV9qJu3ERpkIyUNRNSzl8=',
      sha384: 'l5HXv/4fpUqRM1VhtqWrwBROffmXRGT/NIumYidxTmsGz0caYjMwYSjxiYKH/0Kl',
      sha512: 'hkcJraywoxmA+iyVvnK7lDPFHO4s1hEgGPtNr+3uqerlcB5r48hwNm5BlCz3CLYpKqzeQUsQnRYr2mqWAKahRw==',
    },
  ],
  [
    'https://w3id.org/security/suites/ed25519-2020/v1',
    {
      file: 'ed25519-signature-2020-context/contexts/ed25519-signature-2020-v1.jsonld',
      sha256: 'ueGrlx/Yvyx1U+DEqUOOC5RQr94eocpbJJI2i59UlYg=',
      sha384: 'CYsY9HK4Qs+nUgNk1AYqo8l4lsF6alrnLmv7UJZB5k7tlhVrNfd3EoPf06U8zXnR',
      sha512: 'eWrn4mTWAEGf82G8Y9b8tPqdc1X1GqpfFd89yV4kGQDWFeqZVU9LhJgCzIKgFs4ClGUdrfCatReUmbR1wiHCig==',
    },
  ],
]);

/** The bytes this service serves for a bundled context (JSON.stringify of the bundled copy); undefined for an unknown URL. */
export function servedContextBytes(url: string): Uint8Array | undefined {
  const doc = bundledContexts.get(url);
  return doc === undefined ? undefined : new TextEncoder().encode(JSON.stringify(doc));
}

async function digest(alg: DigestAlgorithm, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(SUBTLE_NAME[alg], bytes as BufferSource));
}

/**
 * The `digestSRI` (e.g. `sha384-…`) of a bundled context as this service serves it, for the
 * `relatedResource` entry an issuer adds. Throws a TypeError for a URL that is not bundled.
 */
export async function contextDigestSRI(url: string, alg: DigestAlgorithm = 'sha384'): Promise<string> {
  const bytes = servedContextBytes(url);
  if (!bytes) throw new TypeError(`${url} is not a bundled context`);
  // Every certificate carries this digest: hash the (immutable) bundled bytes once per process.
  const key = `${alg} ${url}`;
  let sri = sriCache.get(key);
  if (sri === undefined) {
    sri = digest(alg, bytes).then((d) => `${alg}-${base64.encode(d)}`);
    sriCache.set(key, sri);
  }
  return sri;
}
const sriCache = new Map<string, Promise<string>>();

/**
 * A complete `relatedResource` entry for a bundled context (our own by default): what every
 * certificate the service issues carries (certificate-credential.ts). A fresh object each call.
 */
export async function contextRelatedResource(
  url: string = SKILLCRED_CONTEXT_V1,
  alg: DigestAlgorithm = 'sha384',
): Promise<{ id: string; digestSRI: string; mediaType: string }> {
  return { id: url, digestSRI: await contextDigestSRI(url, alg), mediaType: 'application/ld+json' };
}

/** The digests (base64) a bundled context may legitimately have with `alg`. */
async function knownDigests(url: string, alg: DigestAlgorithm): Promise<string[]> {
  const out = [base64.encode(await digest(alg, servedContextBytes(url)!))];
  const upstream = UPSTREAM_CONTEXT_DIGESTS.get(url);
  if (upstream) out.push(upstream[alg]);
  return out;
}

/** Parses an SRI metadata string: the strongest algorithm's values (W3C SRI §3.3.3); undefined when none parses. */
export function parseDigestSRI(value: unknown): { alg: DigestAlgorithm; values: string[] } | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = value
    .trim()
    .split(/\s+/)
    .map((token) => /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})(\?.*)?$/.exec(token))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ alg: m[1] as DigestAlgorithm, value: m[2]! }));
  if (parsed.length === 0) return undefined;
  const strongest = STRENGTH.filter((a) => parsed.some((p) => p.alg === a)).pop()!;
  return { alg: strongest, values: parsed.filter((p) => p.alg === strongest).map((p) => p.value) };
}

/** Decodes a digestMultibase (base64url `u…` or base58btc `z…` multihash of SHA-2); undefined when malformed. */
export function parseDigestMultibase(value: unknown): { alg: DigestAlgorithm; value: string } | undefined {
  if (typeof value !== 'string' || value.length < 4) return undefined;
  let bytes: Uint8Array;
  try {
    if (value[0] === 'u') bytes = base64urlnopad.decode(value.slice(1));
    else if (value[0] === 'z') bytes = base58.decode(value.slice(1));
    else return undefined;
  } catch {
    return undefined;
  }
  const hash = MULTIHASH.get(bytes[0]!);
  if (!hash || bytes[1] !== hash.length || bytes.length !== 2 + hash.length) return undefined;
  return { alg: hash.alg, value: base64.encode(bytes.slice(2)) };
}

/** The outcome of checking a credential's relatedResource digests. */
export type RelatedResourceCheck = { ok: true; checked: string[] } | { ok: false; id: string; detail: string };

/**
 * Checks every `relatedResource` entry that names a bundled context against the bytes we know
 * for it (see the top of this file); other entries are left alone (nothing is fetched).
 */
export async function checkRelatedResources(credential: Record<string, unknown>): Promise<RelatedResourceCheck> {
  const raw = credential.relatedResource;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const checked: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, digestSRI, digestMultibase } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !bundledContexts.has(id)) continue;
    const claims: { alg: DigestAlgorithm; values: string[]; property: string }[] = [];
    if (digestSRI !== undefined) {
      const sri = parseDigestSRI(digestSRI);
      if (!sri) return { ok: false, id, detail: `relatedResource ${id}: digestSRI ${JSON.stringify(digestSRI)} is not SRI metadata` };
      claims.push({ ...sri, property: 'digestSRI' });
    }
    if (digestMultibase !== undefined) {
      const mb = parseDigestMultibase(digestMultibase);
      if (!mb) return { ok: false, id, detail: `relatedResource ${id}: digestMultibase is not a multibase SHA-2 multihash` };
      claims.push({ alg: mb.alg, values: [mb.value], property: 'digestMultibase' });
    }
    for (const claim of claims) {
      const known = await knownDigests(id, claim.alg);
      if (!claim.values.some((v) => known.includes(v))) {
        return {
          ok: false,
          id,
          detail: `the context ${id} this credential was signed with does not match ours: its ${claim.property} (${claim.alg}) is not the digest of our copy`,
        };
      }
    }
    if (claims.length) checked.push(id);
  }
  return { ok: true, checked };
}
