import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyStore } from '../../ports.js';

/** Private keys as JWK files under a directory (keys/ by default), each with mode 0600. */
export class FileKeyStore implements KeyStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private path(ref: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(ref)) throw new Error(`invalid key reference ${JSON.stringify(ref)}`);
    return join(this.dir, `${ref}.jwk.json`);
  }

  async put(ref: string, privateJwk: JsonWebKey): Promise<void> {
    const path = this.path(ref);
    if (existsSync(path)) throw new Error(`key ${ref} already exists`);
    const tmp = `${path}.tmp`;
    // Written to a temporary file with 0600 from the start, then renamed: never world-readable.
    writeFileSync(tmp, JSON.stringify(privateJwk) + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  }

  async get(ref: string): Promise<JsonWebKey | null> {
    const path = this.path(ref);
    if (!existsSync(path)) return null;
    return JSON.parse(readFileSync(path, 'utf8')) as JsonWebKey;
  }
}
