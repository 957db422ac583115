import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { OPERATIONS } from '../openapi/document.js';
import type { Assets } from '../ports.js';
import type { AppEnv } from './env.js';
import { json } from './http.js';

/** The /docs page (public/docs.html): Swagger UI over /openapi.json, every file from this origin. */
const DOCS_PAGE = '/docs.html';
/** Present once `npm run build:page` copied Swagger UI (public/assets/docs/ is git-ignored). */
const DOCS_RENDERER = '/assets/docs/swagger-ui-bundle.js';

const DOCS_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-cache',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** GET /openapi.json and the /docs reference page rendered from it. */
export function openApiRoutes(assets: Assets): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/openapi.json', (c) => {
    c.header('access-control-allow-origin', '*');
    return json(c, c.var.services.about.openApi());
  });
  app.get('/docs', async (c) => {
    const probe = new Request(new URL(DOCS_RENDERER, c.req.url), { method: 'HEAD' });
    const page = (await assets.serve(DOCS_RENDERER, probe)) ? await assets.serve(DOCS_PAGE, c.req.raw) : null;
    if (page) {
      const res = new Response(page.body, page);
      for (const [name, value] of Object.entries(DOCS_HEADERS)) res.headers.set(name, value);
      return res;
    }
    // Not built (or no assets, as in tests): a plain list of the operations, still readable on a phone.
    return c.html(operationList(), 200, { 'cache-control': 'no-cache' });
  });
  return app;
}

function operationList() {
  const groups = new Map<string, (typeof OPERATIONS)[number][]>();
  for (const op of OPERATIONS) groups.set(op.tag, [...(groups.get(op.tag) ?? []), op]);
  const sections = [...groups].map(
    ([tag, ops]) => html`<h2>${tag}</h2>
      <ul>
        ${ops.map(
          (op) => html`<li>
            <code class="m ${op.method}">${op.method.toUpperCase()}</code> <code class="p">${op.path}</code>
            <span>${op.summary}</span> <span class="auth">${op.auth}</span>
          </li>`,
        )}
      </ul>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>skillcred API</title>
        <style>
          body { font: 15px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 1rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1f23; }
          ul { list-style: none; padding: 0; } li { border-bottom: 1px solid #e3e6ea; padding: .4rem 0; overflow-wrap: anywhere; }
          code { font-size: .9em; } .m { font-weight: 700; } .get { color: #116329; } .post { color: #0b4ea2; } .delete { color: #a40e26; }
          .auth { color: #57606a; font-size: .85em; }
        </style>
      </head>
      <body>
        <h1>skillcred API</h1>
        <p>The machine-readable description, with every request schema and example, is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1); <code>npm run build:page</code> makes this page render it in full.</p>
        ${raw(sections.join(''))}
      </body>
    </html>`;
}
