// What is wrong with one field of a request: the `errors[].detail` of a 400/422 problem. A field
// error carries its key and params; its English is worded from here when it is made, and the
// Chinese of every key (src/errors-zh-fields.ts, the same keys, checked by the compiler) when it
// is answered in the caller's language. English and Chinese live apart so that code which only
// throws (the credentials and QR modules, also bundled into the verify page) carries no Chinese.
import { BUDGET_DETAILS } from './i18n/budget.js';
import { fill, type Params } from './i18n/format.js';
import { TERMS } from './i18n/terms.js';

export const FIELD_MESSAGES = {
  // JSON Schema keywords (the generated validators); English as Ajv words it.
  'field.required': 'is required',
  'field.not-allowed': 'is not an allowed property here',
  'field.enum': 'must be one of {values}',
  'field.const': 'must be {value}',
  'field.pattern': 'must match {pattern}',
  'field.format': 'must be a valid {format}',
  'field.type': 'must be {type}',
  'field.max-length': 'must NOT have more than {limit} characters',
  'field.min-length': 'must NOT have fewer than {limit} characters',
  'field.max-items': 'must NOT have more than {limit} items',
  'field.min-items': 'must NOT have fewer than {limit} items',
  'field.max-properties': 'must NOT have more than {limit} properties',
  'field.min-properties': 'must NOT have fewer than {limit} properties',
  'field.compare': 'must be {comparison} {limit}',
  'field.multiple-of': 'must be multiple of {limit}',
  'field.unique-items': 'must NOT have duplicate items (items ## {j} and {i} are identical)',
  'field.dependent-required': 'must have property {property} when property {deps} is present',
  'field.invalid': '{reason} ({keyword})',
  'field.shape': 'does not match the expected shape',
  'field.lookup-number': 'must be a certificate number: 1-40 letters, digits or hyphens (spaces are left out, full-width characters read as plain ones)',
  // The W3C data model (src/credentials/vc-model.ts).
  'field.type-strings': 'type must be a string or an array of strings',
  'field.type-include': 'type must include {type}',
  'field.json-object': 'must be a JSON object',
  'field.not-empty': 'must not be empty',
  'field.context-entry': 'each @context entry must be a URL or an object',
  'field.base-context-first': 'the base context {context} must come first, not at position {position}',
  'field.first-context': 'the first @context must be {v2} (or {v1} for VC 1.1)',
  'field.mixed-contexts': 'must not mix the VC 1.1 and VC 2.0 base contexts',
  'field.url': 'must be a URL',
  'field.url-or-object': 'must be a URL or an object with a URL id',
  'field.non-empty-object': 'must be a non-empty object',
  'field.datetimestamp': 'must be an XML Schema dateTimeStamp, e.g. 2025-06-30T08:00:00Z',
  'field.not-before': 'must not be before {other}',
  'field.vc11-term': 'is VC 1.1; VC 2.0 uses {replacement}',
  'field.object': 'must be an object',
  'field.schema-id': 'is required (the URL of the schema)',
  'field.absent': 'must be absent',
  'field.unknown-context': 'unknown context (contexts are never fetched)',
  'field.related-object': 'must be an object with an id and a digestSRI or digestMultibase (not a bare URL)',
  'field.repeated-id': 'repeats {other}: each related resource id must be unique',
  'field.needs-digest': 'needs a digestSRI or a digestMultibase',
  'field.sri': 'must be SRI metadata such as sha384-<base64>',
  'field.multibase': 'must be a multibase string (u… base64url or z… base58btc)',
  'field.no-proof-yet': 'the credential to issue must not carry a proof yet',
  'field.vc-jwt-v2': 'vc+jwt (VC-JOSE-COSE) secures VC 2.0 credentials only; send a VC 2.0 credential, or use jwt_vc_json for VC 1.1',
  'field.jwt-vc-json-v1': 'jwt_vc_json is the VC Data Model 1.1 JWT encoding; a VC 2.0 credential is secured as vc+jwt',
  'field.not-json': '{reason}',
  'field.pepper-not-provisioned': 'no 32-byte secret (an oct JWK) is provisioned under "{ref}"',
  'field.whole-number': 'must be a whole number from 0 to {max}',
  'field.existing-issuer': 'must name an existing issuer',
  // The CPU budget of a credential to issue (src/credentials/budget.ts).
  'field.budget-max-bytes': BUDGET_DETAILS['max-bytes'].en,
  'field.budget-max-depth': BUDGET_DETAILS['max-depth'].en,
  'field.budget-max-nodes': BUDGET_DETAILS['max-nodes'].en,
  'field.budget-inline-context': BUDGET_DETAILS['inline-context'].en,
  // Request specifics.
  'field.check-names': 'must be an array of check names',
  'field.unknown-check': 'unknown check {name}; known: {known}',
  'field.options-object': 'must be an object',
  'field.option-string': 'must be a string of at most 256 characters',
  'field.label': 'must be a string of at most 80 characters',
  'field.scale': 'must be a whole number of pixels per module, 1-32',
  'field.print-script': 'must be zh-Hans or zh-Hant (English is always printed beside it)',
  'field.limit': 'must be a whole number from 1 to 10000',
  'field.after': 'must be after {other}',
  'field.date-time': 'must be a date-time',
  'field.purpose-with-boolean': 'is required with a boolean status',
  'field.issuer-for-admin': 'is required for the admin token: name the issuer (its slug)',
  'field.credential-id': 'must be a credential id of 1-{max} visible characters',
  'field.percent-encoded-id': 'is not a valid percent-encoded credential id',
  'field.idempotency-key': 'must be 1-255 visible ASCII characters',
  'field.keyref-missing': 'no private key with this reference is provisioned on this deployment',
  'field.keyref-not-jwk': 'the provisioned key is not a private Ed25519 JWK',
  'field.keyref-mismatch': 'the private key d does not belong to the public key x',
  'field.keyref-taken': 'already belongs to another key',
  'field.before-issuer-existed': 'is before the issuer was created ({at})',
  'field.before-key-existed': 'is before the key was created ({at})',
  'field.retroactive': 'must be true for a date in the past ({affected} certificate(s) affected)',
  'field.leap-second': 'is a leap second (…:60), which this service does not accept: use …:59 or the next second',
  'field.unreadable-date': 'is not a date-time this service can read (RFC 3339, e.g. 2025-06-20T08:00:00Z)',
  'field.key-ref-shape': 'must be 1-64 letters, digits, dots, dashes or underscores',
  'field.year-range': 'must be a date-time between the years 1900 and 9999',
  'field.keyref-required': 'required here: name a key provisioned in ISSUER_KEYS',
  // Certificate rules (src/domain/certificate.ts: Fault codes, prefixed field.).
  'field.occupation-name-required': 'is required: occupation {code} ({version} edition) is not one this service knows by name',
  'field.rank-without-grade': 'rank {rank} ({rank:rank}) has no printed grade: skill level certificates cover ranks 2-6 (五级-一级)',
  'field.grade-rank-mismatch': 'grade {grade} is rank {gradeRank}, but level.rank says {rank} ({rankGrade})',
  'field.grade-below-start': '{occupation:occupation} starts at {start:grade}; {rank:grade} is not certified for it',
  'field.certificate-number': 'must be a skill level certificate number: Y or S followed by 21 digits',
  'field.org-kind-mismatch': 'starts with {letter}, but the issuer is filed as {orgKind} ({orgKind:orgKind})',
  'field.grade-digit-mismatch': 'grade digit (16th character) is {digit}, but the grade is {rank:grade} ({gradeDigit})',
  'field.level-only-skill': 'only skill-level certificates carry a level; use {use}',
  'field.specialty-only-specialized': 'only specialized-ability certificates carry a specialty',
  'field.enterprise-only-enterprise': 'only enterprise certifications carry an enterprise level',
} satisfies Record<string, string>;

export type FieldKey = keyof typeof FIELD_MESSAGES;

/** True for a key the field catalogue words. */
export function isFieldKey(key: string): key is FieldKey {
  return Object.hasOwn(FIELD_MESSAGES, key);
}

/** A field error before it is worded: the JSON pointer, the message key and its values. */
export interface FieldMessage {
  pointer: string;
  key: FieldKey;
  params?: Params;
}

/** The English wording of a field message. */
export function fieldEnglish(key: string, params: Params): string | undefined {
  const template = (FIELD_MESSAGES as Record<string, string>)[key];
  return template === undefined ? undefined : fill(template, params, 'en', TERMS);
}
