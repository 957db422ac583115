// Request bodies and headers for tests. No Node imports: the Workers tests use them too.

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The README's example: a skill level certificate for an AI trainer, 三级. */
export function skillLevelRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'skill-level',
    holder: { name: '张三', idType: 'resident-identity-card', idNumber: '11010119900307123X' },
    occupation: { code: '4-04-05-05' },
    level: { rank: 4, grade: '三级' },
    assessment: { id: 'ASM-2025-0001', date: '2025-06-20' },
    certificateNumber: 'Y000144000123253000001',
    ...overrides,
  };
}

/** One assessment yielding the specialized ability certificate and the enterprise certification. */
export function assessmentRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    assessment: { id: 'ASM-2025-0100', date: '2025-07-01' },
    holder: { name: '李四', idType: 'hk-macau-permit', idNumber: 'H12345678' },
    occupation: { code: '4-10-03-02' },
    specialty: { name: { 'zh-Hans': '男士理发', 'zh-Hant': '男士理髮', en: "Men's haircutting" }, code: 'ZX-4-10-03-02-01' },
    enterprise: { title: { 'zh-Hans': '美发技能认证', en: 'Hairdressing skill certification' }, level: '三星', rank: 3 },
    certificateNumbers: { specializedAbility: 'ZX2025000100', enterprise: 'QY2025000100' },
    ...overrides,
  };
}

/** A minimal VC 2.0 credential for the VC API, issued as `issuer`. */
export function vc2(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential', 'ExampleSkillCredential'],
    issuer,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:holder', skill: '焊工' },
    ...overrides,
  };
}
