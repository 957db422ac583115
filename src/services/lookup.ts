// Looking a certificate up by the number and holder name printed on it (POST /v1/lookup), for
// someone holding a paper copy whose QR code will not scan. A match answers exactly what a scan
// of that certificate answers; no match answers one 404 whether or not the number exists, and the
// per-number count of unmatched look-ups runs either way, so its 429 says nothing either.
import type { Config } from '../config.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import { parseVcJwt, unwrapEnvelope } from '../credentials/jwt.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { Language } from '../domain/localized.js';
import { normalizeCertificateNumber, normalizeHolderName, numberCandidates } from '../domain/lookup.js';
import type { LookupRequest } from '../domain/requests.js';
import type { FieldMessage } from '../errors-fields.js';
import { message, SkillcredError } from '../errors.js';
import { qrIdUrl } from '../qr/index.js';
import type { Store } from '../store/store.js';
import { summarize } from '../verify/summary.js';
import type { RateLimiter } from './rate-limit.js';
import type { LocalizedResult, VerificationService } from './verification.js';

/** The window of the per-number count of unmatched look-ups: LOOKUP_WRONG_PER_HOUR is per hour. */
const WRONG_WINDOW_SECONDS = 3600;

/** A look-up's answer: the verification result of the certificate found, and a link to verify it again. */
export type LookupAnswer = LocalizedResult & {
  links: {
    /** The verify page naming this certificate by its id (`<host>/V#ID:…`), checked online. */
    verify: string;
  };
};

export interface LookupDeps {
  store: Store;
  limiter: RateLimiter;
  verification: Pick<VerificationService, 'verifyCredential'>;
  config: Pick<Config, 'publicUrl' | 'lookupsPerMinute' | 'lookupWrongPerHour'>;
}

/** The holder name a stored credential shows (the verdict's holder), if it has one. */
function holderNameOf(document: string): string | undefined {
  try {
    const stored = JSON.parse(document) as unknown;
    const jwt = typeof stored === 'string' ? stored : unwrapEnvelope(stored);
    const credential = jwt === undefined ? (stored as JsonObject) : parseVcJwt(jwt).credential;
    return summarize(credential).holderName;
  } catch {
    return undefined;
  }
}

/** Look-up by certificate number and holder name, for anyone, limited per client and per number. */
export class LookupService {
  constructor(private readonly deps: LookupDeps) {}

  /**
   * The verification result (in `lang`) of the certificate this service issued with this number
   * to this holder; when several match (a reissue), the latest issued. 404 when none does, 422
   * for a number that cannot be one, 429 past LOOKUPS_PER_MINUTE for `client` or past
   * LOOKUP_WRONG_PER_HOUR unmatched look-ups of the number.
   */
  async lookup(request: LookupRequest, lang: Language, client: string): Promise<LookupAnswer> {
    const { limiter, config } = this.deps;
    await limiter.take(`lookup-client:${client}`, config.lookupsPerMinute, 1, 60, 'lookups');
    const number = normalizeCertificateNumber(request.certificateNumber);
    const name = normalizeHolderName(request.holderName);
    const faults: FieldMessage[] = [];
    if (number === undefined) faults.push({ pointer: '/certificateNumber', key: 'field.lookup-number' });
    else if (number === '') faults.push({ pointer: '/certificateNumber', key: 'field.not-empty' });
    if (name === '') faults.push({ pointer: '/holderName', key: 'field.not-empty' });
    if (faults.length > 0 || !number) throw new SkillcredError('MALFORMED_VALUE', { fields: ': ' }, { errors: faults });
    const candidates = numberCandidates(number);
    // Keyed by the upper-case number: y… and Y… share one count.
    const wrongKey = `lookup-wrong:${number.toUpperCase()}`;
    await limiter.check(wrongKey, config.lookupWrongPerHour, WRONG_WINDOW_SECONDS, 'unmatched lookups of this certificate number');
    const record = await this.find(candidates, name);
    if (!record) {
      await limiter.record(wrongKey, WRONG_WINDOW_SECONDS);
      throw new SkillcredError('NOT_FOUND', message('not-found.lookup'));
    }
    const result = await this.deps.verification.verifyCredential(JSON.parse(record.document) as unknown, {}, lang, client);
    return { ...result, links: { verify: qrIdUrl(config.publicUrl, record.id) } };
  }

  /** The latest issued credential with one of these numbers whose holder name is `name` (both normalized). */
  private async find(candidates: string[], name: string): Promise<CredentialRecord | null> {
    for (const number of candidates) {
      for (const record of await this.deps.store.credentialsByNumber(number)) {
        const holder = holderNameOf(record.document);
        if (holder !== undefined && normalizeHolderName(holder) === name) return record;
      }
    }
    return null;
  }
}
