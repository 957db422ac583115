// Bundles the verify page's script (src/page/main.ts) into public/assets/: verify.js plus the
// chunks it loads on demand (the in-browser verifier, the QR decoders) and ZXing's WebAssembly
// (public/assets/chunks/zxing_reader-<hash>.wasm, fetched from this origin only when a camera or
// photo needs decoding), each with .gz and .br twins for the Node static server.
// `npm start` runs it first; the browser tests run it before they start, several test files at
// once: every file is written aside and renamed into place, so a page being served never sees a
// half-written or missing file. The output is git-ignored: it is always built from the sources.
// It also builds the /docs page: its small script (src/page/docs.ts → assets/docs.js) and Swagger
// UI copied from swagger-ui-dist into assets/docs/, so the API reference is served from this origin.
import { ZXING_WASM_SHA256 } from 'barcode-detector/ponyfill';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const ASSETS_DIR = join(ROOT, 'public', 'assets');
const CHUNKS_DIR = join(ASSETS_DIR, 'chunks');

/** One output file: its path under public/ and its size raw, gzipped and brotli-compressed. */
export interface BuiltFile {
  file: string;
  kind: 'js' | 'wasm' | 'css';
  bytes: number;
  gzip: number;
  brotli: number;
}

/** Builds the page script; returns the files written with their sizes. */
export async function buildPage(options: { minify?: boolean } = {}): Promise<BuiltFile[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { verify: 'src/page/main.ts', docs: 'src/page/docs.ts' },
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
    define: { 'process.env.NODE_ENV': '"production"' },
    // ZXing's wasm (imported by src/page/qr-zxing.ts) is copied next to the chunks, named by its
    // hash, and the import gives its path relative to the chunk that loads it.
    loader: { '.wasm': 'file' },
    assetNames: 'chunks/[name]-[hash]',
    write: false,
    logLevel: 'warning',
  });
  const files: BuiltFile[] = [];
  const written = new Set<string>();
  for (const output of result.outputFiles) {
    const kind = output.path.endsWith('.js') ? 'js' : output.path.endsWith('.wasm') ? 'wasm' : null;
    if (!kind) continue;
    if (kind === 'wasm') checkWasm(output.path, output.contents);
    files.push(place(output.path, output.contents, kind));
    for (const suffix of ['', '.gz', '.br']) written.add(output.path + suffix);
  }
  files.push(...copyDocsRenderer());
  // Chunks of earlier builds (their names carry the content hash) are no longer referenced.
  for (const name of existsSync(CHUNKS_DIR) ? readdirSync(CHUNKS_DIR) : []) {
    const path = join(CHUNKS_DIR, name);
    if (!written.has(path) && !name.includes('.tmp-')) rmSync(path, { force: true });
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

/** The files of swagger-ui-dist the /docs page loads (the UMD bundle defines window.SwaggerUIBundle). */
const DOCS_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;

/** Copies Swagger UI into public/assets/docs/ (with its licence and notice), with compressed twins. */
function copyDocsRenderer(): BuiltFile[] {
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const out = join(ASSETS_DIR, 'docs');
  // Apache-2.0: its licence and notice travel with the copy
  for (const name of ['LICENSE', 'NOTICE']) {
    const text = readFileSync(join(dist, name));
    if (!existsSync(join(out, name)) || !text.equals(readFileSync(join(out, name)))) writeAtomically(join(out, name), text);
  }
  return DOCS_FILES.map((name) => place(join(out, name), readFileSync(join(dist, name)), name.endsWith('.css') ? 'css' : 'js'));
}

/**
 * barcode-detector inlines ZXing's JavaScript glue of one zxing-wasm release; the wasm we copy
 * comes from the zxing-wasm package. A mismatch fails at run time in the browser, so fail here.
 */
function checkWasm(path: string, bytes: Uint8Array): void {
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== ZXING_WASM_SHA256) throw new Error(`${path} is not the wasm barcode-detector was built for (pin zxing-wasm to barcode-detector's version)`);
}

/** Writes a file and its compressed twins into place; returns its sizes. */
function place(path: string, bytes: Uint8Array, kind: BuiltFile['kind']): BuiltFile {
  const file = relative(join(ROOT, 'public'), path);
  // Brotli at quality 11 takes seconds on the wasm: a file already in place, same bytes, keeps its twins.
  if (existsSync(`${path}.gz`) && existsSync(`${path}.br`) && existsSync(path) && Buffer.from(bytes).equals(readFileSync(path))) {
    return { file, kind, bytes: bytes.length, gzip: statSync(`${path}.gz`).size, brotli: statSync(`${path}.br`).size };
  }
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  // the twins first: a file in place always has its own twins (the shortcut above relies on it)
  writeAtomically(`${path}.gz`, gz);
  writeAtomically(`${path}.br`, br);
  writeAtomically(path, bytes);
  return { file, kind, bytes: bytes.length, gzip: gz.length, brotli: br.length };
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await buildPage();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const f of files) console.log(`${f.file.padEnd(42)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}  br ${kb(f.brotli).padStart(9)}`);
}
