import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRequestTypesSource, buildValidatorTypesSource } from '../../scripts/request-types-source.js';
import { buildValidatorsSource } from '../../scripts/validators-source.js';
import { ROOT } from '../helpers/node-process.js';

describe('generated schema validators', () => {
  it('are up to date with schemas/api/*.json (run npm run build:validators)', () => {
    const committed = readFileSync(`${ROOT}src/schemas/validators.js`, 'utf8');
    expect(committed === buildValidatorsSource(ROOT), 'src/schemas/validators.js is stale: npm run build:validators').toBe(true);
  });

  it('have request types generated from the same schemas, up to date (so types cannot drift from what is validated)', async () => {
    expect(
      readFileSync(`${ROOT}src/domain/requests.ts`, 'utf8') === (await buildRequestTypesSource(ROOT)),
      'src/domain/requests.ts is stale: npm run build:validators',
    ).toBe(true);
    expect(
      readFileSync(`${ROOT}src/schemas/validators.d.ts`, 'utf8') === buildValidatorTypesSource(),
      'src/schemas/validators.d.ts is stale: npm run build:validators',
    ).toBe(true);
  });

  it('contain no eval or new Function (Workers forbid both)', () => {
    const code = readFileSync(`${ROOT}src/schemas/validators.js`, 'utf8');
    expect(code).not.toMatch(/\bnew Function\b|\beval\(/);
    expect(code).not.toMatch(/^\s*import /m);
  });
});
