import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { SkillcredError } from '../../src/errors.js';
import { addressProblem } from '../../src/fetch/address.js';
import { parseAllowHosts } from '../../src/fetch/allow-list.js';
import { checkRedirect, checkUrl, resolvedProblem } from '../../src/fetch/policy.js';

describe('addressProblem: only public unicast passes', () => {
  const refused: [string, RegExp][] = [
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.0.1', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /CGNAT/],
    ['100.127.255.255', /CGNAT/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['0.0.0.0', /unspecified/],
    ['0.1.2.3', /unspecified/],
    ['255.255.255.255', /broadcast/],
    ['192.0.0.8', /reserved/],
    ['192.0.2.1', /reserved/],
    ['198.51.100.1', /reserved/],
    ['203.0.113.1', /reserved/],
    ['198.18.0.1', /reserved/],
    ['240.0.0.1', /reserved/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /scoped/],
    ['fc00::1', /unique-local/],
    ['fd12:3456::1', /unique-local/],
    ['ff02::1', /multicast/],
    ['fec0::1', /site-local/],
    ['::ffff:127.0.0.1', /form of 127\.0\.0\.1, a loopback/],
    ['::ffff:10.1.2.3', /form of 10\.1\.2\.3, a private/],
    ['::ffff:a01:203', /form of 10\.1\.2\.3, a private/],
    ['::127.0.0.1', /not a global unicast/], // IPv4-compatible (deprecated)
    ['::8.8.8.8', /not a global unicast/],
    ['::ffff:0:7f00:1', /reserved/], // RFC 6145 translated
    ['64:ff9b::7f00:1', /form of 127\.0\.0\.1/], // NAT64
    ['64:ff9b::c0a8:101', /form of 192\.168\.1\.1/],
    ['64:ff9b:1::1', /reserved/], // local-use NAT64
    ['2002:7f00:1::1', /form of 127\.0\.0\.1/], // 6to4
    ['2002:c0a8:101::1', /form of 192\.168\.1\.1/],
    ['2001::1', /Teredo/],
    ['2001:db8::1', /reserved/],
    ['100::1', /reserved|global unicast/], // discard-only
    ['4000::1', /not a global unicast/],
    ['example.com', /not an IP address/],
    ['127.1', /not an IP address/], // only dotted quads are read as IPv4 here (the URL parser normalises first)
  ];
  it.each(refused)('%s is refused', (address, reason) => {
    expect(addressProblem(address)).toMatch(reason);
  });
  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450::1',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s passes', (address) => {
    expect(addressProblem(address)).toBeNull();
  });
});

describe('checkUrl: https to a public host, or an allow-listed one', () => {
  const none = new Set<string>();
  it('numeric spellings are judged as the address the URL parser reads', () => {
    for (const host of ['127.1', '2130706433', '0x7f.1', '0x7f000001', '0177.0.0.1', '017700000001', '127.0.1']) {
      const r = checkUrl(`https://${host}/x`, none);
      expect(r.ok ? 'passed' : r.reason, host).toBe('127.0.0.1 is a loopback address');
    }
    expect(checkUrl('https://[::ffff:7f00:1]/', none)).toEqual({ ok: false, reason: '::ffff:7f00:1 is a form of 127.0.0.1, a loopback address' });
  });
  it('local and single-label names are refused before any lookup', () => {
    for (const host of [
      'localhost',
      'LOCALHOST.',
      'a.localhost',
      'printer.local',
      'db.internal',
      'x.home.arpa',
      '1.0.0.127.in-addr.arpa',
      'intranet',
      'metadata',
    ]) {
      const r = checkUrl(`https://${host}/x`, none);
      expect(r.ok, host).toBe(false);
    }
  });
  it('http, other schemes, credentials and garbage are refused', () => {
    expect(checkUrl('http://example.com/', none)).toEqual({ ok: false, reason: 'only https URLs are fetched, not http:' });
    expect(checkUrl('file:///etc/passwd', none).ok).toBe(false);
    expect(checkUrl('https://user:pw@example.com/', none)).toEqual({ ok: false, reason: 'a URL with user credentials is not fetched' });
    expect(checkUrl('not a url', none)).toEqual({ ok: false, reason: '"not a url" is not a URL' });
  });
  it('an allow-listed host:port skips the public-address rule, on that port only', () => {
    const allow = new Set(parseAllowHosts('issuer.corp, 10.1.2.3:8443'));
    expect(checkUrl('https://issuer.corp/x', allow)).toMatchObject({ ok: true, target: { allowListed: true } });
    expect(checkUrl('https://issuer.corp:443/x', allow)).toMatchObject({ ok: true, target: { allowListed: true } });
    expect(checkUrl('https://issuer.corp:8443/x', allow).ok).toBe(false);
    expect(checkUrl('https://10.1.2.3:8443/x', allow)).toMatchObject({ ok: true, target: { allowListed: true } });
    expect(checkUrl('https://10.1.2.3/x', allow).ok).toBe(false);
    expect(checkUrl('http://issuer.corp/x', allow).ok).toBe(false);
    expect(checkUrl('https://example.com/x#frag', allow)).toMatchObject({ ok: true, target: { allowListed: false } });
  });
});

