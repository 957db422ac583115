// The QR code of a credential: compact payload, verify-page URL, fallback, rendering.
export { QrPayloadError, type QrProblem } from './errors.js';
export { decodeQrPayload, encodeQrPayload, MAX_CREDENTIAL_CHARS, MAX_PAYLOAD_CHARS, QR_FORMAT_VERSION, QR_FORMATS_READ, type QrFormat } from './payload.js';
export { qrTextFor, type QrBudget, type QrText } from './qr-text.js';
export { renderQrPng, renderQrSvg, type QrRenderOptions } from './render.js';
export { parseQrUrl, qrIdUrl, qrUrl, readQrText, verifyPageBase, type QrContent } from './url.js';
export { qrVersion, type QrLevel } from './version.js';
