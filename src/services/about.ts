import { SKILLCRED_CONTEXT_V1 } from '../credentials/contexts.js';
import { servedContextBytes } from '../credentials/related-resource.js';
import type { Config } from '../config.js';
import { openApiDocument } from '../openapi/document.js';

/** What the service says about itself: its API description and its JSON-LD context. */
export class AboutService {
  constructor(private readonly deps: { config: Pick<Config, 'publicUrl'> }) {}

  /** The OpenAPI 3.1 description, with this deployment's server URL. */
  openApi(): Record<string, unknown> {
    return openApiDocument(this.deps.config.publicUrl);
  }

  /** Our JSON-LD context (https://w3id.org/skillcred/v1): the exact bytes its published digest covers. */
  contextBytes(): Uint8Array<ArrayBuffer> {
    return servedContextBytes(SKILLCRED_CONTEXT_V1) as Uint8Array<ArrayBuffer>;
  }
}
