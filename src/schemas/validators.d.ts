// Types of the generated standalone validators (src/schemas/validators.js).
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
export interface Validator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
export const validateCertificateRequest: Validator;
export const validateAssessmentRequest: Validator;
export const validateIssuerRequest: Validator;
export const validateIssueRequest: Validator;
export const validateStatusChangeRequest: Validator;
export const validateVcStatusRequest: Validator;
export const validateBulkStatusRequest: Validator;
export const validateKeyRotationRequest: Validator;
export const validateAccreditationRequest: Validator;
export const validateExitRequest: Validator;
export const validateCompromiseRequest: Validator;
export const validatePartnerRequest: Validator;
export const validateRecognitionRequest: Validator;
export const validateBatchVerifyRequest: Validator;
