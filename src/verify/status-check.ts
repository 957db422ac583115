import type { CryptoProvider } from '../credentials/crypto.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import type { Clock, Fetcher } from '../ports.js';
import { bitAt, decodeList, type Compression } from '../status/bitstring.js';
import { stepProblem, type StepProblem } from './result.js';

/** Where list credentials come from: our own lists locally, others through the Fetcher. */
export interface ListSource {
  /** The list credential's JSON text and a cache key that changes whenever its content does. */
  local(url: string): Promise<{ json: string; version: string } | null>;
  fetcher: Fetcher;
}

/** Checks a list credential's proof as its issuer's (the verifier's proof + issuer steps). */
export type ListProofCheck = (list: JsonObject, expectedIssuer: string) => Promise<StepProblem | null>;

interface DecodedList {
  bits: Uint8Array;
  issuer: string;
  purpose: string;
  validUntil: number | null;
}

/** One status entry's outcome. */
interface EntryStatus {
  purpose: string;
  index: number;
  set: boolean;
}

export type StatusOutcome = { ok: true; entries: EntryStatus[]; warnings: StepProblem[] } | { ok: false; problem: StepProblem; entries: EntryStatus[] };

const MAX_LIST_BYTES = 16 * 1024 * 1024;
const MIN_LIST_BITS = 131_072;
const MAX_CACHED = 128;

/**
 * Resolves a credential's BitstringStatusListEntry items against their published lists. Fails
 * closed: a list that cannot be fetched, parsed or verified fails the check with that reason.
 * Verified, decoded lists are cached by content version, so a hot list is verified once.
 */
export class StatusChecker {
  private readonly decoded = new Map<string, { key: unknown; list: DecodedList }>();

  constructor(
    private readonly source: ListSource,
    private readonly checkListProof: ListProofCheck,
    private readonly deps: { compression: Compression; clock: Clock; crypto: CryptoProvider; skewMs: number },
  ) {}

  async check(credential: JsonObject, issuerId: string): Promise<StatusOutcome> {
    const raw = credential.credentialStatus;
    const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const out: EntryStatus[] = [];
    const warnings: StepProblem[] = [];
    if (entries.length === 0) {
      warnings.push(stepProblem('ours', 'no-status'));
      return { ok: true, entries: out, warnings };
    }
    for (const [i, entry] of entries.entries()) {
      const e = entry as JsonObject;
      if (typeof e !== 'object' || e === null) return fail('malformed', `credentialStatus[${i}] is not an object`);
      if (e.type !== 'BitstringStatusListEntry') {
        return fail('malformed', `credentialStatus[${i}] has type ${JSON.stringify(e.type)}; only BitstringStatusListEntry is supported`);
      }
      const purpose = e.statusPurpose;
      const url = e.statusListCredential;
      const index = typeof e.statusListIndex === 'string' && /^(0|[1-9]\d{0,9})$/.test(e.statusListIndex) ? Number(e.statusListIndex) : NaN;
      if (typeof purpose !== 'string' || typeof url !== 'string' || Number.isNaN(index)) {
        return fail('malformed', `credentialStatus[${i}] needs statusPurpose, statusListCredential and a base-10 string statusListIndex`);
      }
      if (e.statusSize !== undefined && e.statusSize !== 1 && e.statusSize !== '1') {
        return fail('malformed', `credentialStatus[${i}]: statusSize ${String(e.statusSize)} is not supported`);
      }
      let list: DecodedList;
      try {
        list = await this.list(url, issuerId);
      } catch (error) {
        const p = error as StatusFailure;
        return {
          ok: false,
          entries: out,
          problem: p.problem ?? stepProblem('statusRetrieval', 'status-unavailable', { url, reason: String((error as Error).message) }),
        };
      }
      if (list.purpose !== purpose) {
        return fail('statusVerification', `the list at ${url} is for ${list.purpose}, the entry says ${purpose}`);
      }
      if (index >= list.bits.length * 8) {
        return { ok: false, entries: out, problem: stepProblem('statusLength', 'status-index-out-of-range', { index, size: list.bits.length * 8, url }) };
      }
      if (list.bits.length * 8 < MIN_LIST_BITS) {
        warnings.push(stepProblem('ours', 'short-status-list', { url, min: MIN_LIST_BITS }));
      }
      out.push({ purpose, index, set: bitAt(list.bits, index) });
    }
    const set = out.find((s) => s.set);
    if (set) {
      const code = set.purpose === 'revocation' ? 'revoked' : set.purpose === 'suspension' ? 'suspended' : 'status-set';
      return {
        ok: false,
        entries: out,
        problem: stepProblem('ours', code, { purpose: set.purpose, index: set.index }),
      };
    }
    return { ok: true, entries: out, warnings };

    function fail(kind: 'malformed' | 'statusVerification', detail: string): StatusOutcome {
      return { ok: false, entries: out, problem: stepProblem(kind, 'status-malformed', { reason: detail }) };
    }
  }