describe('checkRedirect: same-origin https, at most 3', () => {
  const from = new URL('https://issuer.example/a');
  it('follows a relative or same-origin location', () => {
    expect(checkRedirect(from, '/b', 0)).toMatchObject({ ok: true });
    expect(checkRedirect(from, 'https://issuer.example/c#x', 2)).toMatchObject({ ok: true });
  });
  it('refuses other origins, http, credentials, a missing location and a 4th hop, naming none of them', () => {
    for (const location of [
      'http://issuer.example/b',
      'https://issuer.example:8443/b',
      'https://other.example/b',
      'https://u:p@issuer.example/b',
      '//127.0.0.1/b',
      null,
    ]) {
      expect(checkRedirect(from, location, 0), String(location)).toEqual({
        ok: false,
        reason: 'the remote redirected to another origin (only same-origin https redirects are followed)',
      });
    }
    expect(checkRedirect(from, '/b', 3)).toEqual({ ok: false, reason: 'the remote redirected more than 3 times' });
  });
});

describe('resolvedProblem: every address must be public', () => {
  it('one private address among public ones is enough to refuse', () => {
    expect(resolvedProblem('a.example', ['93.184.216.34'])).toBeNull();
    expect(resolvedProblem('a.example', ['93.184.216.34', '10.0.0.1'])).toBe('a.example does not resolve to public addresses only');
    expect(resolvedProblem('a.example', [])).toBe('a.example does not resolve to public addresses only');
  });
});

describe('FETCH_ALLOW_HOSTS in the configuration', () => {
  const base = { PUBLIC_URL: 'https://certs.example.cn' };
  it('is empty by default and normalised to host:port', () => {
    expect(parseConfig(base).fetchAllowHosts).toEqual([]);
    expect(parseConfig({ ...base, FETCH_ALLOW_HOSTS: ' Issuer.Corp , 10.1.2.3:8443,[fd00::1]:9443,issuer.corp:443 ' }).fetchAllowHosts).toEqual([
      'issuer.corp:443',
      '10.1.2.3:8443',
      '[fd00::1]:9443',
    ]);
  });
  it.each(['https://issuer.corp', 'issuer.corp/path', '*.corp', 'user@issuer.corp', 'issuer.corp:0', 'issuer.corp:99999', 'issuer.corp:', 'a b'])(
    'refuses %j with one CONFIG error',
    (entry) => {
      let error: unknown;
      try {
        parseConfig({ ...base, FETCH_ALLOW_HOSTS: `ok.example,${entry}` });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SkillcredError);
      expect((error as SkillcredError).code).toBe('CONFIG');
      expect((error as SkillcredError).message).toContain('FETCH_ALLOW_HOSTS');
      expect((error as SkillcredError).message).toContain(JSON.stringify(entry));
    },
  );
});
