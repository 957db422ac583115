// The verify page's calls to the service's VC API, for what the browser cannot check itself.
import type { StepResult, VerificationResult } from '../verify/result.js';

/** The service's verification of `text` (any form POST /credentials/verify accepts). */
export async function verifyOnServer(text: string, holderIdNumber?: string): Promise<VerificationResult> {
  const res = await fetch(new URL('credentials/verify', baseUrl()), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({ verifiableCredential: text, ...(holderIdNumber !== undefined ? { options: { holderIdNumber } } : {}) }),
  });
  const body = (await res.json().catch(() => null)) as (VerificationResult & { detail?: string }) | null;
  if (body && typeof body.verdict === 'string' && Array.isArray(body.steps)) return body;
  // A problem document (413, 415, …): the request never reached the verifier; it is unreadable.
  const detail = body?.detail ?? `HTTP ${res.status}`;
  const step: StepResult = { id: 'parse', valid: false, problem: { type: '', title: 'Unreadable credential', detail, code: 'http-' + res.status } };
  return { verified: false, verdict: 'unreadable', checks: ['parse'], warnings: [], errors: [step.problem!], steps: [step], summary: {} };
}

/** What a look-up by certificate number and holder name came to. */
export type LookupOutcome =
  | { kind: 'found'; result: VerificationResult; verifyLink: string }
  | { kind: 'no-match' }
  | { kind: 'limited'; seconds: string }
  | { kind: 'invalid' }
  | { kind: 'failed'; status: number };

/** Looks a certificate up by the number and holder name printed on it (POST /v1/lookup). */
export async function lookupOnServer(certificateNumber: string, holderName: string): Promise<LookupOutcome> {
  const res = await fetch(new URL('v1/lookup', baseUrl()), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({ certificateNumber, holderName }),
  });
  const body = (await res.json().catch(() => null)) as (VerificationResult & { links?: { verify?: string }; detailCode?: string }) | null;
  if (res.ok && body && typeof body.verdict === 'string' && Array.isArray(body.steps))
    return { kind: 'found', result: body, verifyLink: body.links?.verify ?? '' };
  if (res.status === 404 && body?.detailCode === 'not-found.lookup') return { kind: 'no-match' };
  if (res.status === 429) return { kind: 'limited', seconds: res.headers.get('retry-after') ?? '60' };
  if (res.status === 400 || res.status === 422) return { kind: 'invalid' };
  return { kind: 'failed', status: res.status };
}

/** The service's base URL: the directory the verify page is served from (`/v` → `/`). */
function baseUrl(): string {
  return new URL('.', location.href).href;
}
