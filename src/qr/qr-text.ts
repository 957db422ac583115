import { QrPayloadError } from './errors.js';
import { encodeQrPayload } from './payload.js';
import { qrIdUrl, qrUrl } from './url.js';
import { qrVersion, type QrLevel } from './version.js';

/** The budget a whole-credential QR code must fit; past it the code names only the credential id. */
export interface QrBudget {
  /** Largest QR version allowed (default 20: a printed certificate's code stays scannable). */
  maxVersion?: number;
  /** Error-correction level the code is rendered at (default M). */
  level?: QrLevel;
}

/** The text to put in a credential's QR code, which kind it is, and the QR version it needs. */
export interface QrText {
  kind: 'credential' | 'id';
  text: string;
  version: number;
  level: QrLevel;
}

/**
 * Chooses the QR text of a credential: the whole credential when it fits the budget, else the
 * fallback link with `credentialId` (default: the credential's own `id`, unless it is a `data:`
 * URL as in enveloped vc+jwt credentials, which would never fit).
 */
export async function qrTextFor(publicUrl: string, credential: object, options: QrBudget & { credentialId?: string } = {}): Promise<QrText> {
  const level = options.level ?? 'M';
  const maxVersion = options.maxVersion ?? 20;
  const whole = qrUrl(publicUrl, await encodeQrPayload(credential));
  const version = qrVersion(whole, level);
  if (version <= maxVersion) return { kind: 'credential', text: whole, version, level };
  const ownId = (credential as { id?: unknown }).id;
  const id = options.credentialId ?? (typeof ownId === 'string' && !ownId.startsWith('data:') ? ownId : undefined);
  if (id === undefined) throw new QrPayloadError('too-large', `needs QR version ${version} (> ${maxVersion}) and has no id to fall back to`);
  const text = qrIdUrl(publicUrl, id);
  return { kind: 'id', text, version: qrVersion(text, level), level };
}