  private async list(url: string, expectedIssuer: string): Promise<DecodedList> {
    const local = await this.source.local(url);
    let text: string;
    let key: unknown;
    if (local) {
      text = local.json;
      key = local.version;
    } else {
      const res = await this.source.fetcher.get(url, { accept: 'application/vc, application/vc+ld+json, application/json' }).catch((error: Error) => {
        throw new StatusFailure(stepProblem('statusRetrieval', 'status-unavailable', { url, reason: error.message }));
      });
      key = res.body; // the fetcher hands back the same bytes while its cached copy is fresh
      text = '';
      const cached = this.decoded.get(url);
      if (cached && cached.key === key) return this.fresh(cached.list, url);
      text = new TextDecoder().decode(res.body);
    }
    const cached = this.decoded.get(url);
    if (cached && cached.key === key) return this.fresh(cached.list, url);
    const list = await this.parseAndVerify(text, url, expectedIssuer);
    if (this.decoded.size >= MAX_CACHED) this.decoded.delete(this.decoded.keys().next().value!);
    this.decoded.set(url, { key, list });
    return this.fresh(list, url);
  }

  private fresh(list: DecodedList, url: string): DecodedList {
    if (list.validUntil !== null && list.validUntil + this.deps.skewMs < this.deps.clock.now().getTime()) {
      throw new StatusFailure(stepProblem('statusVerification', 'status-list-expired', { url, at: new Date(list.validUntil).toISOString() }));
    }
    return list;
  }

  private async parseAndVerify(text: string, url: string, expectedIssuer: string): Promise<DecodedList> {
    const bad = (detail: string) => new StatusFailure(stepProblem('statusVerification', 'status-list-invalid', { url, reason: detail }));
    let list: JsonObject;
    try {
      list = JSON.parse(text) as JsonObject;
    } catch {
      throw bad('not JSON');
    }
    if (typeof list !== 'object' || list === null || Array.isArray(list)) throw bad('not a credential');
    const types = Array.isArray(list.type) ? list.type : [list.type];
    const subject = list.credentialSubject as JsonObject | undefined;
    if (!types.includes('BitstringStatusListCredential') || typeof subject !== 'object' || subject === null || subject.type !== 'BitstringStatusList') {
      throw bad('not a BitstringStatusListCredential');
    }
    if (list.id !== undefined && list.id !== url) throw bad(`its id is ${String(list.id)}`);
    const issuer = typeof list.issuer === 'string' ? list.issuer : (list.issuer as JsonObject | undefined)?.id;
    if (issuer !== expectedIssuer) throw bad(`issued by ${String(issuer)}, not by the credential's issuer ${expectedIssuer}`);
    const problem = await this.checkListProof(list, expectedIssuer);
    if (problem) throw bad(`its proof does not verify (${problem.detail})`);
    if (typeof subject.encodedList !== 'string') throw bad('no encodedList');
    let bits: Uint8Array;
    try {
      bits = await decodeList(subject.encodedList, MAX_LIST_BYTES, this.deps.compression);
    } catch (error) {
      throw bad(`encodedList does not decode (${(error as Error).message})`);
    }
    const until = typeof list.validUntil === 'string' ? Date.parse(list.validUntil) : NaN;
    return { bits, issuer, purpose: String(subject.statusPurpose), validUntil: Number.isNaN(until) ? null : until };
  }
}

class StatusFailure extends Error {
  constructor(readonly problem: StepProblem) {
    super(problem.detail);
  }
}
