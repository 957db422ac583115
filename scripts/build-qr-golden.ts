// Writes tests/qr/fixtures/golden-v2.json: real credentials with the payloads format 2 made of them.
// tests/qr/dictionary.test.ts decodes them forever after. Rerun ONLY while no format-2 QR code has
// been printed; after that a dictionary change needs a new format version instead.
// tests/qr/fixtures/golden-v1.json (format 1) was written by this script before format 2 came: it
// is frozen, like src/qr/dictionary-v1.ts.
// Run: node --import tsx scripts/build-qr-golden.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeQrPayload, QR_FORMAT_VERSION } from '../src/qr/payload.js';
import { createTestApp } from '../tests/helpers/app.js';
import { issueCorpus } from '../tests/qr/corpus.js';

const PICK = ['skill-level rdfc', 'specialized-ability', 'enterprise +suspension', 'VC API vc1.1', 'skill-level did:key'];
const out = fileURLToPath(new URL(`../tests/qr/fixtures/golden-v${QR_FORMAT_VERSION}.json`, import.meta.url));
const t = await createTestApp();
try {
  const corpus = await issueCorpus(t);
  const golden = [];
  for (const name of PICK) {
    const { credential } = corpus.find((c) => c.name === name)!;
    golden.push({ name, payload: await encodeQrPayload(credential), credential });
  }
  writeFileSync(out, JSON.stringify(golden, null, 2) + '\n');
  console.log(`wrote ${out}`);
} finally {
  await t.close();
}
