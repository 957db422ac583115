/** Who is calling, once authenticated: every service method that acts takes one. */
export type Principal =
  | { kind: 'admin'; via: string }
  | { kind: 'issuer'; issuerId: string; apiKeyId: string }
  | { kind: 'partner'; partnerId: string; apiKeyId: string };

/** The admin acting through the admin API (bearer ADMIN_TOKEN). */
export const ADMIN_API: Principal = { kind: 'admin', via: 'admin' };
