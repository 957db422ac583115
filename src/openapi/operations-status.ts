import type { Operation } from './operation.js';

/** POST /v1/credentials/{id}/<action>: the three status changes differ only in what they do. */
const statusChange = (action: 'revoke' | 'suspend' | 'reinstate', summary: string): Operation => ({
  method: 'post',
  path: `/v1/credentials/{id}/${action}`,
  summary,
  tag: 'status',
  auth: 'issuer-or-admin',
  body: 'StatusChangeRequest',
  ok: { status: 200, description: 'What changed.' },
  errors: [401, 404, 409, 422],
});

/** Status lists and status changes (revocation, suspension). */
export const STATUS_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/status/{slug}/{purpose}/{seq}',
    summary: 'A signed BitstringStatusListCredential (ETag, Cache-Control, 304)',
    tag: 'status',
    auth: 'public',
    ok: { status: 200, description: 'The list credential.', type: 'application/vc' },
    errors: [304, 404],
  },
  {
    method: 'post',
    path: '/credentials/status',
    summary: 'VC API: change a credential’s status',
    tag: 'status',
    auth: 'issuer-or-admin',
    body: 'UpdateCredentialStatusRequest',
    ok: { status: 200, description: 'What changed.' },
    errors: [401, 404, 409, 422],
  },
  statusChange('revoke', 'Revoke (final); scope "assessment" takes the twin certificate along'),
  statusChange('suspend', 'Suspend'),
  statusChange('reinstate', 'Lift a suspension (409 for a revoked credential)'),
  {
    method: 'get',
    path: '/v1/credentials/{id}/status',
    summary: 'Current status bits',
    tag: 'status',
    auth: 'issuer-or-admin',
    ok: { status: 200, description: 'Status.' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/v1/credentials/{id}/audit',
    summary: 'Status-change log of a credential',
    tag: 'status',
    auth: 'issuer-or-admin',
    ok: { status: 200, description: 'Audit entries.' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/v1/audit',
    summary: 'Status-change log of an issuer (?issuer=slug for admin)',
    tag: 'status',
    auth: 'issuer-or-admin',
    ok: { status: 200, description: 'Audit entries.' },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/v1/status/bulk',
    summary: 'Revoke/suspend/reinstate every credential of an assessment, a batch or a time range, atomically',
    tag: 'status',
    auth: 'issuer-or-admin',
    body: 'BulkStatusRequest',
    ok: { status: 200, description: 'Counts.' },
    errors: [401, 403, 422],
  },
];
