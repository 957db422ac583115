import { CREDENTIALS_V2 } from '../credentials/contexts.js';
import type { StatusPurpose } from '../domain/status.js';

/** The unsigned BitstringStatusListCredential of one list (VC 2.0, issuer as a string). */
export function statusListCredential(parts: {
  url: string;
  issuerDid: string;
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: string;
  validUntil: string;
}): Record<string, unknown> {
  return {
    '@context': [CREDENTIALS_V2],
    id: parts.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: parts.issuerDid,
    validFrom: parts.validFrom,
    validUntil: parts.validUntil,
    credentialSubject: {
      id: `${parts.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: parts.purpose,
      encodedList: parts.encodedList,
    },
  };
}
