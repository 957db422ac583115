import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Assets } from '../../ports.js';

/**
 * public/ from the file system, through @hono/node-server's static file server (precompressed
 * .br/.gz copies made by `npm run build:page`, path traversal refused, conditional requests).
 */
export function nodeAssets(root: string): Assets {
  const files = new Hono();
  files.use('*', serveStatic({ root, precompressed: true }));
  return {
    async serve(path, request) {
      const url = new URL(request.url);
      url.pathname = path;
      const res = await files.fetch(new Request(url, { method: request.method === 'HEAD' ? 'HEAD' : 'GET', headers: request.headers }));
      return res.status === 404 ? null : res;
    },
  };
}
