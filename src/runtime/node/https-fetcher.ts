// The Node fetcher: the shared policy fetcher over node:https, with the check Workers cannot do.
// The host name is resolved once here, every address must be public (unless the host is
// allow-listed), and the socket connects to the address that was checked: the `lookup` handed to
// the connection answers with it and never asks DNS again, so a rebinding resolver cannot switch
// the connection to another address after the check. TLS still verifies the certificate, and
// SNI names the host, as for any https request.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request, type RequestOptions } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Fetcher } from '../../ports.js';
import { notFetched, TransportFailure } from '../../fetch/errors.js';
import { createPolicyFetcher, type PolicyFetcherOptions, type RawResponse, type Transport } from '../../fetch/fetcher.js';
import { resolvedProblem, type Target } from '../../fetch/policy.js';

/** A resolver: every address of a host name (as `dns.lookup(name, { all: true })` gives them). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface NodeFetcherOptions extends PolicyFetcherOptions {
  /** Replaces DNS (tests: names that resolve to private addresses, rebinding resolvers). */
  resolve?: Resolver;
  /** Time allowed to connect and finish the TLS handshake; the overall timeout still applies. */
  connectTimeoutMs?: number;
  /**
   * Tests only: trust this CA certificate (PEM) for a self-signed local peer. The entries never
   * set it and nothing reads it from the environment; certificate checks are never turned off.
   */
  ca?: string;
}

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// TLS failures, as Node reports them: the peer is reached but not trusted, or speaks no TLS.
const CERT_CODES = /^(ERR_TLS_CERT|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|HOSTNAME_MISMATCH)/;
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|EPROTO$)/;

/** A lookup that answers with the one checked address, whatever it is asked. */
function pinned(address: string, family: number): LookupFunction {
  return (_hostname, options, callback) => {
    // Node 20 connects with autoSelectFamily, which asks for all addresses at once.
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

async function addressFor(target: Target, resolve: Resolver): Promise<{ address: string; family: number }> {
  const host = target.url.hostname;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  const literal = isIP(bare);
  // A literal was judged by the URL policy already (or is allow-listed): nothing to resolve.
  if (literal) return { address: bare, family: literal };
  const name = bare.replace(/\.$/, '');
  let addresses: { address: string; family: number }[] = [];
  try {
    addresses = await resolve(name);
  } catch {
    // Left empty: reported exactly like a private answer (no oracle for internal DNS names).
  }
  if (!target.allowListed) {
    const problem = resolvedProblem(
      name,
      addresses.map((a) => a.address),
    );
    if (problem) throw notFetched(problem);
  }
  const first = addresses[0];
  if (!first) throw notFetched(resolvedProblem(name, [])!);
  return first;
}

function nodeTransport(options: NodeFetcherOptions): Transport {
  const resolve = options.resolve ?? systemResolver;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  return async (target, { headers, signal }) => {
    const { address, family } = await addressFor(target, resolve);
    const host = target.url.hostname.startsWith('[') ? target.url.hostname.slice(1, -1) : target.url.hostname;
    const named = !isIP(host);
    const req: RequestOptions = {
      method: 'GET',
      host,
      port: target.url.port || 443,
      path: `${target.url.pathname}${target.url.search}`,
      headers,
      signal,
      agent: false, // one connection per fetch: a pooled socket could outlive its address check
      family,
      lookup: pinned(address, family),
      ...(named ? { servername: host.replace(/\.$/, '') } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
    };
    return new Promise<RawResponse>((resolvePromise, reject) => {
      const outgoing = request(req, (res) => {
        // Read (readCapped) or destroyed (discard) at once; a late abort must not go unhandled.
        res.on('error', () => {});
        resolvePromise({
          status: res.statusCode ?? 0,
          header: (name) => {
            const v = res.headers[name.toLowerCase()];
            return Array.isArray(v) ? v.join(', ') : (v ?? null);
          },
          body: res,
          discard: () => res.destroy(),
        });
      });
      outgoing.on('socket', (socket) => {
        const timer = setTimeout(() => outgoing.destroy(new TransportFailure(`could not connect within ${connectTimeoutMs} ms`)), connectTimeoutMs);
        socket.once('secureConnect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof TransportFailure) reject(error);
        else if (CERT_CODES.test(error.code ?? '')) reject(new TransportFailure('its TLS certificate was not accepted'));
        else if (TLS_CODES.test(error.code ?? '')) reject(new TransportFailure('the TLS handshake failed'));
        else reject(new TransportFailure('could not connect'));
      });
      outgoing.end();
    });
  };
}

/** The Node fetcher: the one outbound policy, with resolved addresses checked and pinned. */
export function createNodeFetcher(options: NodeFetcherOptions = {}): Fetcher {
  return createPolicyFetcher(nodeTransport(options), options);
}
