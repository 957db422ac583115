// The per-client-address limit of holder checks (HOLDER_CHECKS_PER_MINUTE): one address guessing
// across many certificates is stopped too, not only guesses at one certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { HOLDER_CHECKS_PER_MINUTE: '3', HOLDER_WRONG_PER_HOUR: '100' } });
});
afterAll(() => t.close());

const issue = async (i: number) =>
  (
    (await (
      await t.call('POST', '/v1/certificates', skillLevelRequest({ assessment: { id: `CLIENT-LIMIT-${i}`, date: '2025-06-20' } }), bearer(t.devKey))
    ).json()) as Json
  ).verifiableCredential;
// Every request of the test app comes from one client address.
const check = (vc: unknown) => t.call('POST', '/credentials/verify', { verifiableCredential: vc, options: { holderIdNumber: '110101199003071000' } });

describe('holder checks per client address', () => {
  it('answers the fourth check in a minute from one address with 429 and Retry-After, across different certificates', async () => {
    const vcs = [await issue(1), await issue(2), await issue(3), await issue(4)];
    for (const vc of vcs.slice(0, 3)) expect(((await (await check(vc)).json()) as Json).verdict).toBe('holder-mismatch');
    const fourth = await check(vcs[3]);
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    // Verifying without a holder check is not limited by it.
    const plain = await t.call('POST', '/credentials/verify', { verifiableCredential: vcs[3] });
    expect(plain.status).toBe(200);
  });
});
