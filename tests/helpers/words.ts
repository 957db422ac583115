// What a Chinese page may contain in Latin letters, and the Taiwan words our Hong Kong / Macau
// Traditional Chinese avoids. Shared by the catalogue tests and the browser tests.

/** Words Taiwan writes where Hong Kong and Macau write otherwise (our zh-Hant is theirs). */
export const TAIWAN_TERMS = /數位|簽章|金鑰|資訊|網路|軟體|線上|演算法|位元組|身分(?!證)|連線|列印|內建|執行|清單|訊息|伺服端|雜湊|核驗/;

/**
 * Latin text a Chinese page legitimately shows: identifiers, codes and protocol names that have
 * no translation (URLs, DIDs, certificate numbers, JSON field names, algorithm names).
 */
const ALLOWED = [
  /https?:\/\/\S+/gi,
  /\bdid:[\w.:%#-]+/g,
  /\burn:[\w:.-]+/g,
  /\b[A-Z]{1,2}\d{6,}\b/g, // certificate numbers (Y0001…, QY2025000100)
  /\b[A-Z]{1,4}(?:-[A-Z0-9]+)+\b/g, // filing codes (GD-S-0042, DEV-0001)
  /@?\b(?:noble\/ed25519|Ed25519|WebCrypto|HTTPS?|POST|JSON|JWT|QR|API|OpenAPI|W3C|VC|skillcred|credentialStatus|assertionMethod|proofPurpose|proof\.created|proof|options\.checks|context|ecdsa-rdfc-2019|eddsa-\w+-2022|vc\+jwt|jwt_vc_json|exp|nbf|iat|typ|crit|kid|iss|null)\b/g,
  /\/[\w/.-]+/g, // paths: /credentials/verify, /trust-list
  /\b[a-z]+(?:-[a-z]+)+\b/g, // machine codes in kebab case (e.g. ecdsa-rdfc-2019 quoted back)
];

/** The Latin words left in `text` once the allowed identifiers are taken out (none on a Chinese page). */
export function englishWords(text: string): string[] {
  let rest = text;
  for (const re of ALLOWED) rest = rest.replace(re, ' ');
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}
