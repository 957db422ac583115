import { SkillcredError } from '../errors.js';

/** Why a scanned or pasted QR text could not be read; the verify page maps every one to "unreadable". */
export type QrProblem =
  | 'empty'
  | 'not-base32'
  | 'lower-case'
  | 'too-long'
  | 'truncated'
  | 'unsupported-version'
  | 'corrupt'
  | 'too-large'
  | 'not-a-credential'
  | 'not-a-qr-url';

/** A QR payload or QR text that is not one this service wrote. A 422 MALFORMED_VALUE. */
export class QrPayloadError extends SkillcredError {
  readonly problem: QrProblem;

  constructor(problem: QrProblem, detail: string, cause?: unknown) {
    super('MALFORMED_VALUE', `QR payload: ${detail}`, {
      errors: [{ pointer: '/payload', detail }],
      ...(cause === undefined ? {} : { cause }),
    });
    this.name = 'QrPayloadError';
    this.problem = problem;
  }
}
