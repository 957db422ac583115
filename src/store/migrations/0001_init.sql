-- skillcred schema: shared by the better-sqlite3 store and Cloudflare D1. Keep it portable SQL.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE issuers (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  did TEXT NOT NULL UNIQUE,
  did_method TEXT NOT NULL CHECK (did_method IN ('web', 'key')),
  name_zh_hans TEXT NOT NULL,
  name_zh_hant TEXT,
  name_en TEXT,
  org_kind TEXT NOT NULL CHECK (org_kind IN ('Y', 'S')),
  filing_code TEXT NOT NULL,
  suspension_by_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE issuer_keys (
  id TEXT PRIMARY KEY,
  issuer_id TEXT NOT NULL REFERENCES issuers(id),
  public_key_multibase TEXT NOT NULL,
  private_key_ref TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT,
  compromised_at TEXT
);
CREATE INDEX issuer_keys_by_issuer ON issuer_keys(issuer_id);
-- At most one current (unretired) key per issuer.
CREATE UNIQUE INDEX issuer_keys_one_current ON issuer_keys(issuer_id) WHERE retired_at IS NULL;

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  issuer_id TEXT REFERENCES issuers(id),
  partner_id TEXT,
  secret_hash TEXT NOT NULL,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  issuer_id TEXT NOT NULL REFERENCES issuers(id),
  kind TEXT NOT NULL,
  holder_hash TEXT,
  certificate_number TEXT,
  assessment_id TEXT,
  issued_at TEXT NOT NULL,
  valid_from TEXT,
  format TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX credentials_by_assessment ON credentials(issuer_id, assessment_id);
-- One assessment yields at most one certificate of each kind from an issuer.
CREATE UNIQUE INDEX credentials_one_kind_per_assessment ON credentials(issuer_id, assessment_id, kind)
  WHERE assessment_id IS NOT NULL;
CREATE INDEX credentials_by_issued_at ON credentials(issuer_id, issued_at);

CREATE TABLE idempotency_keys (
  issuer_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (issuer_id, key)
);

CREATE TABLE status_lists (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  issuer_id TEXT NOT NULL REFERENCES issuers(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  seq INTEGER NOT NULL,
  size INTEGER NOT NULL,
  allocated INTEGER NOT NULL DEFAULT 0,
  close_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  version INTEGER NOT NULL DEFAULT 0,
  signed_version INTEGER NOT NULL DEFAULT -1,
  signed_json TEXT,
  signed_etag TEXT,
  signed_valid_until TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (issuer_id, purpose, seq)
);

-- One row per claimed index: the claim commits with its credential, never without it.
CREATE TABLE status_entries (
  list_id INTEGER NOT NULL REFERENCES status_lists(id),
  idx INTEGER NOT NULL,
  credential_id TEXT NOT NULL REFERENCES credentials(id),
  purpose TEXT NOT NULL,
  value INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (list_id, idx)
);
CREATE INDEX status_entries_by_credential ON status_entries(credential_id);
CREATE INDEX status_entries_set_bits ON status_entries(list_id, idx) WHERE value = 1;

CREATE TABLE status_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  credential_id TEXT NOT NULL,
  issuer_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  old_value INTEGER NOT NULL,
  new_value INTEGER NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  request_id TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX status_audit_by_credential ON status_audit(credential_id, id);
CREATE INDEX status_audit_by_issuer ON status_audit(issuer_id, id);

-- The audit log is append-only: nothing in it is ever updated or deleted.
CREATE TRIGGER status_audit_no_update BEFORE UPDATE ON status_audit
BEGIN
  SELECT RAISE(ABORT, 'status_audit is append-only');
END;
CREATE TRIGGER status_audit_no_delete BEFORE DELETE ON status_audit
BEGIN
  SELECT RAISE(ABORT, 'status_audit is append-only');
END;
