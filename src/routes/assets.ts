import { Hono, type Context } from 'hono';
import type { Assets } from '../ports.js';
import { VERIFY_PAGE_FILE, VERIFY_PAGE_HEADERS, VERIFY_PAGE_PATHS } from '../verify-page.js';
import type { AppEnv } from './env.js';

/** The verify page at /v and /V (QR codes spell the URL in upper case) and public/ files, through the assets port. */
export function assetRoutes(assets: Assets): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  for (const path of VERIFY_PAGE_PATHS) {
    app.get(path, async (c, next) => {
      const page = await assets.serve(`/${VERIFY_PAGE_FILE}`, c.req.raw);
      if (!page) return next(); // not built: the not-found problem answers
      const res = new Response(page.body, page);
      for (const [name, value] of Object.entries(VERIFY_PAGE_HEADERS)) res.headers.set(name, value);
      return res;
    });
  }

  app.get('*', async (c: Context<AppEnv>, next) => {
    const file = await assets.serve(c.req.path, c.req.raw);
    if (!file) return next();
    const res = new Response(file.body, file);
    // Chunk names carry a content hash; the entry script and styles keep their names.
    if (res.ok && c.req.path.startsWith('/assets/')) {
      res.headers.set('cache-control', c.req.path.startsWith('/assets/chunks/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    return res;
  });

  return app;
}
