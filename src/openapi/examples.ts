// An example request body for every operation that takes one (`<method> <path>`): what /docs
// shows and "try it out" starts from. A test fails when an operation with a body has none.

type Json = Record<string, unknown>;

/** A named example body, as OpenAPI's Example Object. */
export interface BodyExample {
  summary: string;
  value: unknown;
}

const skillLevel: Json = {
  kind: 'skill-level',
  holder: { name: '张三', idType: 'resident-identity-card', idNumber: '11010119900307123X' },
  occupation: { code: '4-04-05-05' },
  level: { rank: 4, grade: '三级' },
  assessment: { id: 'ASM-2025-0001', date: '2025-06-20' },
  certificateNumber: 'Y000144000123253000001',
};

const credential: Json = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  type: ['VerifiableCredential', 'ExampleSkillCredential'],
  issuer: 'did:web:certs.example.cn:issuers:dev',
  validFrom: '2025-07-01T00:00:00Z',
  credentialSubject: { id: 'did:example:holder', skill: '焊工' },
};

const reason = (text: string): Record<string, BodyExample> => ({ reason: { summary: 'A reason for the audit log', value: { reason: text } } });

export const REQUEST_EXAMPLES: Record<string, Record<string, BodyExample>> = {
  'post /credentials/issue': {
    ldp: { summary: 'A VC 2.0 credential, signed with eddsa-jcs-2022', value: { credential, options: { cryptosuite: 'eddsa-jcs-2022' } } },
    jwt: { summary: 'The same, secured as vc+jwt', value: { credential, options: { format: 'vc+jwt' } } },
  },
  'post /v1/certificates': {
    skillLevel: { summary: '职业技能等级证书: AI trainer, 三级 (rank 4)', value: skillLevel },
    workType: {
      summary: 'With a work type, valid from a later date',
      value: { ...skillLevel, occupation: { code: '4-04-05-05', workType: '数据标注' }, validFrom: '2026-01-01T00:00:00Z' },
    },
  },
  'post /v1/assessments': {
    haircut: {
      summary: '一试双证: specialized ability certificate + enterprise certification',
      value: {
        assessment: { id: 'ASM-2025-0100', date: '2025-07-01' },
        holder: { name: '李四', idType: 'hk-macau-permit', idNumber: 'H12345678' },
        occupation: { code: '4-10-03-02' },
        specialty: { name: { 'zh-Hans': '男士理发', 'zh-Hant': '男士理髮', en: "Men's haircutting" }, code: 'ZX-4-10-03-02-01' },
        enterprise: { title: { 'zh-Hans': '美发技能认证', en: 'Hairdressing skill certification' }, level: '三星', rank: 3 },
        certificateNumbers: { specializedAbility: 'ZX2025000100', enterprise: 'QY2025000100' },
      },
    },
  },
  'post /credentials/status': {
    suspend: {
      summary: 'Suspend a credential',
      value: {
        credentialId: 'urn:uuid:6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
        credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'suspended' }],
        reason: '复核中暂停',
      },
    },
  },
  'post /v1/credentials/{id}/revoke': {
    ...reason('证书持有人冒名顶替，经核实撤销'),
    assessment: { summary: 'Both certificates of the assessment', value: { reason: '考核舞弊', scope: 'assessment' } },
  },
  'post /v1/credentials/{id}/suspend': reason('复核中暂停'),
  'post /v1/credentials/{id}/reinstate': reason('复核完毕，恢复有效'),
  'post /v1/batches': {
    session: {
      summary: 'Two candidates of one exam session (a CSV sheet with the same columns works too)',
      value: {
        items: [
          skillLevel,
          {
            ...skillLevel,
            holder: { name: '王五', idType: 'resident-identity-card', idNumber: '440106199203154321' },
            certificateNumber: 'Y000144000123253000002',
          },
        ],
      },
    },
  },
  'post /v1/status/bulk': {
    batch: {
      summary: 'Every certificate one batch issued',
      value: { action: 'revoke', reason: '考核场次作废', select: { batchId: 'b-0f1e2d3c4b5a69788796a5b4c3d2e1f0' } },
    },
    assessment: {
      summary: 'Every credential of one assessment',
      value: { action: 'revoke', reason: '考核舞弊：场次作废', select: { assessmentId: 'ASM-2025-0001' } },
    },
    range: {
      summary: 'Everything signed in one afternoon (issuance time)',
      value: { action: 'suspend', reason: '复核', select: { issuedFrom: '2025-06-20T06:00:00Z', issuedUntil: '2025-06-20T10:00:00Z' } },
    },
  },
  'post /credentials/verify': {
    scanned: { summary: 'A scanned QR text (the verify link)', value: { verifiableCredential: 'HTTPS://CERTS.EXAMPLE.CN/V#ID:M5QXEZLEMVXHI2LBNQ' } },
    holder: {
      summary: 'A credential, with the ID number the candidate shows',
      value: {
        verifiableCredential: { ...credential, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', '…': '…' } },
        options: { holderIdNumber: '11010119900307123X' },
      },
    },
  },
  'post /v1/lookup': {
    printed: {
      summary: 'The number and the holder name as printed on the certificate',
      value: { certificateNumber: 'Y000144000123253000001', holderName: '张三' },
    },
    typed: {
      summary: 'As typed with a Chinese input method: full-width characters, spaces (read as the same number and name)',
      value: { certificateNumber: 'Ｙ０００１ ４４００ ０１２３ ２５３０ ００００１', holderName: ' 张三　' },
    },
  },
  'post /presentations/verify': {
    vp: {
      summary: 'A presentation with a challenge',
      value: {
        verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [] },
        options: { challenge: 'a1b2c3', domain: 'hr.example.hk' },
      },
    },
  },
  'post /v1/verify/batch': {
    two: {
      summary: 'Two scanned QR texts',
      value: { items: ['HTTPS://CERTS.EXAMPLE.CN/V#ID:M5QXEZLEMVXHI2LBNQ', 'HTTPS://CERTS.EXAMPLE.CN/V#ID:NBSWY3DPEB3W64TMMQ'] },
    },
  },
  'post /v1/recognitions': {
    hkqf: {
      summary: 'Senior worker (三级) AI trainers at HKQF Level 3',
      value: { certificateKind: 'skill-level', ladderRank: 4, occupationCode: '4-04-05-05', framework: 'HKQF', level: 'Level 3' },
    },
  },
  'post /admin/issuers': {
    web: {
      summary: 'A did:web issuer with a fresh key',
      value: {
        slug: 'gz-eval',
        names: { 'zh-Hans': '广州某评价机构', 'zh-Hant': '廣州某評價機構', en: 'Guangzhou Evaluation Centre' },
        orgKind: 'S',
        filingCode: 'GD-S-0042',
      },
    },
    provisioned: {
      summary: 'On a provisioned key (Workers)',
      value: {
        slug: 'gz-eval',
        names: { 'zh-Hans': '广州某评价机构' },
        orgKind: 'S',
        filingCode: 'GD-S-0042',
        keyRef: 'gz-eval-1',
        pepperRef: 'gz-eval-1-pepper',
      },
    },
  },
  'post /admin/issuers/{slug}/peppers/rotate': {
    fresh: { summary: 'A freshly generated pepper', value: {} },
    provisioned: { summary: 'A provisioned pepper (Workers)', value: { pepperRef: 'gz-eval-pepper-2' } },
  },
  'post /admin/issuers/{slug}/keys/rotate': {
    fresh: { summary: 'A freshly generated key', value: {} },
    provisioned: { summary: 'A provisioned key', value: { keyRef: 'gz-eval-2' } },
  },
  'post /admin/issuers/{slug}/keys/compromise': {
    key: { summary: 'key-1 compromised from 1 July 2026', value: { keyId: 'key-1', at: '2026-07-01T00:00:00Z' } },
  },
  'post /admin/issuers/{slug}/accreditations': {
    ai: {
      summary: 'AI occupations, ranks 2-4, in a chain',
      value: {
        kinds: ['skill-level'],
        occupations: ['4-04-*'],
        ranks: [2, 3, 4],
        validFrom: '2025-01-01T00:00:00Z',
        chain: '广州人工智能产业链',
        chainMaster: '某科技集团',
      },
    },
  },
  'post /admin/issuers/{slug}/exit': {
    review: { summary: 'Left after a failed review', value: { exitedAt: '2026-07-01T00:00:00Z', reason: 'failed-review', note: '年度考核不合格' } },
  },
  'post /admin/partners': {
    hk: {
      summary: 'A Hong Kong partner',
      value: { slug: 'hk-qf', names: { en: 'Hong Kong Qualifications Partner', 'zh-Hant': '香港資歷合作方' }, region: 'HK', rateLimitPerMinute: 600 },
    },
  },
};

