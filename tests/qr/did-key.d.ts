// Only what tests/qr/stock.ts uses of the untyped did:key driver.
declare module '@digitalbazaar/did-method-key' {
  export function driver(): {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: (key: Record<string, unknown>) => Promise<unknown> }): void;
    get(options: { url: string }): Promise<Record<string, unknown>>;
  };
}
