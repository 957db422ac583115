// The verification endpoints' request bodies, which take credentials in many forms and so have
// no schema file of their own: described here, every field with a description and an example.

type Json = Record<string, unknown>;

const checks: Json = {
  type: 'array',
  items: { type: 'string', enum: ['proof', 'issuer', 'validity', 'expiration', 'validFrom', 'validUntil', 'status', 'credentialStatus', 'trust', 'holder'] },
  description:
    'The checks to run (all by default); proof and the issuer key always run. Aliases of other verifiers are accepted (credentialStatus, expiration).',
  examples: [['proof', 'status']],
};

/** POST /credentials/verify. */
export const VERIFY_CREDENTIAL_BODY: Json = {
  type: 'object',
  required: ['verifiableCredential'],
  properties: {
    verifiableCredential: {
      description: 'The credential: an object with its proof, an EnvelopedVerifiableCredential, a JWT, or the text of a scanned QR code (the verify link).',
      examples: ['HTTPS://CERTS.EXAMPLE.CN/V#ID:M5QXEZLEMVXHI2LBNQ'],
    },
    options: {
      type: 'object',
      description: 'What else to check.',
      examples: [{ holderIdNumber: '11010119900307123X' }],
      properties: {
        holderIdNumber: {
          type: 'string',
          maxLength: 256,
          description: 'The ID number on the document the candidate shows: hashed with the credential’s salt and compared (the holder step); never stored.',
          examples: ['11010119900307123X'],
        },
        checks,
      },
    },
  },
};

/** POST /presentations/verify. */
export const VERIFY_PRESENTATION_BODY: Json = {
  type: 'object',
  required: ['verifiablePresentation'],
  properties: {
    verifiablePresentation: {
      description: 'A VerifiablePresentation (with a Data Integrity proof, or enveloped as vp+jwt) holding the credentials.',
      examples: [{ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [] }],
    },
    options: {
      type: 'object',
      description: 'The challenge and domain the presentation’s proof must carry.',
      examples: [{ challenge: 'a1b2c3', domain: 'hr.example.hk' }],
      properties: {
        challenge: { type: 'string', maxLength: 256, description: 'The challenge (nonce) you gave the holder.', examples: ['a1b2c3'] },
        domain: { type: 'string', maxLength: 256, description: 'Your domain, as the holder was told it.', examples: ['hr.example.hk'] },
        holderIdNumber: {
          type: 'string',
          maxLength: 256,
          description: 'An ID number to compare with every credential’s holder.',
          examples: ['11010119900307123X'],
        },
        checks,
      },
    },
  },
};
