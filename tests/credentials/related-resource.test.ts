import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledContexts, CREDENTIALS_V2, SKILLCRED_CONTEXT_V1 } from '../../src/credentials/contexts.js';
import {
  checkRelatedResources,
  contextDigestSRI,
  contextRelatedResource,
  parseDigestMultibase,
  UPSTREAM_CONTEXT_DIGESTS,
} from '../../src/credentials/related-resource.js';
import { checkCredentialShape, credentialShapeProblems, relatedResourceProblems } from '../../src/credentials/vc-model.js';
import { base58, base64urlnopad } from '@scure/base';
import { bearer, createTestApp, vc2 } from '../helpers/app.js';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const vc = (extra: Record<string, unknown>) => ({
  '@context': [CREDENTIALS_V2],
  type: ['VerifiableCredential'],
  issuer: 'did:example:i',
  credentialSubject: { id: 'did:example:s' },
  ...extra,
});

describe('digests of bundled contexts', () => {
  it('the upstream digest table matches the package files, and each file is our bundled copy', () => {
    expect(UPSTREAM_CONTEXT_DIGESTS.size).toBeGreaterThanOrEqual(9);
    for (const [url, entry] of UPSTREAM_CONTEXT_DIGESTS) {
      const bytes = readFileSync(NODE_MODULES + entry.file);
      expect(JSON.parse(bytes.toString('utf8')), url).toEqual(bundledContexts.get(url));
      for (const alg of ['sha256', 'sha384', 'sha512'] as const) expect(entry[alg], `${url} ${alg}`).toBe(createHash(alg).update(bytes).digest('base64'));
    }
  });

  it('contextDigestSRI is the digest of the bytes GET /skillcred/v1 serves', async () => {
    const t = await createTestApp();
    try {
      const served = Buffer.from(await (await t.app.request('/skillcred/v1')).arrayBuffer());
      expect(await contextDigestSRI(SKILLCRED_CONTEXT_V1)).toBe(`sha384-${createHash('sha384').update(served).digest('base64')}`);
      expect(await contextDigestSRI(SKILLCRED_CONTEXT_V1, 'sha256')).toBe(`sha256-${createHash('sha256').update(served).digest('base64')}`);
    } finally {
      await t.close();
    }
    await expect(contextDigestSRI('https://example.com/ctx')).rejects.toThrow(/not a bundled context/);
  });

  it('checks entries naming bundled contexts: SRI or multibase, ours or the upstream bytes; others are left alone', async () => {
    const ours = await contextRelatedResource();
    expect(ours).toMatchObject({ id: SKILLCRED_CONTEXT_V1, mediaType: 'application/ld+json' });
    expect(await checkRelatedResources(vc({ relatedResource: [ours] }))).toEqual({ ok: true, checked: [SKILLCRED_CONTEXT_V1] });
    const upstream = UPSTREAM_CONTEXT_DIGESTS.get(CREDENTIALS_V2)!;
    const multihash = new Uint8Array([0x12, 0x20, ...Buffer.from(upstream.sha256, 'base64')]);
    const entries = [
      { id: CREDENTIALS_V2, digestSRI: `sha384-${upstream.sha384}` },
      { id: CREDENTIALS_V2, digestMultibase: 'u' + base64urlnopad.encode(multihash) },
      { id: CREDENTIALS_V2, digestMultibase: 'z' + base58.encode(multihash) },
      { id: 'https://example.com/not-bundled.pdf', digestSRI: 'sha256-AAAA' },
    ];
    for (const entry of entries) expect((await checkRelatedResources(vc({ relatedResource: [entry] }))).ok, JSON.stringify(entry)).toBe(true);
    expect(parseDigestMultibase('u' + base64urlnopad.encode(multihash))).toEqual({ alg: 'sha256', value: upstream.sha256 });

    const wrong = await checkRelatedResources(vc({ relatedResource: [{ ...ours, digestSRI: `sha384-${upstream.sha384}` }] }));
    expect(wrong).toMatchObject({ ok: false, id: SKILLCRED_CONTEXT_V1 });
    expect((wrong as { detail: string }).detail).toContain(SKILLCRED_CONTEXT_V1);
    // SRI: the strongest algorithm listed decides (a right sha256 beside a wrong sha512 fails)
    const mixed = `${ours.digestSRI.replace('sha384', 'sha256').split('-')[0]}-${createHash('sha256')
      .update(JSON.stringify(bundledContexts.get(SKILLCRED_CONTEXT_V1)))
      .digest('base64')} sha512-AAAA`;
    expect((await checkRelatedResources(vc({ relatedResource: [{ id: SKILLCRED_CONTEXT_V1, digestSRI: mixed }] }))).ok).toBe(false);
  });
});

