// A credential's QR code (SVG, PNG) and its printable certificate page.
//
// Who may fetch them: anyone who knows the id, when the id is a random UUID (`urn:uuid:` v4, the
// ids this service mints: 122 random bits, so nobody can enumerate certificates by guessing).
// The page shows exactly what the QR code printed on the certificate holds, and the QR code holds
// the id, so knowing the id already means having seen the certificate. Any other id (chosen by
// the issuer through the VC API, maybe guessable like `urn:example:1`) needs the issuing
// issuer's API key or the admin token. Unknown ids and other issuers' credentials answer 404.
import { Hono, type Context } from 'hono';
import type { JsonObject } from '../credentials/data-integrity.js';
import { parseVcJwt, unwrapEnvelope } from '../credentials/jwt.js';
import { SkillcredError } from '../errors.js';
import { qrTextFor, renderQrPng, renderQrSvg } from '../qr/index.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import { requireAuth } from './auth.js';
import { certificateHtml } from './certificate-html.js';
import { certificateView, type ChineseScript } from './certificate-view.js';
import type { AppEnv } from './env.js';
import { credentialIdFromPath } from './vc-api.js';

const RANDOM_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_ID_CHARS = 512;

/** True when the id is unguessable enough to serve its QR code and certificate without a key. */
export function isPublicCredentialId(id: string): boolean {
  return RANDOM_UUID.test(id);
}

function bad(pointer: string, detail: string): SkillcredError {
  return new SkillcredError('MALFORMED_VALUE', `${pointer}: ${detail}`, { status: 400, errors: [{ pointer, detail }] });
}

/** The credential record behind `/:id/…`, if the caller may see it. */
async function viewable(c: Context<AppEnv>): Promise<{ record: CredentialRecord; credential: JsonObject; isPublic: boolean }> {
  let id: string;
  try {
    id = credentialIdFromPath(c.req.param('id') ?? '');
  } catch {
    throw bad('path:id', 'is not a valid percent-encoded credential id');
  }
  if (id.length === 0 || id.length > MAX_ID_CHARS || /[\u0000-\u001f\u007f\s]/.test(id)) {
    throw bad('path:id', `must be a credential id of 1-${MAX_ID_CHARS} visible characters`);
  }
  const isPublic = isPublicCredentialId(id);
  if (!isPublic) await requireAuth('issuer', 'admin')(c, async () => {});
  const record = await c.var.services.ports.store.getCredential(id);
  const principal = isPublic ? undefined : c.var.principal;
  if (!record || (principal?.kind === 'issuer' && record.issuerId !== principal.issuerId)) {
    throw new SkillcredError('NOT_FOUND', `no credential ${id}${isPublic ? '' : ' issued by you'}`);
  }
  const stored = JSON.parse(record.document) as JsonObject;
  // A vc+jwt credential is stored as its envelope; the fields to print are inside the JWT.
  const jwt = unwrapEnvelope(stored);
  return { record, credential: jwt === undefined ? stored : parseVcJwt(jwt).credential, isPublic };
}

/** Public ids are cacheable by anyone; others are the issuer's business only. */
function cacheHeaders(isPublic: boolean, maxAge: number): Record<string, string> {
  return {
    'cache-control': isPublic ? `public, max-age=${maxAge}` : 'private, no-store',
    'x-robots-tag': 'noindex',
    'referrer-policy': 'no-referrer',
  };
}

async function qrText(c: Context<AppEnv>, record: CredentialRecord): Promise<string> {
  // The stored document (envelope for vc+jwt) is what the holder has; too big for the budget,
  // it falls back to a link with the id, which the verify page checks online.
  return (await qrTextFor(c.var.services.ports.config.publicUrl, JSON.parse(record.document) as object, { credentialId: record.id })).text;
}

function fileStem(record: CredentialRecord): string {
  return (record.certificateNumber ?? record.id.replace(/^urn:uuid:/, '')).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** GET /credentials/{id}/qr.svg, /qr.png and /certificate. */
export function credentialViewRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/qr.svg', async (c) => {
    const { record, isPublic } = await viewable(c);
    const svg = renderQrSvg(await qrText(c, record));
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-disposition': `inline; filename="${fileStem(record)}-qr.svg"`,
      ...cacheHeaders(isPublic, 86_400),
    });
  });

  app.get('/:id/qr.png', async (c) => {
    const raw = c.req.query('scale');
    if (raw !== undefined && !/^([1-9]|[12]\d|3[0-2])$/.test(raw)) throw bad('query:scale', 'must be a whole number of pixels per module, 1-32');
    const { record, isPublic } = await viewable(c);
    const png = renderQrPng(await qrText(c, record), { scale: raw === undefined ? 8 : Number(raw) });
    return c.body(png as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'image/png',
      'content-disposition': `inline; filename="${fileStem(record)}-qr.png"`,
      ...cacheHeaders(isPublic, 86_400),
    });
  });

  app.get('/:id/certificate', async (c) => {
    const lang = c.req.query('lang') ?? 'zh-Hans';
    if (lang !== 'zh-Hans' && lang !== 'zh-Hant') throw bad('query:lang', 'must be zh-Hans or zh-Hant (English is always printed beside it)');
    const { record, credential, isPublic } = await viewable(c);
    const view = certificateView(credential, lang as ChineseScript);
    if (!view) throw new SkillcredError('NOT_FOUND', `credential ${record.id} is not a skill certificate: it has no certificate page`);
    const bits = await c.var.services.ports.store.getStatusEntries(record.id);
    const set = (purpose: string) => bits.some((b) => b.purpose === purpose && b.value);
    const { publicUrl } = c.var.services.ports.config;
    const html = certificateHtml({
      view,
      script: lang as ChineseScript,
      qrSvg: renderQrSvg(await qrText(c, record)),
      verifyUrl: `${publicUrl}/v`,
      withdrawn: set('revocation') ? 'revoked' : set('suspension') ? 'suspended' : null,
    });
    return c.body(html, 200, {
      'content-type': 'text/html; charset=utf-8',
      // Status can change at any time: the withdrawn banner must not be cached away.
      ...cacheHeaders(isPublic, 0),
      'cache-control': isPublic ? 'no-cache' : 'private, no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });

  return app;
}
