import { qrIdUrl, qrTextFor, qrVersion, type QrText } from '../qr/index.js';
import type { SignedCredential } from './record-issuance.js';

/**
 * The text of a credential's QR code: the whole credential in the verify link when it fits a
 * printable code, else a link with its id (checked online). A compact JWT never fits.
 */
export async function qrTextOf(publicUrl: string, credential: SignedCredential, id: string): Promise<QrText> {
  if (typeof credential === 'string') {
    const text = qrIdUrl(publicUrl, id);
    return { kind: 'id', text, version: qrVersion(text, 'M'), level: 'M' };
  }
  return qrTextFor(publicUrl, credential, { credentialId: id });
}
