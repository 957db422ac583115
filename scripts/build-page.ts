// Bundles the verify page's script (src/page/main.ts) into public/assets/: verify.js plus the
// chunks it loads on demand (the in-browser verifier, jsQR), each with .gz and .br twins for the
// Node static server. `npm start` runs it first; the browser tests run it before they start.
// The output is git-ignored: it is always built from the sources.
import { build, type Metafile } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const ASSETS_DIR = join(ROOT, 'public', 'assets');

/** One output file: its path under public/ and its size raw, gzipped and brotli-compressed. */
export interface BuiltFile {
  file: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

/** Builds the page script; returns the files written with their sizes. */
export async function buildPage(options: { minify?: boolean } = {}): Promise<BuiltFile[]> {
  rmSync(join(ASSETS_DIR, 'chunks'), { recursive: true, force: true });
  for (const f of ['verify.js', 'verify.js.gz', 'verify.js.br']) rmSync(join(ASSETS_DIR, f), { force: true });
  mkdirSync(ASSETS_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { verify: 'src/page/main.ts' },
    outdir: ASSETS_DIR,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    // Module scripts, dynamic import and top-level await: Chrome/Edge 89, Firefox 89, Safari 15.
    target: ['chrome89', 'firefox89', 'safari15'],
    minify: options.minify ?? true,
    legalComments: 'eof',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return sizes(result.metafile);
}

function sizes(meta: Metafile): BuiltFile[] {
  const out: BuiltFile[] = [];
  for (const path of Object.keys(meta.outputs)) {
    const abs = join(ROOT, path);
    if (!abs.endsWith('.js')) continue;
    const bytes = readFileSync(abs);
    const gz = gzipSync(bytes, { level: 9 });
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    writeFileSync(`${abs}.gz`, gz);
    writeFileSync(`${abs}.br`, br);
    out.push({ file: relative(join(ROOT, 'public'), abs), bytes: bytes.length, gzip: gz.length, brotli: br.length });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await buildPage();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const f of files) console.log(`${f.file.padEnd(40)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}  br ${kb(f.brotli).padStart(9)}`);
}
