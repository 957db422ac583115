import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * Gives every request an id of ours (answered as X-Request-Id). A client's own X-Request-Id is
 * kept beside it as the client's, never used as ours: the audit log must not carry ids a caller chose.
 */
export function requestIds(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ours = crypto.randomUUID();
    const theirs = c.req.header('x-request-id');
    c.set('requestId', ours);
    c.set('clientRequestId', theirs !== undefined && CLIENT_ID.test(theirs) ? theirs : undefined);
    await next();
    c.res.headers.set('x-request-id', ours);
  };
}
