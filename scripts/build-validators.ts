// Compiles the JSON Schemas under schemas/api/ into standalone validator code (src/schemas/validators.js),
// its types (src/schemas/validators.d.ts) and the request types (src/domain/requests.ts).
// Workers forbid eval, so ajv cannot compile at run time there; both runtimes use this one output.
// Run: npm run build:validators   (a test fails when the committed output is stale)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildRequestTypesSource, buildValidatorTypesSource } from './request-types-source.js';
import { buildValidatorsSource } from './validators-source.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const outputs: [string, string][] = [
  ['src/schemas/validators.js', buildValidatorsSource(root)],
  ['src/schemas/validators.d.ts', buildValidatorTypesSource()],
  ['src/domain/requests.ts', await buildRequestTypesSource(root)],
];
for (const [path, text] of outputs) {
  writeFileSync(root + path, text);
  console.log(`wrote ${path}`);
}
