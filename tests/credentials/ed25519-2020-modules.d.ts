// Only what tests/credentials/stock-2020.ts uses of the untyped Ed25519Signature2020 packages.
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options: { key?: unknown; date?: Date | string });
  }
}
declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static generate(options?: { seed?: Uint8Array; id?: string; controller?: string }): Promise<Ed25519VerificationKey2020>;
    static from(options: Record<string, unknown>): Promise<Ed25519VerificationKey2020>;
    id: string;
    controller: string;
    publicKeyMultibase: string;
    privateKeyMultibase: string;
    fingerprint(): string;
    export(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  }
}
