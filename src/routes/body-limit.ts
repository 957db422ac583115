import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SkillcredError } from '../errors.js';

/**
 * Caps request bodies. Reads only headers when Content-Length is given (hono's bodyLimit touches
 * `c.req.raw.body`, which makes @hono/node-server build a full undici Request for every call and
 * cost a trivial route about half its throughput); chunked bodies go through bodyLimit.
 * `perPath` raises the cap for routes that take big bodies (a batch of 1,000 credentials).
 */
export function limitBody(defaultMax: number, perPath: Record<string, number> = {}): MiddlewareHandler {
  const limits = new Map<number, { tooLarge: () => never; streaming: MiddlewareHandler }>();
  const forSize = (maxSize: number) => {
    let l = limits.get(maxSize);
    if (!l) {
      const tooLarge = (): never => {
        throw new SkillcredError('PAYLOAD_TOO_LARGE', `the request body exceeds ${maxSize} bytes`);
      };
      l = { tooLarge, streaming: bodyLimit({ maxSize, onError: tooLarge }) };
      limits.set(maxSize, l);
    }
    return l;
  };
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const maxSize = perPath[c.req.path] ?? defaultMax;
    const { tooLarge, streaming } = forSize(maxSize);
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxSize) tooLarge();
      return next();
    }
    return streaming(c, next);
  };
}
