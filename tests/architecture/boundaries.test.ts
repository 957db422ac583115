// The layering of ARCHITECTURE.md, checked: the dependency rules pass on the tree and fail when
// broken; hand-written files stay small; only the store (and its drivers) holds SQL.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/node-process.js';

const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');
const GENERATED = new Set([
  'src/schemas/validators.js',
  'src/schemas/validators.d.ts',
  'src/domain/requests.ts',
  'src/qr/dictionary-v1.ts',
  'src/qr/dictionary-v2.ts',
]);

function cruise(cwd: string): { code: number; out: string } {
  const r = spawnSync(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

let scratch: string | undefined;
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('import boundaries (dependency-cruiser)', () => {
  it('hold on the tree as it is', () => {
    const r = cruise(ROOT);
    expect(r.out).toContain('no dependency violations found');
    expect(r.code).toBe(0);
  });

  it('fail when a route verifies by itself, the domain imports the errors module, or a service reaches the runtime', () => {
    scratch = mkdtempSync(join(tmpdir(), 'skillcred-boundaries-'));
    cpSync(join(ROOT, 'src'), join(scratch, 'src'), { recursive: true });
    for (const f of ['tsconfig.json', '.dependency-cruiser.cjs', 'package.json']) cpSync(join(ROOT, f), join(scratch, f));
    symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    cpSync(join(ROOT, 'schemas'), join(scratch, 'schemas'), { recursive: true });
    writeFileSync(join(scratch, 'src/routes/bad-route.ts'), "import { Verifier } from '../verify/verifier.js';\nexport const x = Verifier;\n");
    writeFileSync(join(scratch, 'src/domain/bad-domain.ts'), "import { SkillcredError } from '../errors.js';\nexport const y = SkillcredError;\n");
    writeFileSync(join(scratch, 'src/services/bad-service.ts'), "import { nodeCrypto } from '../runtime/node/crypto.js';\nexport const z = nodeCrypto;\n");
    writeFileSync(join(scratch, 'src/verify/bad-verify.ts'), "import { readFileSync } from 'node:fs';\nexport const w = readFileSync;\n");
    const r = cruise(scratch);
    expect(r.code).not.toBe(0);
    for (const rule of ['routes-only-parse-and-answer', 'domain-is-pure', 'only-entries-know-the-runtime', 'node-modules-only-in-node-runtime'])
      expect(r.out).toContain(rule);
  });
});

describe('shape of the code', () => {
  it('keeps every hand-written source file under about 300 lines', () => {
    const long = sourceFiles()
      .filter((f) => !GENERATED.has(f))
      .map((f) => [f, readFileSync(join(ROOT, f), 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 320);
    expect(long).toEqual([]);
  });

  it('keeps SQL inside src/store and the runtime drivers', () => {
    const sql = /\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))/;
    const outside = sourceFiles().filter(
      (f) => !f.startsWith('src/store/') && !/^src\/runtime\/\w+\/\w+-(driver|store)\.ts$/.test(f) && sql.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(outside).toEqual([]);
  });
});
