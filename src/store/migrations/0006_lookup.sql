-- Look-up by certificate number (issue 12: POST /v1/lookup). The number is the one people hold on
-- paper; the look-up reads the few credentials that carry it, so it needs an index, not a scan.
CREATE INDEX credentials_by_number ON credentials(certificate_number);