/** POST /v1/lookup, 200: a certificate found by its number and holder name (Accept-Language: zh-CN). */
export const LOOKUP_ANSWER_EXAMPLE: Json = {
  verified: true,
  verdict: 'valid',
  trusted: true,
  checks: ['parse', 'proof', 'issuer', 'trust', 'validity', 'status'],
  warnings: [],
  errors: [],
  steps: ['parse', 'proof', 'issuer', 'trust', 'validity', 'status'].map((id) => ({ id, valid: true })),
  summary: {
    credentialId: 'urn:uuid:fd1af13b-3680-423e-b3c2-ac893756d73b',
    holderName: '张三',
    certificateKind: 'skill-level',
    certificateName: { 'zh-Hans': '职业技能等级证书', 'zh-Hant': '職業技能等級證書', en: 'Vocational Skill Level Certificate' },
    occupation: { code: '4-04-05-05', name: '人工智能训练师', classificationVersion: '2022' },
    level: { rank: 4, grade: '三级' },
    certificateNumber: 'Y000144000123253000001',
    issuer: { id: 'did:web:certs.example.cn:issuers:dev', name: { 'zh-Hans': '开发用评价机构' }, filingCode: 'DEV-0001', orgKind: 'Y' },
    issuedAt: '2025-07-01T02:00:00Z',
    validFrom: '2025-07-01T02:00:00Z',
    format: 'eddsa-rdfc-2022',
    status: { revocation: false },
  },
  recognitions: [],
  language: 'zh-Hans',
  verdictLabel: '证书有效',
  links: { verify: 'HTTPS://CERTS.EXAMPLE.CN/V#ID:OVZG4OTVOVUWIOTGMQYWCZRRGNRC2MZWHAYC2NBSGNSS2YRTMMZC2YLDHA4TGNZVGZSDOM3C' },
};

/** POST /v1/lookup, 404: the one answer for an unknown number and for a wrong name alike. */
export const LOOKUP_NOT_FOUND_EXAMPLE: Json = {
  type: 'https://w3id.org/skillcred/problems#not-found',
  title: '未找到',
  status: 404,
  detail: '本服务签发的证书中，没有与此证书编号和持证人姓名相符的证书',
  code: 'NOT_FOUND',
  detailCode: 'not-found.lookup',
  instance: '/v1/lookup',
};
