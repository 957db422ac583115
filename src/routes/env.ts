import type { Services } from '../services/index.js';

/** Who is calling, once authenticated. */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'issuer'; issuerId: string; apiKeyId: string }
  | { kind: 'partner'; partnerId: string; apiKeyId: string };

/** The Hono environment every route shares. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: Services;
  };
}
