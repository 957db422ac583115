-- Exam-session batches (issue 15): a sheet of certificate requests, checked whole, then signed
-- and committed in chunks by a job that a crash or a restart resumes. Portable SQL (SQLite, D1;
-- PostgreSQL by translation): no rowid, no AUTOINCREMENT.

CREATE TABLE batches (
  -- 'b-' + hex of SHA-256(issuer id + canonical items): the same upload is the same batch.
  id TEXT PRIMARY KEY,
  issuer_id TEXT NOT NULL REFERENCES issuers(id),
  source TEXT NOT NULL CHECK (source IN ('json', 'csv')),
  -- JSON array: the sheet's headers as the client wrote them (results.csv names columns alike).
  headers TEXT NOT NULL,
  total INTEGER NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'completed')),
  -- Who works the job, until when: a crashed worker's lease lapses and another resumes the job.
  lease_owner TEXT,
  lease_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX batches_by_issuer ON batches(issuer_id, created_at);
CREATE INDEX batches_unfinished ON batches(state) WHERE state <> 'completed';

CREATE TABLE batch_rows (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  -- The item's position in the batch, from 0.
  row_no INTEGER NOT NULL,
  -- Where a person finds it: the spreadsheet row (the header is row 1), or the item's position from 1.
  sheet_row INTEGER NOT NULL,
  certificate_number TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  -- The id the row's credential gets, fixed when the batch is stored: the row (batch, row) can
  -- only ever be issued as this one credential (credentials.id is unique), whoever signs it.
  credential_id TEXT NOT NULL,
  -- Why a row that passed the checks was not issued (a race with another issuance, an exit).
  error TEXT,
  PRIMARY KEY (batch_id, row_no)
);

-- What is still to sign: the unsigned credential (the draft, holding the holder's ID number only
-- as its holder binding) and how to sign it. Deleted with the rest of the batch's drafts when it completes.
CREATE TABLE batch_drafts (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  row_no INTEGER NOT NULL,
  draft TEXT NOT NULL,
  settings TEXT NOT NULL,
  PRIMARY KEY (batch_id, row_no)
);

-- A batch refuses certificate numbers its issuer already used: answered by an index, not a scan.
CREATE INDEX credentials_by_issuer_number ON credentials(issuer_id, certificate_number);
