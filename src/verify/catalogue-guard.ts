// Problem messages of the guards around verification: the CPU budget a credential must fit
// before any expensive work, and the holder check. Conventions as in catalogue-read.ts.
import { BUDGET_DETAILS } from '../i18n/budget.js';
import { tx } from './catalogue-read.js';

export const GUARD_MESSAGES = {
  'max-bytes': { title: tx('证书过大', '證書過大', 'Credential too large'), detail: BUDGET_DETAILS['max-bytes'] },
  'max-depth': { title: tx('证书嵌套过深', '證書嵌套過深', 'Credential nested too deep'), detail: BUDGET_DETAILS['max-depth'] },
  'max-nodes': { title: tx('证书内容过多', '證書內容過多', 'Credential has too many values'), detail: BUDGET_DETAILS['max-nodes'] },
  'inline-context': { title: tx('证书内嵌了上下文', '證書內嵌了上下文', 'Inline context'), detail: BUDGET_DETAILS['inline-context'] },
  'holder-unavailable': {
    title: tx('未能核对持证人', '未能核對持證人', 'Holder not checked'),
    detail: tx('{why:holderWhy}', '{why:holderWhy}', '{why:holderWhy}'),
  },
  'legacy-holder-binding': {
    title: tx('持证人证件号码可被推算', '持證人證件號碼可被推算', 'Holder number exposed'),
    detail: tx(
      '此证书用旧方式（未加密钥的散列值）保存持证人的证件号码，可被离线推算出来；请向签发机构申请补发。',
      '此證書用舊方式（未加密碼匙的散列值）保存持證人的證件號碼，可被離線推算出來；請向簽發機構申請補發。',
      "this certificate carries an unkeyed hash of its holder's ID number, which can be guessed offline: ask the issuer to reissue it",
    ),
  },
};
