// The few admin-API calls the local Worker tooling needs (dev seeding, benchmarks, bundle test).

type Json = Record<string, unknown>;

async function call(url: string, adminToken: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} };
}

/**
 * Makes sure an issuer exists on a running service, created with `keyRef` (where keys are
 * provisioned) and accredited for everything, and returns a fresh API key for it: a key is
 * shown only once, so a second run mints another.
 */
export async function ensureIssuer(
  url: string,
  adminToken: string,
  opts: { slug: string; keyRef?: string; name?: string },
): Promise<{ did: string; apiKey: string; created: boolean }> {
  const existing = await call(url, adminToken, 'GET', `/admin/issuers/${opts.slug}`);
  if (existing.status === 200) {
    const key = await call(url, adminToken, 'POST', `/admin/issuers/${opts.slug}/api-keys`, { label: 'local tooling' });
    if (key.status !== 201) throw new Error(`new API key for ${opts.slug}: ${key.status} ${JSON.stringify(key.json)}`);
    return { did: String((existing.json.issuer as Json).did), apiKey: String((key.json.apiKey as Json).token), created: false };
  }
  const created = await call(url, adminToken, 'POST', '/admin/issuers', {
    slug: opts.slug,
    names: { 'zh-Hans': opts.name ?? '开发用评价机构', en: 'Development Evaluation Organisation' },
    orgKind: 'Y',
    filingCode: 'DEV-0001',
    // Where keys are provisioned, so is the holder-binding pepper (generateSecrets makes `<ref>-pepper`).
    ...(opts.keyRef ? { keyRef: opts.keyRef, pepperRef: `${opts.keyRef}-pepper` } : {}),
  });
  if (created.status !== 201) throw new Error(`creating issuer ${opts.slug}: ${created.status} ${JSON.stringify(created.json)}`);
  const accredited = await call(url, adminToken, 'POST', `/admin/issuers/${opts.slug}/accreditations`, {
    kinds: ['skill-level', 'specialized-ability', 'enterprise', 'other'],
    occupations: ['*'],
    validFrom: '2020-01-01T00:00:00Z',
    chain: 'development',
  });
  if (accredited.status !== 201) throw new Error(`accrediting ${opts.slug}: ${accredited.status} ${JSON.stringify(accredited.json)}`);
  return { did: String((created.json.issuer as Json).did), apiKey: String((created.json.apiKey as Json).token), created: true };
}
