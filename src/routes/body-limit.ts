import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SkillcredError } from '../errors.js';

/**
 * Caps request bodies. Reads only headers when Content-Length is given (hono's bodyLimit touches
 * `c.req.raw.body`, which makes @hono/node-server build a full undici Request for every call and
 * cost a trivial route about half its throughput); chunked bodies go through bodyLimit.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new SkillcredError('PAYLOAD_TOO_LARGE', `the request body exceeds ${maxSize} bytes`);
  };
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxSize) tooLarge();
      return next();
    }
    return streaming(c, next);
  };
}
