// The /docs page: Swagger UI (swagger-ui-dist, served from this origin's /assets/docs/) renders
// this service's own /openapi.json. No validator badge (it would call validator.swagger.io), no
// URL bar (BaseLayout): the page reads nothing but this origin.

interface SwaggerUIOptions {
  url: string;
  dom_id: string;
  layout: string;
  deepLinking: boolean;
  validatorUrl: null;
  docExpansion: 'list' | 'full' | 'none';
  defaultModelsExpandDepth: number;
  defaultModelExpandDepth: number;
  displayRequestDuration: boolean;
  tryItOutEnabled: boolean;
  filter: boolean;
  withCredentials: boolean;
}

declare global {
  interface Window {
    SwaggerUIBundle?: (options: SwaggerUIOptions) => unknown;
  }
}

const target = document.getElementById('api')!;
const render = window.SwaggerUIBundle;
if (render) {
  render({
    url: new URL('openapi.json', new URL('.', location.href)).href,
    dom_id: '#api',
    layout: 'BaseLayout',
    deepLinking: true,
    validatorUrl: null,
    docExpansion: 'list',
    // the schemas are shown with each operation; the long list at the end only repeats them
    defaultModelsExpandDepth: -1,
    defaultModelExpandDepth: 2,
    displayRequestDuration: true,
    tryItOutEnabled: false,
    filter: true,
    withCredentials: false,
  });
  document.body.dataset.ready = 'true';
} else {
  target.textContent = 'The API reference could not load; read /openapi.json instead.';
}
