// The bridge between the QR codec (src/qr) and the Verifier: a scanned or pasted text becomes the
// credential it carries, or the credential id of a fallback link. Runtime-agnostic: the server's
// Verifier and the verify page's in-browser Verifier use the same decoder.
import type { JsonObject } from '../credentials/data-integrity.js';
import { decodeQrPayload, QrPayloadError, readQrText } from '../qr/index.js';
import type { QrDecoder } from './verify-options.js';

/**
 * A QrDecoder over src/qr: `undefined` for text that is not a QR text at all (the Verifier says
 * "unrecognised"), a thrown QrPayloadError for a QR text that does not decode (truncated,
 * corrupt, unknown format), so the Verifier fails the `parse` step with the codec's reason.
 */
export function createQrDecoder(): QrDecoder {
  return {
    async decode(text) {
      let content: ReturnType<typeof readQrText>;
      try {
        content = readQrText(text);
      } catch (error) {
        // Neither a verify link nor base32: not ours to judge; anything else is a broken QR text.
        if (error instanceof QrPayloadError && error.problem === 'not-a-qr-url') return undefined;
        throw error;
      }
      if (content.kind === 'id') return { credentialId: content.id };
      return { credential: (await decodeQrPayload(content.payload)) as JsonObject };
    },
  };
}
