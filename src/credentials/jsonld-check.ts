import jsonld from 'jsonld';
import './jsonld-speedup.js';
import { canonicalizationError } from './data-integrity.js';
import type { DocumentLoader } from './document-loader.js';

/**
 * Expands a document in JSON-LD safe mode so that every term must be defined by its contexts.
 * RDFC signing does this by itself; JCS and JWT would sign undefined terms silently.
 */
export async function assertTermsDefined(doc: Record<string, unknown>, documentLoader: DocumentLoader): Promise<void> {
  try {
    await jsonld.expand(doc, { documentLoader, safe: true, base: null });
  } catch (error) {
    throw canonicalizationError(error);
  }
}
