import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const QR_DIR = fileURLToPath(new URL('../../src/qr/', import.meta.url));

describe('src/qr runs unchanged on Workers and in browsers', () => {
  it('imports no Node built-in and no Buffer', () => {
    for (const file of readdirSync(QR_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
      const source = readFileSync(QR_DIR + file, 'utf8');
      expect(source, file).not.toMatch(/from ['"]node:|require\(|\bBuffer\b/);
      // qrcode's package entry loads its Node renderers (fs, pngjs): only its pure-JS files by path
      expect(source, file).not.toMatch(/from ['"]qrcode['"]/);
    }
  });

  it('bundles for the browser with nothing left to resolve (esbuild fails on any Node module)', async () => {
    const result = await build({
      entryPoints: [QR_DIR + 'index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const bundle = result.outputFiles[0]!.contents;
    // the dictionaries dominate: formats 1 and 2 (~16 KB and ~17 KB) since format 2 came (was < 120,000
    // with format 1 alone: 100,919 B, then 121,980 B). They share most of their text, so what a
    // browser downloads, gzipped, grew by ~0.6 KB (33,645 B to 34,256 B).
    expect(bundle.length).toBeLessThan(130_000);
    expect(gzipSync(bundle).length).toBeLessThan(36_000);
  });
});
