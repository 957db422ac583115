-- A private key belongs to one key record, ever: an admin cannot adopt another principal's key
-- (the service key is checked by the keyring, as its records live in settings).
CREATE UNIQUE INDEX issuer_keys_one_per_ref ON issuer_keys(private_key_ref);

-- The audit keeps our request id; the X-Request-Id a client sent is kept beside it, as the client's.
ALTER TABLE status_audit ADD COLUMN client_request_id TEXT;

-- Whether the VC API adds a revocation entry when a request does not ask for status (default yes).
ALTER TABLE issuers ADD COLUMN status_by_default INTEGER NOT NULL DEFAULT 1;
