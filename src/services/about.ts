import { bundledContexts, SKILLCRED_CONTEXT_V1 } from '../credentials/contexts.js';
import type { Config } from '../config.js';
import { openApiDocument } from '../openapi/document.js';

/** What the service says about itself: its API description and its JSON-LD context. */
export class AboutService {
  constructor(private readonly deps: { config: Pick<Config, 'publicUrl'> }) {}

  /** The OpenAPI 3.1 description, with this deployment's server URL. */
  openApi(): Record<string, unknown> {
    return openApiDocument(this.deps.config.publicUrl);
  }

  /** Our JSON-LD context (https://w3id.org/skillcred/v1), exactly as bundled. */
  context(): unknown {
    return bundledContexts.get(SKILLCRED_CONTEXT_V1);
  }
}
