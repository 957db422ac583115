import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { OPERATIONS } from '../openapi/document.js';
import type { AppEnv } from './env.js';
import { json } from './http.js';

/** GET /openapi.json and a readable /docs page built from the same description. */
export function openApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/openapi.json', (c) => {
    c.header('access-control-allow-origin', '*');
    return json(c, c.var.services.about.openApi());
  });
  app.get('/docs', (c) => {
    const groups = new Map<string, typeof OPERATIONS[number][]>();
    for (const op of OPERATIONS) groups.set(op.tag, [...(groups.get(op.tag) ?? []), op]);
    const sections = [...groups].map(
      ([tag, ops]) => html`<h2>${tag}</h2>
        <table>
          ${ops.map(
            (op) => html`<tr>
              <td><code class="m ${op.method}">${op.method.toUpperCase()}</code></td>
              <td><code>${op.path}</code></td>
              <td>${op.summary}</td>
              <td class="auth">${op.auth}</td>
              <td>${typeof op.body === 'string' ? html`<a href="/openapi.json">${op.body}</a>` : ''}</td>
            </tr>`,
          )}
        </table>`,
    );
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>skillcred API</title>
          <style>
            body { font: 15px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1f23; }
            table { border-collapse: collapse; width: 100%; } td { border-bottom: 1px solid #e3e6ea; padding: .4rem .5rem; vertical-align: top; }
            code { font-size: .9em; } .m { font-weight: 700; } .get { color: #116329; } .post { color: #0b4ea2; } .delete { color: #a40e26; }
            .auth { color: #57606a; white-space: nowrap; }
          </style>
        </head>
        <body>
          <h1>skillcred API</h1>
          <p>The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Request bodies use the JSON Schemas listed there; every error is <code>application/problem+json</code>.</p>
          ${raw(sections.join(''))}
        </body>
      </html>`);
  });
  return app;
}
