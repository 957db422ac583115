import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Host names (besides localhost, 127.0.0.1 and ::1) the test certificate is valid for. */
const CERT_NAMES = ['peer.example', 'other.example', 'intranet.example', 'public.example'];

const SUBJECT_ALT_NAMES = [...CERT_NAMES, 'localhost']
  .map((n) => `DNS:${n}`)
  .concat('IP:127.0.0.1', 'IP:::1')
  .join(',');

let pair: { key: string; cert: string } | undefined;

/**
 * A self-signed key and certificate for local HTTPS peers: made fresh with the openssl CLI, or,
 * where it is missing, the committed test-only pair under tests/fixtures/tls/ (same names).
 */
export function testTls(): { key: string; cert: string } {
  if (pair) return pair;
  const dir = mkdtempSync(join(tmpdir(), 'skillcred-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=skillcred test peer',
        '-addext',
        `subjectAltName=${SUBJECT_ALT_NAMES}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: 'ignore' },
    );
    pair = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    const fixtures = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
    pair = { key: readFileSync(join(fixtures, 'key.pem'), 'utf8'), cert: readFileSync(join(fixtures, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return pair;
}
