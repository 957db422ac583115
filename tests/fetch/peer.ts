import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resolver } from '../../src/runtime/node/https-fetcher.js';
import { testTls } from './tls.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real local HTTPS server standing in for a remote host; it counts what reaches it. */
export interface Peer {
  port: number;
  /** Also listening on [::1] (the machine has IPv6 loopback). */
  v6: boolean;
  /** TCP connections accepted (on every address it listens on). */
  connections: number;
  /** The TLS server names (SNI) clients asked for, one per handshake. */
  sni: string[];
  /** HTTP requests received, by path. */
  hits: Map<string, number>;
  /** All HTTP requests received. */
  readonly requests: number;
  /** Answers `path` with `handler`; unknown paths get 404. */
  route(path: string, handler: Handler): void;
  /** Answers `path` with JSON. */
  json(path: string, body: unknown, headers?: Record<string, string>): void;
  reset(): void;
  close(): Promise<void>;
}

/** Starts a peer on 127.0.0.1 and, where the machine has IPv6 loopback, on [::1] at the same port. */
export async function startPeer(): Promise<Peer> {
  const { key, cert } = testTls();
  const routes = new Map<string, Handler>();
  const servers: Server[] = [];
  const peer: Peer = {
    port: 0,
    v6: false,
    connections: 0,
    sni: [],
    hits: new Map(),
    get requests() {
      return [...this.hits.values()].reduce((a, b) => a + b, 0);
    },
    route: (path, handler) => void routes.set(path, handler),
    json(path, body, headers = {}) {
      routes.set(path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      });
    },
    reset() {
      peer.connections = 0;
      peer.sni = [];
      peer.hits.clear();
    },
    close: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
  const handler: Handler = (req, res) => {
    const path = req.url ?? '';
    peer.hits.set(path, (peer.hits.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('internal secret 404 page');
  };
  const listen = (host: string, port: number) =>
    new Promise<Server | null>((resolve) => {
      const server = createServer({ key, cert }, handler);
      server.on('connection', () => peer.connections++);
      server.on('secureConnection', (socket) => peer.sni.push(String((socket as { servername?: string | false }).servername || '')));
      server.once('error', () => resolve(null));
      server.listen(port, host, () => resolve(server));
    });
  const v4 = await listen('127.0.0.1', 0);
  if (!v4) throw new Error('cannot listen on 127.0.0.1');
  servers.push(v4);
  peer.port = (v4.address() as AddressInfo).port;
  const v6 = await listen('::1', peer.port);
  if (v6) servers.push(v6);
  peer.v6 = v6 !== null;
  return peer;
}

/** A resolver from a fixed table, counting its calls: unknown names do not resolve. */
export function resolverFor(map: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const addresses = map[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}
