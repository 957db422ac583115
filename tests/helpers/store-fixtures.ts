import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { CredentialRecord, IssuerKeyRecord, IssuerRecord, Store } from '../../src/store/store.js';

/** A fresh SQLite store in a temporary directory, migrated. */
export async function tempSqliteStore(): Promise<{ store: SqliteStore; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-store-'));
  const path = join(dir, 'store.db');
  const store = new SqliteStore(path);
  await store.migrate();
  return { store, path };
}

let seq = 0;
/** An issuer row (with a dummy key record) for store-level tests. */
export async function seedIssuer(store: Store, slug = `org-${++seq}`): Promise<IssuerRecord> {
  const issuer: IssuerRecord = {
    id: `issuer-${slug}`,
    slug,
    did: `did:web:example.cn:issuers:${slug}`,
    didMethod: 'web',
    names: { 'zh-Hans': '测试机构' },
    orgKind: 'Y',
    filingCode: 'T-1',
    suspensionByDefault: false,
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
