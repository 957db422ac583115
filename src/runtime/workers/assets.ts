import type { Assets } from '../../ports.js';

/** The static assets binding over public/ (wrangler.toml [assets]). */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/** public/ through the Workers static assets binding. */
export function workerAssets(binding: AssetsBinding | undefined): Assets {
  return {
    async serve(path, request) {
      if (!binding) return null;
      const res = await binding.fetch(new Request(new URL(path, request.url), request));
      return res.status === 404 ? null : res;
    },
  };
}
