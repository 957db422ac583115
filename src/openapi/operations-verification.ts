import { lookupAnswer, verificationResult, type Operation } from './operation.js';
import { LOOKUP_ANSWER_EXAMPLE, LOOKUP_NOT_FOUND_EXAMPLE } from './examples.js';
import { VERIFY_CREDENTIAL_BODY, VERIFY_PRESENTATION_BODY } from './verify-bodies.js';

/** Verification (anonymous, and partners’ batches) and look-up by number. */
export const VERIFICATION_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/v',
    summary: 'The verify page: scan, upload or paste a certificate’s QR code; one verdict in three languages',
    tag: 'verification',
    auth: 'public',
    ok: { status: 200, description: 'HTML.', type: 'text/html' },
  },
  {
    method: 'get',
    path: '/V',
    summary: 'The verify page (QR codes spell the link in upper case)',
    tag: 'verification',
    auth: 'public',
    ok: { status: 200, description: 'HTML.', type: 'text/html' },
  },
  {
    method: 'post',
    path: '/credentials/verify',
    summary: 'VC API: verify a credential, enveloped VC-JWT, JWT or scanned QR text',
    tag: 'verification',
    auth: 'public',
    body: VERIFY_CREDENTIAL_BODY,
    ok: { status: 200, description: 'Verified (400/422 with the same body when not).', schema: verificationResult },
    errors: [400, 422],
  },
  {
    method: 'post',
    path: '/v1/lookup',
    summary:
      'Look a certificate up by the number and holder name printed on it: the verification result a scan of it gives (no key; LOOKUPS_PER_MINUTE per client)',
    tag: 'verification',
    auth: 'public',
    body: 'LookupRequest',
    ok: {
      status: 200,
      description:
        'A certificate this service issued matches: its verification result, whatever the verdict (revoked, expired, …), as POST /credentials/verify gives it, and a link to verify it again.',
      schema: lookupAnswer,
      example: LOOKUP_ANSWER_EXAMPLE,
    },
    errors: [400, 404, 413, 415, 422, 429],
    problems: {
      404: {
        description: 'No certificate issued here matches this number and name. The same answer whether the number is unknown or the name is wrong.',
        example: LOOKUP_NOT_FOUND_EXAMPLE,
      },
      422: {
        description:
          'A field is missing, empty or not a certificate number (only letters, digits and hyphens once spaces are left out); `errors` names each field by its JSON pointer.',
        example: {
          type: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
          title: 'Malformed value',
          status: 422,
          detail:
            '/certificateNumber: must be a certificate number: 1-40 letters, digits or hyphens (spaces are left out, full-width characters read as plain ones)',
          code: 'MALFORMED_VALUE',
          errors: [
            {
              pointer: '/certificateNumber',
              detail: 'must be a certificate number: 1-40 letters, digits or hyphens (spaces are left out, full-width characters read as plain ones)',
            },
          ],
          instance: '/v1/lookup',
        },
      },
      429: {
        description:
          'Too many look-ups from this client (LOOKUPS_PER_MINUTE), or too many unmatched look-ups of this number (LOOKUP_WRONG_PER_HOUR, counted whether or not it exists); Retry-After says when to try again.',
      },
    },
  },
  {
    method: 'post',
    path: '/presentations/verify',
    summary: 'VC API: verify a presentation (challenge, domain) and its credentials',
    tag: 'verification',
    auth: 'public',
    body: VERIFY_PRESENTATION_BODY,
    ok: { status: 200, description: 'Verified.' },
    errors: [400, 422],
  },
  {
    method: 'post',
    path: '/v1/verify/batch',
    summary: 'Verify up to 1,000 items, results in order',
    tag: 'partners',
    auth: 'partner-or-admin',
    body: 'BatchVerifyRequest',
    ok: {
      status: 200,
      description: 'One result per item.',
      schema: { type: 'object', properties: { count: { type: 'integer' }, counts: { type: 'object' }, results: { type: 'array', items: verificationResult } } },
    },
    errors: [401, 403, 413, 422, 429],
  },
  {
    method: 'post',
    path: '/v1/recognitions',
    summary: 'Record the partner’s own recognition statement (signed)',
    tag: 'partners',
    auth: 'partner',
    body: 'RecognitionStatementRequest',
    ok: { status: 201, description: 'The signed statement.' },
    errors: [401, 403, 422, 429],
  },
  {
    method: 'get',
    path: '/v1/recognitions',
    summary: 'Every recorded recognition statement',
    tag: 'partners',
    auth: 'public',
    ok: { status: 200, description: 'Signed statements.' },
  },
];
