import type { Principal } from '../domain/principal.js';
import type { Services } from '../services/index.js';

/** Body size caps by kind of route: `default` (authenticated), `anonymous` (verify, lookup), `batch`. */
export type BodyCap = 'default' | 'anonymous' | 'batch';

/** The Hono environment every route shares. */
export interface AppEnv {
  Variables: {
    /** Our id of this request (logged, audited, answered as X-Request-Id). */
    requestId: string;
    /** The X-Request-Id the client sent, if any: kept beside ours, never in its place. */
    clientRequestId: string | undefined;
    /** Set by `authenticate` when a valid bearer token came with the request. */
    principal: Principal | undefined;
    services: Services;
    /** The client's address as the runtime knows it (rate limits). */
    clientAddress: string;
    /** The byte caps of request bodies (from the configuration). */
    bodyCaps: Record<BodyCap, number>;
  };
}
