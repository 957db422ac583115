import accreditation from '../../schemas/api/accreditation-request.json' with { type: 'json' };
import assessment from '../../schemas/api/assessment-request.json' with { type: 'json' };
import batch from '../../schemas/api/batch-request.json' with { type: 'json' };
import batchVerify from '../../schemas/api/batch-verify-request.json' with { type: 'json' };
import bulkStatus from '../../schemas/api/bulk-status-request.json' with { type: 'json' };
import certificateParts from '../../schemas/api/certificate-parts.json' with { type: 'json' };
import certificate from '../../schemas/api/certificate-request.json' with { type: 'json' };
import compromise from '../../schemas/api/compromise-request.json' with { type: 'json' };
import exit from '../../schemas/api/exit-request.json' with { type: 'json' };
import issue from '../../schemas/api/issue-request.json' with { type: 'json' };
import issuer from '../../schemas/api/issuer-request.json' with { type: 'json' };
import keyRotation from '../../schemas/api/key-rotation-request.json' with { type: 'json' };
import lookup from '../../schemas/api/lookup-request.json' with { type: 'json' };
import localizedText from '../../schemas/api/localized-text.json' with { type: 'json' };
import partner from '../../schemas/api/partner-request.json' with { type: 'json' };
import pepperRotation from '../../schemas/api/pepper-rotation-request.json' with { type: 'json' };
import recognition from '../../schemas/api/recognition-request.json' with { type: 'json' };
import statusChange from '../../schemas/api/status-change-request.json' with { type: 'json' };
import vcStatus from '../../schemas/api/vc-status-request.json' with { type: 'json' };

/** The same JSON Schemas the request validators are compiled from (schemas/api/*.json). */
export const API_SCHEMAS: readonly Record<string, unknown>[] = [
  accreditation,
  assessment,
  batch,
  batchVerify,
  bulkStatus,
  certificateParts,
  certificate,
  compromise,
  exit,
  issue,
  issuer,
  keyRotation,
  localizedText,
  lookup,
  partner,
  pepperRotation,
  recognition,
  statusChange,
  vcStatus,
];
