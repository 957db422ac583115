-- Holder bindings (issue: holder privacy). The peppers that key each issuer's holder bindings: the
-- secret itself lives in the KeyStore under key_ref (a file under KEYS_DIR, or the Workers
-- secret), never in the database. Retired peppers stay, to check older certificates.
CREATE TABLE holder_peppers (
  id TEXT PRIMARY KEY,
  issuer_id TEXT NOT NULL REFERENCES issuers(id),
  key_ref TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE INDEX holder_peppers_by_issuer ON holder_peppers(issuer_id);
-- At most one current pepper per issuer.
CREATE UNIQUE INDEX holder_peppers_one_current ON holder_peppers(issuer_id) WHERE retired_at IS NULL;

-- Every holder check, without the number: which credential, what came of it, when, and a keyed
-- hash of the client's address (the address itself is not kept).
CREATE TABLE holder_checks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  credential_key TEXT NOT NULL,
  issuer_id TEXT,
  result TEXT NOT NULL CHECK (result IN ('match', 'no-match', 'unavailable', 'limited')),
  client_hash TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX holder_checks_by_credential ON holder_checks(credential_key, id);

CREATE TRIGGER holder_checks_no_update BEFORE UPDATE ON holder_checks
BEGIN
  SELECT RAISE(ABORT, 'holder_checks is append-only');
END;
CREATE TRIGGER holder_checks_no_delete BEFORE DELETE ON holder_checks
BEGIN
  SELECT RAISE(ABORT, 'holder_checks is append-only');
END;
