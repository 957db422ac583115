// Where the verify page lives and how it is served, the same on Node and on Workers.

/** The verify page's paths: QR codes spell the URL in upper case, so `/V` too. */
export const VERIFY_PAGE_PATHS: readonly string[] = ['/v', '/V'];

/** The file under public/ that is the verify page. */
export const VERIFY_PAGE_FILE = 'verify.html';

/** Headers of the verify page: always revalidated, no referrer, camera for scanning only. */
export const VERIFY_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-cache',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(self), microphone=()',
};
