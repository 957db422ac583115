import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { SkillcredError, malformed, message } from '../../errors.js';
import type { KeyStore } from '../../ports.js';

/** Private keys as JWK files under a directory (keys/ by default), each with mode 0600. */
export class FileKeyStore implements KeyStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private path(ref: string): string {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(ref)) throw malformed('/keyRef', 'field.key-ref-shape');
    return join(this.dir, `${ref}.jwk.json`);
  }

  async put(ref: string, privateJwk: JsonWebKey): Promise<void> {
    const path = this.path(ref);
    if (existsSync(path)) throw new SkillcredError('CONFLICT', message('conflict.key-file-exists', { ref }));
    const tmp = `${path}.tmp`;
    // Written to a temporary file with 0600 from the start, then renamed: never world-readable.
    writeFileSync(tmp, JSON.stringify(privateJwk) + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  }

  async get(ref: string): Promise<JsonWebKey | null> {
    const path = this.path(ref);
    if (!existsSync(path)) return null;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as JsonWebKey;
    } catch {
      // A damaged key file is the deployment's fault, not the caller's: say which, never its content.
      throw new SkillcredError('UNAVAILABLE', message('unavailable.key-file', { ref }));
    }
  }
}
