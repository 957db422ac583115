import { serve, type ServerType } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** After an answer given before the request body was read, how much more of it is read (and dropped). */
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 1000;

/**
 * Once an answer is sent before its request's body was read (a 401 from the headers, a 413 from
 * Content-Length, a 404), reads and drops at most LINGER_BYTES more for at most LINGER_MS so an
 * honest client still sees the answer, then closes the connection: an anonymous client cannot
 * make the server read (or buffer) an upload it refused. Node's own default reads it all.
 */
function lingerOnUnreadBody(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    if (req.readableEnded || req.method === 'GET' || req.method === 'HEAD') return;
    const socket: Socket = req.socket;
    const budget = socket.bytesRead + LINGER_BYTES;
    const overBudget = () => {
      if (socket.bytesRead > budget) socket.destroy();
    };
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.on('data', overBudget);
    const settle = () => {
      clearTimeout(timer);
      socket.off('data', overBudget);
    };
    req.once('end', settle);
    socket.once('close', settle);
    req.resume();
  });
}

/** Serves a fetch handler over HTTP/1.1 on Node, with the bounded handling of unread bodies above. */
export function serveHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  where: { port: number; hostname: string },
  onListening: (port: number) => void,
): ServerType {
  const server = serve({ fetch, port: where.port, hostname: where.hostname, autoCleanupIncoming: false }, (info) => onListening(info.port));
  server.prependListener('request', lingerOnUnreadBody);
  return server;
}
