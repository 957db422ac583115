// Records for store-level tests. No Node imports: the store contract runs inside workerd too.
import type { Store } from '../../src/store/store.js';
import type { CredentialRecord } from '../../src/domain/credential-record.js';
import type { IssuerKeyRecord, IssuerRecord } from '../../src/domain/issuer.js';

const suffix = () => crypto.randomUUID().slice(0, 8);

/** An issuer row (with a dummy key record) for store-level tests; slugs are unique per call. */
export async function seedIssuer(store: Store, slug = `org-${suffix()}`): Promise<IssuerRecord> {
  const issuer: IssuerRecord = {
    id: `issuer-${slug}`,
    slug,
    did: `did:web:example.cn:issuers:${slug}`,
    didMethod: 'web',
    names: { 'zh-Hans': '测试机构' },
    orgKind: 'Y',
    filingCode: 'T-1',
    suspensionByDefault: false,
    statusByDefault: true,
    createdAt: new Date().toISOString(),
  };
  const key: IssuerKeyRecord = {
    id: `${issuer.did}#key-1`,
    issuerId: issuer.id,
    publicKeyMultibase: 'z6MkTest',
    privateKeyRef: `ref-${slug}`,
    createdAt: issuer.createdAt,
    retiredAt: null,
    compromisedAt: null,
  };
  await store.createIssuer(issuer, key, null);
  return issuer;
}

/** A minimal credential record for store-level tests. */
export function record(issuerId: string, id: string, extra: Partial<CredentialRecord> = {}): CredentialRecord {
  return {
    id,
    issuerId,
    kind: 'vc',
    holderHash: null,
    certificateNumber: null,
    assessmentId: null,
    issuedAt: new Date().toISOString(),
    validFrom: null,
    format: 'eddsa-rdfc-2022',
    document: '{}',
    ...extra,
  };
}
