// What the service remembers of a credential it issued.

export interface CredentialRecord {
  id: string;
  issuerId: string;
  kind: string;
  holderHash: string | null;
  certificateNumber: string | null;
  assessmentId: string | null;
  issuedAt: string;
  validFrom: string | null;
  format: string;
  /** The signed credential exactly as returned to the issuer (JSON text). */
  document: string;
}
