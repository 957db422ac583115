import type { Operation } from './operation.js';

/** The service itself and the identities it publishes (no key). */
export const PUBLIC_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/',
    summary: 'What this service is, with links to the verify page, these docs and the trust list (in the Accept-Language, or ?lang=)',
    tag: 'service',
    auth: 'public',
    ok: { status: 200, description: 'HTML.', type: 'text/html' },
  },
  { method: 'get', path: '/health', summary: 'Liveness', tag: 'service', auth: 'public', ok: { status: 200, description: 'Up.' } },
  { method: 'get', path: '/openapi.json', summary: 'This OpenAPI document', tag: 'service', auth: 'public', ok: { status: 200, description: 'OpenAPI 3.1.' } },
  {
    method: 'get',
    path: '/docs',
    summary: 'This API reference, rendered from /openapi.json in the browser (served from this origin)',
    tag: 'service',
    auth: 'public',
    ok: { status: 200, description: 'HTML.', type: 'text/html' },
  },
  {
    method: 'get',
    path: '/.well-known/did.json',
    summary: "The service's own DID document (it signs the trust list)",
    tag: 'identity',
    auth: 'public',
    ok: { status: 200, description: 'DID document.', type: 'application/did+json' },
  },
  {
    method: 'get',
    path: '/issuers/{slug}/did.json',
    summary: 'A hosted issuer’s did:web document; retired keys stay listed',
    tag: 'identity',
    auth: 'public',
    ok: { status: 200, description: 'DID document.', type: 'application/did+json' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/skillcred/v1',
    summary: 'Our JSON-LD context (https://w3id.org/skillcred/v1)',
    tag: 'identity',
    auth: 'public',
    ok: { status: 200, description: 'JSON-LD context.', type: 'application/ld+json' },
  },
];