describe('data-model checks on issue: credentialSchema and relatedResource name the property', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, '/credential/credentialSchema/id'],
    ['credentialSchema id not a URL', { credentialSchema: { id: 'schema', type: 'JsonSchema' } }, '/credential/credentialSchema/id'],
    ['relatedResource as a string', { relatedResource: ['https://example.com/a'] }, '/credential/relatedResource/0'],
    ['relatedResource without id', { relatedResource: [{ digestSRI: 'sha256-AAAA' }] }, '/credential/relatedResource/0/id'],
    ['relatedResource without a digest', { relatedResource: { id: 'https://example.com/a' } }, '/credential/relatedResource'],
    [
      'relatedResource with a duplicate id',
      {
        relatedResource: [
          { id: 'https://example.com/a', digestSRI: 'sha256-AAAA' },
          { id: 'https://example.com/a', digestSRI: 'sha256-BBBB' },
        ],
      },
      '/credential/relatedResource/1/id',
    ],
    [
      'relatedResource with a malformed digestSRI',
      { relatedResource: [{ id: 'https://example.com/a', digestSRI: 'md5-xyz' }] },
      '/credential/relatedResource/0/digestSRI',
    ],
    [
      'relatedResource with a malformed digestMultibase',
      { relatedResource: [{ id: 'https://example.com/a', digestMultibase: 'not multibase!' }] },
      '/credential/relatedResource/0/digestMultibase',
    ],
  ];
  for (const [name, extra, pointer] of cases) {
    it(name, () => {
      expect(() => checkCredentialShape(vc(extra))).toThrow(pointer);
      const problems = credentialShapeProblems(vc(extra));
      expect(problems.map((p) => p.pointer)).toContain(pointer);
    });
  }
  it('reports every relatedResource fault at once; accepts good entries', () => {
    const problems = relatedResourceProblems(vc({ relatedResource: ['x', { id: 'nope' }] }));
    expect(problems.map((p) => p.pointer)).toEqual(['/credential/relatedResource/0', '/credential/relatedResource/1/id', '/credential/relatedResource/1']);
    expect(
      credentialShapeProblems(
        vc({
          credentialSchema: { id: 'https://example.com/s.json', type: 'JsonSchema' },
          relatedResource: [{ id: 'https://example.com/a', digestSRI: 'sha384-AAAA', mediaType: 'application/pdf' }],
        }),
      ),
    ).toEqual([]);
  });
});

describe('POST /credentials/issue refuses them with problem+json naming the property (through checkCredentialShape)', () => {
  it('422 for a relatedResource without a digest and a credentialSchema without an id; 201 with our context digest', async () => {
    const t = await createTestApp();
    try {
      const issue = (credential: unknown) => t.call('POST', '/credentials/issue', { credential }, bearer(t.devKey));
      for (const [extra, pointer] of [
        [{ relatedResource: [{ id: 'https://example.com/a' }] }, '/credential/relatedResource/0'],
        [{ relatedResource: ['https://example.com/a'] }, '/credential/relatedResource/0'],
        [{ credentialSchema: { type: 'JsonSchema' } }, '/credential/credentialSchema/id'],
      ] as const) {
        const res = await issue(vc2(t.devDid, extra));
        expect(res.status, pointer).toBe(422);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const body = (await res.json()) as { errors: { pointer: string }[] };
        expect(body.errors.map((e) => e.pointer)).toContain(pointer);
      }
      const ok = await issue(vc2(t.devDid, { relatedResource: [await contextRelatedResource()] }));
      expect(ok.status).toBe(201);
      const vc = ((await ok.json()) as { verifiableCredential: unknown }).verifiableCredential;
      const verified = (await (await t.call('POST', '/credentials/verify', { verifiableCredential: vc })).json()) as { verdict: string };
      expect(verified.verdict).toBe('valid');
    } finally {
      await t.close();
    }
  });
});
