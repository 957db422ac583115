import type { IncomingMessage } from 'node:http';
import type { ClientAddress } from '../../ports.js';

/**
 * The client address on Node: the socket's peer, or, behind a reverse proxy we were told to
 * trust (TRUST_PROXY=1), the last X-Forwarded-For hop (the one our proxy added; earlier hops are
 * whatever the client claimed).
 */
export function nodeClientAddress(trustProxy: boolean): ClientAddress {
  return (request, bindings) => {
    if (trustProxy) {
      const hops = (request.headers.get('x-forwarded-for') ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      const last = hops.at(-1);
      if (last) return last;
    }
    const incoming = (bindings as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming?.socket.remoteAddress ?? 'unknown';
  };
}
