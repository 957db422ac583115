import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dir = mkdtempSync(join(tmpdir(), 'sq-'));
const db = new Database(join(dir, 'x.db'));
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('foreign_keys = ON');
for (const f of readdirSync('src/store/migrations').sort()) db.exec(readFileSync('src/store/migrations/' + f, 'utf8'));
db.exec("INSERT INTO issuers VALUES ('i','s','d','web','n',null,null,'Y','f',0,'x')");
db.exec("INSERT INTO status_lists (issuer_id,purpose,seq,size,close_at,created_at) VALUES ('i','revocation',1,131072,100000,'x')");
const doc = 'x'.repeat(2600);
const ins = db.prepare('INSERT INTO credentials (id, issuer_id, kind, holder_hash, certificate_number, assessment_id, issued_at, valid_from, format, document) VALUES (?,?,?,?,?,?,?,?,?,?)');
const se = db.prepare('INSERT INTO status_entries (list_id, idx, credential_id, purpose, value) VALUES (?,?,?,?,0)');
let n = 0;
for (const variant of ['full', 'noDoc', 'noStatus']) {
  const t = performance.now();
  for (let c = 0; c < 20; c++) {
    db.transaction(() => {
      for (let i = 0; i < 100; i++, n++) {
        ins.run(`id${n}`, 'i', 'skill-level', 'sha256$' + n, 'Y' + n, 'A' + n, new Date().toISOString(), 'x', 'eddsa-jcs-2022', variant === 'noDoc' ? 'x' : doc);
        if (variant !== 'noStatus') se.run(1, n, `id${n}`, 'revocation');
      }
    }).immediate();
  }
  console.log(variant, ((performance.now() - t) * 1000 / 2000).toFixed(1), 'µs/row');
}
