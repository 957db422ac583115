import type { OrgKind } from './issuer.js';

/** A skill level certificate number: `[YS]` + 21 digits. */
const SKILL_LEVEL_NUMBER = /^[YS]\d{21}$/;

/** The parts of a skill level certificate number. */
export interface CertificateNumberParts {
  orgKind: OrgKind;
  nationalOrgCode: string;
  province: string;
  orgSequence: string;
  year: string;
  gradeDigit: number;
  serial: string;
}

/** Splits a 22-character skill level certificate number; undefined if it is not one. */
export function parseCertificateNumber(value: string): CertificateNumberParts | undefined {
  if (!SKILL_LEVEL_NUMBER.test(value)) return undefined;
  return {
    orgKind: value[0] as OrgKind,
    nationalOrgCode: value.slice(1, 5),
    province: value.slice(5, 7),
    orgSequence: value.slice(7, 13),
    year: value.slice(13, 15),
    gradeDigit: Number(value[15]),
    serial: value.slice(16, 22),
  };
}
