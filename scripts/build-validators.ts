// Compiles the JSON Schemas under schemas/api/ into standalone validator code (src/schemas/validators.js).
// Workers forbid eval, so ajv cannot compile at run time there; both runtimes use this one output.
// Run: npm run build:validators   (a test fails when the committed output is stale)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildValidatorsSource } from './validators-source.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}src/schemas/validators.js`;
writeFileSync(out, buildValidatorsSource(root));
console.log(`wrote ${out}`);
