// The parse step's first half: whatever was scanned, pasted or posted, as one credential (or why not).
import { checkBudget } from '../credentials/budget.js';
import type { JsonObject } from '../credentials/data-integrity.js';
import { proofsOf } from '../credentials/proof-set.js';
import { parseVcJwt, unwrapEnvelope, type ParsedVcJwt } from '../credentials/jwt.js';
import type { Params } from '../i18n/format.js';
import type { ProblemCode } from './messages.js';
import { stepProblem, type StepProblem } from './result.js';
import type { QrDecoder, VerifierDeps } from './verify-options.js';

/** A credential in one of the forms we accept, normalised. */
export type Input =
  | { kind: 'di'; credential: JsonObject }
  | { kind: 'jwt'; credential: JsonObject; jwt: ParsedVcJwt }
  | { kind: 'error'; problem: StepProblem };

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const DATA_URL_JWT = /^data:application\/(vc\+jwt|jwt),/;

/** Reads a credential given as an object, an enveloped VC-JWT, a JWT, a QR payload or link, or JSON text. */
export async function readInput(raw: unknown, deps: Pick<VerifierDeps, 'qr' | 'lookup'>): Promise<Input> {
  const err = (code: ProblemCode, params: Params = {}): Input => ({ kind: 'error', problem: stepProblem('parse', code, params) });
  let value = raw;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.length === 0) return err('empty');
    if (text.startsWith('{')) {
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        return err('not-json');
      }
    } else if (DATA_URL_JWT.test(text) || JWT.test(text)) {
      // A bare JWT: vc+jwt (VC 2.0) or jwt_vc_json (VC 1.1), told apart by its header and claims.
      return jwtInput(text.replace(DATA_URL_JWT, ''), 'the JWT');
    } else if (deps.qr) {
      let decoded: Awaited<ReturnType<QrDecoder['decode']>>;
      try {
        decoded = await deps.qr.decode(text);
      } catch (error) {
        return err('bad-qr', { reason: (error as Error).message });
      }
      if (!decoded) return err('unrecognised-text');
      if ('credentialId' in decoded) {
        const found = deps.lookup ? await deps.lookup(decoded.credentialId) : null;
        if (!found) return err('unknown-credential', { id: decoded.credentialId });
        value = found;
      } else value = decoded.credential;
    } else {
      return err('unrecognised-text');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err('not-an-object', { type: value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value });
  }
  const jwtText = unwrapEnvelope(value);
  if (jwtText !== undefined) return jwtInput(jwtText, 'the enveloped VC-JWT');
  return { kind: 'di', credential: value as JsonObject };
}

function jwtInput(text: string, what: string): Input {
  try {
    const jwt = parseVcJwt(text);
    return { kind: 'jwt', credential: jwt.credential, jwt };
  } catch (error) {
    return { kind: 'error', problem: stepProblem('parse', 'bad-jwt', { form: what, reason: (error as Error).message }) };
  }
}

/** The parse step's CPU budget (src/credentials/budget.ts): a credential over it is unreadable, naming the rule. */
export function budgeted(input: Input): Input {
  if (input.kind === 'error') return input;
  const over = checkBudget(input.credential);
  return over ? { kind: 'error', problem: stepProblem('parse', over.rule, over.params) } : input;
}

/** The proof formats of a Data Integrity credential, as the summary names them. */
export function formatOf(credential: JsonObject): string {
  const proofs = proofsOf(credential);
  return proofs.map((p) => String(p.cryptosuite ?? p.type)).join('+') || 'none';
}
