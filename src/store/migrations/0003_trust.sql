-- Trust registry (accreditations and exits), partners and their recognition statements.

CREATE TABLE accreditations (
  id TEXT PRIMARY KEY,
  issuer_id TEXT NOT NULL REFERENCES issuers(id),
  -- JSON arrays: certificate kinds; occupation codes (exact "4-04-05-05" or prefix "4-04-*", "*" for all);
  -- ladder ranks (empty array: any rank)
  kinds TEXT NOT NULL,
  occupations TEXT NOT NULL,
  ranks TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  chain TEXT,
  chain_master TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX accreditations_by_issuer ON accreditations(issuer_id);

CREATE TABLE issuer_exits (
  id TEXT PRIMARY KEY,
  issuer_id TEXT NOT NULL REFERENCES issuers(id),
  exited_at TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('voluntary-withdrawal', 'failed-review', 'misconduct', 'dissolution-or-merger', 'filing-revoked', 'term-expired')),
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX issuer_exits_by_issuer ON issuer_exits(issuer_id);

CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name_zh_hans TEXT,
  name_zh_hant TEXT,
  name_en TEXT NOT NULL,
  region TEXT NOT NULL,
  did TEXT,
  rate_limit_per_minute INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE recognition_statements (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  certificate_kind TEXT NOT NULL,
  ladder_rank INTEGER,
  occupation_code TEXT,
  framework TEXT NOT NULL,
  level TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE INDEX recognition_by_kind ON recognition_statements(certificate_kind);
