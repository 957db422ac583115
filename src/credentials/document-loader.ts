import { message, SkillcredError } from '../errors.js';
import { bundledContexts } from './contexts.js';

/** The jsonld.js document loader shape. */
export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: object; tag?: 'static' }>;

/**
 * The offline document loader: answers bundled contexts and throws UNKNOWN_CONTEXT for anything
 * else at once. It never touches the network.
 */
export function createDocumentLoader(extra: ReadonlyMap<string, object> = new Map()): DocumentLoader {
  return async (url: string) => {
    const document = bundledContexts.get(url) ?? extra.get(url);
    if (!document) {
      throw new SkillcredError('UNKNOWN_CONTEXT', message('context.unknown', { url }));
    }
    // `tag: 'static'` lets jsonld.js keep the resolved context across calls (bundled contexts never
    // change); without it every canonicalization re-processed all three contexts of a certificate.
    return { contextUrl: null, documentUrl: url, document, tag: 'static' };
  };
}

/** The shared offline loader for the bundled contexts. */
export const documentLoader: DocumentLoader = createDocumentLoader();
