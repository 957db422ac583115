import { describe, expect, it } from 'vitest';
import { didWebTarget } from '../../src/credentials/did-web.js';

describe('did:web read as its specification says', () => {
  it.each([
    ['did:web:example.com', 'https://example.com/.well-known/did.json'],
    ['did:web:Example.COM', 'https://example.com/.well-known/did.json'],
    ['did:web:example.com%3A8443', 'https://example.com:8443/.well-known/did.json'],
    ['did:web:example.com%3a8443', 'https://example.com:8443/.well-known/did.json'],
    ['did:web:example.com%3A443:x', 'https://example.com/x/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:certs.example.cn:issuers:dev', 'https://certs.example.cn/issuers/dev/did.json'],
    ['did:web:example.com:a%20b', 'https://example.com/a%20b/did.json'],
    ['did:web:xn--fiqs8s.example:org_1.v2', 'https://xn--fiqs8s.example/org_1.v2/did.json'],
  ])('%s → %s', (did, url) => {
    expect(didWebTarget(did)).toMatchObject({ ok: true, url });
  });

  it.each([
    // path, query or fragment smuggled into the host
    ['did:web:evil.example%2Finternal%2Fadmin', /percent-escape/],
    ['did:web:evil.example%2f', /percent-escape/],
    ['did:web:evil.example%23', /percent-escape/],
    ['did:web:evil.example%3Fx%3D1', /percent-escape/],
    ['did:web:evil.example%3A8443%2Fx', /percent-escape/],
    ['did:web:evil%2Eexample', /percent-escape/],
    // userinfo
    ['did:web:user@evil.example', /userinfo/],
    ['did:web:user%40evil.example', /percent-escape/],
    // IP literals, in every spelling the URL parser reads as one
    ['did:web:127.0.0.1', /IP address/],
    ['did:web:127.0.0.1%3A8443', /IP address/],
    ['did:web:127.1', /IP address/],
    ['did:web:2130706433', /IP address/],
    ['did:web:0x7f.1', /IP address/],
    ['did:web:0177.0.0.1', /IP address/],
    ['did:web:10.0.0.1', /IP address/],
    ['did:web:[::1]', /IP address/],
    ['did:web:%5B::1%5D', /percent-escape/],
    // not domain names
    ['did:web:', /host is empty/],
    ['did:web:%3A8443', /not a domain name/],
    ['did:web:example.com.', /not a domain name/],
    ['did:web:-example.com', /not a domain name/],
    ['did:web:exa_mple.com', /not a domain name/],
    ['did:web:1.2.3.999', /not a domain name/],
    ['did:web:example.com%3A0', /port is out of range/],
    ['did:web:example.com%3A70000', /port is out of range/],
    // path segments
    ['did:web:example.com::x', /empty/],
    ['did:web:example.com:x:', /empty/],
    ['did:web:example.com:..:admin', /\. or \.\./],
    ['did:web:example.com:%2E%2E:admin', /\. or \.\./],
    ['did:web:example.com:.', /\. or \.\./],
    ['did:web:example.com:a%2Fb', /hides/],
    ['did:web:example.com:a%3Fb', /hides/],
    ['did:web:example.com:a%23b', /hides/],
    ['did:web:example.com:a%5Cb', /hides/],
    ['did:web:example.com:a%252F', /hides/],
    ['did:web:example.com:a%00', /hides/],
    ['did:web:example.com:a%FF', /not valid percent-encoded/],
    ['did:web:example.com:a/b', /characters a DID does not allow/],
    ['did:web:example.com:a?b', /characters a DID does not allow/],
    ['did:key:z6Mk', /not a did:web DID/],
  ])('%s is refused', (did, reason) => {
    const r = didWebTarget(did);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
