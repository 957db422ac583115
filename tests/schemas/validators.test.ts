import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildValidatorsSource } from '../../scripts/validators-source.js';
import { ROOT } from '../helpers/node-process.js';

describe('generated schema validators', () => {
  it('are up to date with schemas/api/*.json (run npm run build:validators)', () => {
    const committed = readFileSync(`${ROOT}src/schemas/validators.js`, 'utf8');
    expect(committed === buildValidatorsSource(ROOT), 'src/schemas/validators.js is stale: npm run build:validators').toBe(true);
  });

  it('contain no eval or new Function (Workers forbid both)', () => {
    const code = readFileSync(`${ROOT}src/schemas/validators.js`, 'utf8');
    expect(code).not.toMatch(/\bnew Function\b|\beval\(/);
    expect(code).not.toMatch(/^\s*import /m);
  });
});
