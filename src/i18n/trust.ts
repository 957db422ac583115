// Why an issuer was not accredited for a certificate, in three languages: the trust step's
// problem details and the 403 NOT_ACCREDITED answer at issuance share these templates.
import type { Scope, TrustDecision } from '../domain/accreditation.js';
import type { Params, Text } from './format.js';

type Code = Extract<TrustDecision, { trusted: false }>['code'];

/** Detail templates by decision code; params from `trustParams`. */
export const TRUST_DETAILS: Record<Code, Text> = {
  exited: {
    'zh-Hans': '发证机构已于 {exitedAt:date}退出其评价链（{exitReason:exit}）；此证书签发于 {at:datetime}，在退出之后。',
    'zh-Hant': '發證機構已於 {exitedAt:date}退出其評價鏈（{exitReason:exit}）；此證書簽發於 {at:datetime}，在退出之後。',
    en: 'the issuer left its chain on {exitedAt:date} ({exitReason:exit}); this was signed on {at:datetime}, after the exit',
  },
  'no-accreditation': {
    'zh-Hans': '发证机构在备案名录中没有任何评价资质。',
    'zh-Hant': '發證機構在備案名錄中沒有任何評價資格。',
    en: 'the issuer has no accreditation in the trust registry',
  },
  'outside-period': {
    'zh-Hans': '签发时（{at:datetime}）发证机构没有有效的备案资质。',
    'zh-Hant': '簽發時（{at:datetime}）發證機構沒有有效的備案資格。',
    en: 'no accreditation of the issuer was in force at {at:datetime}',
  },
  kind: {
    'zh-Hans': '发证机构未获准颁发{kind:kind}。',
    'zh-Hant': '發證機構未獲准頒發{kind:kind}。',
    en: 'the issuer is not accredited for {kind:kind}',
  },
  occupation: {
    'zh-Hans': '发证机构未获准评价职业 {occupation:occupation}（{kind:kind}）。',
    'zh-Hant': '發證機構未獲准評價職業 {occupation:occupation}（{kind:kind}）。',
    en: 'the issuer is not accredited for occupation {occupation} in {kind:kind}',
  },
  rank: {
    'zh-Hans': '发证机构未获准评价职业 {occupation:occupation}的{rank:rank}（第 {rank} 级）。',
    'zh-Hant': '發證機構未獲准評價職業 {occupation:occupation}的{rank:rank}（第 {rank} 級）。',
    en: 'the issuer is not accredited for ladder rank {rank} ({rank:rank}) of occupation {occupation}',
  },
};

/** The values a trust decision's message shows: the exit, the signing time, the claimed scope. */
export function trustParams(decision: Extract<TrustDecision, { trusted: false }>, scope: Scope, at: Date): Params {
  const when = at.toISOString();
  switch (decision.code) {
    case 'exited':
      return { exitedAt: decision.exit?.exitedAt ?? '', exitReason: decision.exit?.reason ?? '', at: when };
    case 'no-accreditation':
      return {};
    case 'outside-period':
      return { at: when };
    case 'kind':
      return { kind: scope.kind };
    case 'occupation':
      return { kind: scope.kind, occupation: scope.occupation ?? '' };
    case 'rank':
      return { rank: scope.rank ?? '', occupation: scope.occupation ?? '' };
  }
}
