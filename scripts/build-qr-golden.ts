// Writes tests/qr/fixtures/golden-v1.json: real credentials with the payloads format 1 made of them.
// tests/qr/dictionary.test.ts decodes them forever after. Rerun ONLY while no format-1 QR code has
// been printed; after that a dictionary change needs a new format version instead.
// Run: node --import tsx scripts/build-qr-golden.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeQrPayload } from '../src/qr/payload.js';
import { createTestApp } from '../tests/helpers/app.js';
import { issueCorpus } from '../tests/qr/corpus.js';

const PICK = ['skill-level rdfc', 'enterprise +suspension', 'VC API vc1.1', 'skill-level did:key'];
const out = fileURLToPath(new URL('../tests/qr/fixtures/golden-v1.json', import.meta.url));
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
