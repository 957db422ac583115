// The `detail` of every problem the API answers, by message key: the English templates. A
// SkillcredError carries its key and params; its English detail is worded from here when it is
// made, and in the caller's language (Accept-Language) from the same keys when it is answered
// (src/errors-zh-api.ts holds the Chinese of every key; the compiler checks none is missing).
// `{reason}` is a library's or the fetch policy's own English: the Chinese keeps it, marked as
// technical information, since the API's readers are developers who may need it.
import { fieldEnglish } from './errors-fields.js';
import { BUDGET_DETAILS } from './i18n/budget.js';
import { fill, type Formatter, type Params } from './i18n/format.js';
import { TERMS } from './i18n/terms.js';
import { TRUST_DETAILS } from './i18n/trust.js';

export const API_MESSAGES = {
  'body.media-type': 'send the body as application/json (got {got})',
  'body.no-media-type': 'send the body as application/json (got no Content-Type)',
  'body.too-large': 'the request body exceeds {max} bytes',
  'body.not-utf8': 'the request body is not UTF-8 text',
  'body.empty': 'the request body is empty',
  'body.not-json': 'the request body is not valid JSON: {reason}',
  'header.idempotency-key': 'Idempotency-Key must be 1-255 visible ASCII characters',
  'route.not-found': 'no route for {method} {path}',
  'http.bad-request': '{reason}',
  internal: 'an unexpected error occurred; it has been logged with the request id',
  'internal.replay-lost': 'idempotent replay lost credential {id}',
  'auth.missing': 'send an API key or the admin token as "Authorization: Bearer <token>"',
  'auth.invalid': 'the bearer token is not a valid API key or admin token',
  'auth.wrong-kind': '{action} needs {needs:principals}, not {have:principal}',
  'forbidden.sign-as-other': 'this API key signs only as {own}; {issuer} is another issuer',
  'forbidden.sign-as-foreign': 'this API key signs only as {own}; {issuer} is not hosted here',
  'forbidden.issuer-gone': 'the issuer of this API key no longer exists',
  'forbidden.partner-gone': 'the partner of this API key no longer exists',
  'forbidden.own-issuer-only': 'an issuer key acts only on its own issuer',
  'rate-limited': 'limit of {limit} {what} {window:window} reached; retry in {retry} s',
  'not-found.credential': 'no credential {id}',
  'not-found.own-credential': 'no credential {id} issued by you',
  'not-found.certificate-page': 'credential {id} is not a skill certificate: it has no certificate page',
  'not-found.status-list-url': '{url} is not a status list of this service',
  'not-found.status-list': 'no {purpose} status list {seq} of issuer {slug}',
  'not-found.status-path': 'no status list at {path}: purpose is revocation or suspension, list a positive number',
  'not-found.issuer': 'no issuer "{slug}"',
  'not-found.did-web-issuer': 'no did:web issuer {slug}',
  'not-found.issuer-key': 'issuer {slug} has no key {key}',
  'not-found.batch': 'no batch {id} of yours',
  'batch.issuer-param': 'the admin names the issuer a batch is issued by: ?issuer=<slug> (an existing issuer)',
  'internal.batch-issuer-gone': 'batch {id}: its issuer is gone',
  'body.csv-charset':
    'only UTF-8 sheets are read, not {charset}: save the sheet as "CSV UTF-8" (Excel: Save As → CSV UTF-8 (Comma delimited); WPS: file type CSV, encoding UTF-8)',
  'body.csv-not-utf8':
    'the sheet is not UTF-8 text: save the sheet as "CSV UTF-8" (Excel: Save As → CSV UTF-8 (Comma delimited); WPS: file type CSV, encoding UTF-8)',
  'not-found.api-key': 'no active API key "{id}"',
  'not-found.lookup': 'no certificate issued by this service matches this certificate number and holder name',
  'conflict.no-service-key': 'the service has no signing key yet (first-start setup has not run)',
  'conflict.duplicate': '{reason}',
  'conflict.no-free-index': 'could not claim free status-list indexes; retry the request',
  'conflict.idempotency': 'this Idempotency-Key was already used for a different request body',
  'conflict.issuer-exists': 'an issuer with slug "{slug}" already exists',
  'conflict.issuer-or-did-exists': 'an issuer with slug "{slug}" or its DID already exists',
  'conflict.did-key-rotation': 'a did:key issuer is its key and cannot rotate it; create a new issuer instead',
  'conflict.key-ref-used': 'key "{ref}" was already used by this issuer; rotate to a newly provisioned key',
  'conflict.partner-exists': 'a partner "{slug}" already exists',
  'conflict.no-assessment': 'credential {id} belongs to no assessment; use scope "credential"',
  'conflict.revoked-final': 'credential {id} is revoked, and revocation is final',
  'conflict.no-status-entry': 'credential {id} was issued without a {purpose} status entry',
  'conflict.no-current-key': 'the issuer has no current signing key',
  'conflict.no-usable-key':
    'issuer {slug} has no usable signing key (its key was marked compromised or retired): rotate it with POST /admin/issuers/{slug}/keys/rotate (npm run admin -- keys rotate {slug})',
  'conflict.retroactive':
    '{field} {at} is in the past: {affected} certificate(s) {slug} issued since would stop verifying as trusted. Send "retroactive": true to mean it.',
  'warning.issued-expired': 'the credential was signed, but its {field} {until} is already past: every verifier will call it expired',
  'conflict.key-ref-taken': 'keyRef "{ref}" already belongs to a key of this deployment; provision a new key for this one',
  'unavailable.list-unsignable': "the {purpose} list {seq} of {slug} cannot be signed until the issuer's key is rotated",
  'conflict.key-unavailable': 'the private key of {key} is not available on this deployment',
  'conflict.key-mismatch': 'the stored private key of {key} does not match its public key',
  'keys.cannot-store':
    'this deployment cannot generate or store private keys (key "{ref}"): generate one with `npm run admin -- keys generate <ref>`, add the printed entry to the ISSUER_KEYS secret (`wrangler secret put ISSUER_KEYS`), then send "keyRef": "<ref>"',
  'keys.bad-ref': 'keyRef "{ref}": {field:field}',
  'conflict.key-file-exists': 'a private key "{ref}" already exists in KEYS_DIR',
  'unavailable.key-file': 'the private key file of "{ref}" in KEYS_DIR cannot be read; restore it from the backup',
  'context.unknown': 'JSON-LD context "{url}" is not one this service knows',
  'context.unknown-at': '{pointer}: {url} is not a context this service knows',
  'jsonld.undefined-term': "{term} is not defined by the credential's @context ({event})",
  'jsonld.failed': 'JSON-LD processing failed: {reason}',
  'jcs.failed': 'document cannot be JCS-canonicalized',
  'budget.max-bytes': BUDGET_DETAILS['max-bytes'].en,
  'budget.max-depth': BUDGET_DETAILS['max-depth'].en,
  'budget.max-nodes': BUDGET_DETAILS['max-nodes'].en,
  'budget.inline-context': BUDGET_DETAILS['inline-context'].en,
  'rdfc.limits': 'RDF canonicalization exceeded its work limits (maxWorkFactor {factor}, {ms} ms): {reason}',
  'pepper.unavailable': 'the holder pepper {id} is not available on this deployment',
  'qr.not-exact': 'cannot put the credential in a QR payload: {pointer}: {detail}',
  'fetch.refused': 'not fetched: {reason}',
  'fetch.failed': 'GET {url}: {reason}',
} satisfies Record<string, string>;

/** Problems whose detail is the trust registry's reason (shared with the verifier's trust step). */
const NOT_ACCREDITED_PREFIX = '{issuer} may not issue this: ';

export type ApiMessageKey = keyof typeof API_MESSAGES | `not-accredited.${keyof typeof TRUST_DETAILS}`;

/** The terms, and `{x:field}`: a field message (its key in `x`) worded inside a problem's detail. */
const FORMATTERS: Record<string, Formatter> = { ...TERMS, field: (key) => fieldEnglish(key, {}) ?? key };

/** The English wording of an API message; undefined for a key the catalogue lacks. */
export function apiEnglish(key: string, params: Params): string | undefined {
  let template: string | undefined = (API_MESSAGES as Record<string, string>)[key];
  if (template === undefined && key.startsWith('not-accredited.')) {
    const reason = (TRUST_DETAILS as Record<string, { en: string }>)[key.slice('not-accredited.'.length)]?.en;
    if (reason !== undefined) template = NOT_ACCREDITED_PREFIX + reason;
  }
  return template === undefined ? undefined : fill(template, params, 'en', FORMATTERS);
}
