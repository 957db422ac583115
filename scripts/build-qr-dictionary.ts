// Writes src/qr/dictionary-v2.ts, the preset deflate dictionary of QR payload format 2.
// Run: node --import tsx scripts/build-qr-dictionary.ts   (tests/qr/dictionary.test.ts fails when it is stale)
// Careful: printed QR codes of format 2 decode only with the dictionary they were made with. Before
// codes are out in the world, regenerate freely; after, add a new format version instead.
// src/qr/dictionary-v1.ts (format 1) is frozen: this script no longer writes it.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildQrDictionaryModule } from './qr-dictionary-source.js';

const out = fileURLToPath(new URL('../src/qr/dictionary-v2.ts', import.meta.url));
writeFileSync(out, await buildQrDictionaryModule());
console.log(`wrote ${out}`);
