// Issued credentials as their issuers and holders see them: the VC API's GET, the QR code and the
// printable certificate.
//
// Who may see them: anyone who knows the id, when the id is a random UUID (`urn:uuid:` v4, the
// ids this service mints: 122 random bits, so nobody can enumerate certificates by guessing).
// The QR code printed on the certificate holds the id, so knowing it means having seen the
// certificate. Any other id (chosen by the issuer through the VC API, maybe guessable like
// `urn:example:1`) needs the issuing issuer's API key or the admin token. Unknown ids and other
// issuers' credentials answer 404 alike.
import type { JsonObject } from '../credentials/data-integrity.js';
import { parseVcJwt, unwrapEnvelope } from '../credentials/jwt.js';
import type { CredentialRecord } from '../domain/credential-record.js';
import type { Principal } from '../domain/principal.js';
import { message, SkillcredError } from '../errors.js';
import type { Config } from '../config.js';
import { renderQrPng, renderQrSvg } from '../qr/index.js';
import type { Store } from '../store/store.js';
import { certificateHtml } from '../views/certificate-html.js';
import { certificateView, type ChineseScript } from '../views/certificate-view.js';
import { allow, owns } from './access.js';
import { qrTextOf } from './qr-text.js';
import type { SignedCredential } from './record-issuance.js';

const RANDOM_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BARE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ID_CHARS = 512;

/** True when the id is unguessable enough to serve its QR code and certificate without a key. */
export function isPublicCredentialId(id: string): boolean {
  return RANDOM_UUID.test(id);
}

/**
 * A credential id as a path gave it (already percent-decoded once by the router: never decode
 * again): a bare UUID means `urn:uuid:<uuid>`. 400 for what cannot be an id.
 */
export function credentialId(raw: string): string {
  if (raw.length === 0 || raw.length > MAX_ID_CHARS || /[\u0000-\u001f\u007f\s]/.test(raw)) {
    throw new SkillcredError(
      'MALFORMED_VALUE',
      { fields: ': ' },
      {
        status: 400,
        errors: [{ pointer: 'path:id', key: 'field.credential-id', params: { max: MAX_ID_CHARS } }],
      },
    );
  }
  return BARE_UUID.test(raw) ? `urn:uuid:${raw.toLowerCase()}` : raw;
}

/** A rendered view of a credential, and whether anyone may cache it. */
export interface CredentialFile {
  body: string | Uint8Array;
  contentType: string;
  filename?: string;
  isPublic: boolean;
}

export interface CredentialViewDeps {
  store: Store;
  config: Pick<Config, 'publicUrl'>;
}

/** Reading issued credentials: the stored document, its QR code and its printable certificate. */
export class CredentialService {
  constructor(private readonly deps: CredentialViewDeps) {}

  /** The VC API's GET /credentials/{id}: the issuer's own credential, or any for the admin. */
  async get(principal: Principal | undefined, rawId: string): Promise<{ verifiableCredential: unknown }> {
    const caller = allow(principal, ['issuer', 'admin'], 'reading a credential');
    const id = credentialId(rawId);
    const record = await this.deps.store.getCredential(id);
    if (!record || !owns(caller, record.issuerId)) throw new SkillcredError('NOT_FOUND', message('not-found.own-credential', { id }));
    return { verifiableCredential: JSON.parse(record.document) as unknown };
  }

  /** The credential's QR code as SVG or PNG (`scale` pixels a module). */
  async qr(principal: Principal | undefined, rawId: string, format: 'svg' | 'png', scale = 8): Promise<CredentialFile> {
    const { record, isPublic } = await this.viewable(principal, rawId);
    const text = await this.qrText(record);
    const stem = fileStem(record);
    return format === 'svg'
      ? { body: renderQrSvg(text), contentType: 'image/svg+xml; charset=utf-8', filename: `${stem}-qr.svg`, isPublic }
      : { body: renderQrPng(text, { scale }), contentType: 'image/png', filename: `${stem}-qr.png`, isPublic };
  }

  /** The printable A4 certificate (HTML) in the given Chinese script, stamped when withdrawn. */
  async certificatePage(principal: Principal | undefined, rawId: string, script: ChineseScript): Promise<CredentialFile> {
    const { record, credential, isPublic } = await this.viewable(principal, rawId);
    const view = certificateView(credential, script, record.issuedAt);
    if (!view) throw new SkillcredError('NOT_FOUND', message('not-found.certificate-page', { id: record.id }));
    const bits = await this.deps.store.getStatusEntries(record.id);
    const set = (purpose: string) => bits.some((b) => b.purpose === purpose && b.value);
    const html = certificateHtml({
      view,
      script,
      qrSvg: renderQrSvg(await this.qrText(record)),
      verifyUrl: `${this.deps.config.publicUrl}/v`,
      withdrawn: set('revocation') ? 'revoked' : set('suspension') ? 'suspended' : null,
    });
    return { body: html, contentType: 'text/html; charset=utf-8', isPublic };
  }

  /** The record behind an id, if the caller may see it. */
  private async viewable(principal: Principal | undefined, rawId: string): Promise<{ record: CredentialRecord; credential: JsonObject; isPublic: boolean }> {
    const id = credentialId(rawId);
    const isPublic = isPublicCredentialId(id);
    const caller = isPublic ? undefined : allow(principal, ['issuer', 'admin'], `reading credential ${id} (not a random urn:uuid id)`);
    const record = await this.deps.store.getCredential(id);
    if (!record || (caller && !owns(caller, record.issuerId))) {
      throw new SkillcredError('NOT_FOUND', message(isPublic ? 'not-found.credential' : 'not-found.own-credential', { id }));
    }
    const stored = JSON.parse(record.document) as SignedCredential;
    // vc+jwt is stored as its envelope, jwt_vc_json as the JWT itself; the fields to print are inside.
    const jwt = typeof stored === 'string' ? stored : unwrapEnvelope(stored);
    return { record, credential: jwt === undefined ? (stored as JsonObject) : parseVcJwt(jwt).credential, isPublic };
  }

  private async qrText(record: CredentialRecord): Promise<string> {
    // The stored document (envelope for vc+jwt) is what the holder has; too big for the budget,
    // it falls back to a link with the id, which the verify page checks online.
    return (await qrTextOf(this.deps.config.publicUrl, JSON.parse(record.document) as SignedCredential, record.id)).text;
  }
}

function fileStem(record: CredentialRecord): string {
  return (record.certificateNumber ?? record.id.replace(/^urn:uuid:/, '')).replace(/[^A-Za-z0-9_-]/g, '_');
}
