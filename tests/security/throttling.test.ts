// A key guesser is slowed down; anonymous callers and partners have limits; 429 says when to retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bearer, createTestApp, skillLevelRequest, type TestApp } from '../helpers/app.js';

type Json = Record<string, any>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { AUTH_FAILURES_PER_MINUTE: '10', ANONYMOUS_REQUESTS_PER_MINUTE: '5' },
    // The test names the client address in a header (the runtime takes it from the socket).
    ports: { clientAddress: (request) => request.headers.get('x-test-client') ?? 'unknown' },
  });
});
afterAll(() => t.close());

const from = (client: string, headers: Record<string, string> = {}) => ({ 'x-test-client': client, ...headers });
const wrongKey = (id: string) => `skc_${id}_${'A'.repeat(43)}`;

describe('failed authentications are throttled', () => {
  it('per client address: 10 wrong keys a minute, then 429 with Retry-After, even for a right key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await t.call('GET', '/v1/audit', undefined, from('198.51.100.7', bearer(wrongKey(`${i}`.padStart(16, '0')))))).status);
    expect(statuses).toEqual(new Array(10).fill(401));
    const blocked = await t.call('GET', '/v1/audit', undefined, from('198.51.100.7', bearer(t.devKey)));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as Json).code).toBe('RATE_LIMITED');
    // another address is not affected
    expect((await t.call('GET', '/v1/audit', undefined, from('198.51.100.8', bearer(t.devKey)))).status).toBe(200);
  });

  it('per API key id: guesses at one key from many addresses stop after 10', async () => {
    const target = 'abcdef0123456789';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await t.call('GET', '/v1/audit', undefined, from(`203.0.113.${i}`, bearer(wrongKey(target))))).status);
    expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it('admin token guesses count against the address too', async () => {
    for (let i = 0; i < 10; i++)
      expect((await t.call('GET', '/admin/issuers', undefined, from('192.0.2.50', bearer(`not-the-admin-token-${i}`)))).status).toBe(401);
    expect((await t.call('GET', '/admin/issuers', undefined, from('192.0.2.50', bearer(ADMIN_TOKEN)))).status).toBe(429);
    expect((await t.call('GET', '/admin/issuers', undefined, from('192.0.2.51', bearer(ADMIN_TOKEN)))).status).toBe(200);
  });
});

describe('anonymous and partner limits', () => {
  it('limits anonymous verification per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.call('POST', '/credentials/verify', { verifiableCredential: 'x' }, from('100.64.1.1'))).status);
    expect(statuses.slice(0, 5)).toEqual(new Array(5).fill(400));
    expect(statuses[5]).toBe(429);
    expect((await t.call('POST', '/credentials/verify', { verifiableCredential: 'x' }, from('100.64.1.2'))).status).toBe(400);
  });

  it("counts a partner's batch items, not its calls", async () => {
    const res = await t.call(
      'POST',
      '/admin/partners',
      { slug: 'hk-items', names: { en: 'Items partner' }, region: 'HK', rateLimitPerMinute: 3 },
      bearer(ADMIN_TOKEN),
    );
    const key = ((await res.json()) as Json).apiKey.token;
    const cert = (await (await t.call('POST', '/v1/certificates', skillLevelRequest(), bearer(t.devKey))).json()) as Json;
    expect((await t.call('POST', '/v1/verify/batch', { items: [cert.verifiableCredential, 'x', 'y'] }, from('10.9.9.9', bearer(key)))).status).toBe(200);
    const over = await t.call('POST', '/v1/verify/batch', { items: ['z'] }, from('10.9.9.9', bearer(key)));
    expect(over.status).toBe(429);
    expect(((await over.json()) as Json).detail).toContain('3 verifications a minute');
  });
});
