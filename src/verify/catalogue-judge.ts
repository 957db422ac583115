// Problem messages of judging an authentic credential: its issuer's key, the trust registry,
// the validity period, the status lists and the holder. Conventions as in catalogue-read.ts.
import { TRUST_DETAILS } from '../i18n/trust.js';
import { tx, type ProblemMessage } from './catalogue-read.js';

export const JUDGE_MESSAGES = {
  'not-issuer-key': {
    title: tx('签名者不是发证机构', '簽署者不是發證機構', 'Not signed by the issuer'),
    detail: tx(
      '证书声称由 {issuer} 签发，签名者却是 {signers}。',
      '證書聲稱由 {issuer} 簽發，簽署者卻是 {signers}。',
      'the credential names {issuer} as issuer but is signed by {signers}',
    ),
  },
  'not-assertion-key': {
    title: tx('该密钥不能用于发证', '該密碼匙不能用於發證', 'Key may not sign credentials'),
    detail: tx(
      '密钥 {key} 不在 {issuer} 的 assertionMethod 中，不能用于签发证书。',
      '密碼匙 {key} 不在 {issuer} 的 assertionMethod 中，不能用於簽發證書。',
      '{key} is not listed under assertionMethod of {issuer}',
    ),
  },
  'compromised-key': {
    title: tx('签名密钥已泄露', '簽署密碼匙已洩露', 'Signing key compromised'),
    detail: tx(
      '密钥 {key} 已于 {compromisedAt:datetime}被标记为泄露；此签名的时间是 {at:datetime}，在泄露之后。',
      '密碼匙 {key} 已於 {compromisedAt:datetime}被標記為洩露；此簽名的時間是 {at:datetime}，在洩露之後。',
      '{key} was marked compromised at {compromisedAt:datetime}; this proof was created at {at:datetime}',
    ),
  },
  'key-later-compromised': {
    title: tx('签名密钥后来被标记为泄露', '簽署密碼匙後來被標記為洩露', 'Key later marked compromised'),
    detail: tx(
      '密钥 {key} 于 {compromisedAt:datetime}被标记为泄露，晚于此签名。',
      '密碼匙 {key} 於 {compromisedAt:datetime}被標記為洩露，晚於此簽名。',
      '{key} was marked compromised at {compromisedAt:datetime}, after this proof was created',
    ),
  },
  'retired-key': {
    title: tx('签名时密钥已停用', '簽名時密碼匙已停用', 'Key retired before signing'),
    detail: tx(
      '密钥 {key} 已于 {retiredAt:datetime}停用，而此签名的时间是 {at:datetime}。',
      '密碼匙 {key} 已於 {retiredAt:datetime}停用，而此簽名的時間是 {at:datetime}。',
      '{key} was rotated out at {retiredAt:datetime}, before this proof was created ({at:datetime})',
    ),
  },
  'key-not-yet-valid': {
    title: tx('签名早于密钥生成', '簽名早於密碼匙產生', 'Proof predates its key'),
    detail: tx(
      '密钥 {key} 生成于 {createdAt:datetime}，晚于签名所称的时间 {at:datetime}。',
      '密碼匙 {key} 產生於 {createdAt:datetime}，晚於簽名所稱的時間 {at:datetime}。',
      '{key} was created at {createdAt:datetime}, after the proof’s claimed time {at:datetime}',
    ),
  },
  'not-in-registry': {
    title: tx('发证机构不在备案名录中', '發證機構不在備案名錄中', 'Issuer not in the trust registry'),
    detail: tx(
      '{issuer} 不在本服务的评价机构备案名录中：签名可能真实，但无法确认它有评价资质。',
      '{issuer} 不在本服務的評價機構備案名錄中：簽名可能真實，但無法確認它有評價資格。',
      '{issuer} is not an accredited issuer of this registry',
    ),
  },
  'signing-time-claimed': {
    title: tx('签名时间由签名者声明', '簽名時間由簽署者聲明', 'Signing time asserted by the signer'),
    detail: tx(
      '本服务没有此证书的签发记录：按签名所称的时间 {at:datetime}判断机构资质。',
      '本服務沒有此證書的簽發記錄：按簽名所稱的時間 {at:datetime}判斷機構資格。',
      'no issuance record here for this credential: its trust is judged at the time its proof claims ({at:datetime})',
    ),
  },
  'untrusted-exited': { title: tx('发证时机构已退出评价链', '發證時機構已退出評價鏈', 'Issued after the issuer left its chain'), detail: TRUST_DETAILS.exited },
  'untrusted-no-accreditation': { title: tx('机构未获备案', '機構未獲備案', 'Issuer not accredited'), detail: TRUST_DETAILS['no-accreditation'] },
  'untrusted-outside-period': {
    title: tx('发证时不在备案有效期内', '發證時不在備案有效期內', 'Outside the accreditation period'),
    detail: TRUST_DETAILS['outside-period'],
  },
  'untrusted-kind': { title: tx('机构无权颁发此类证书', '機構無權頒發此類證書', 'Not accredited for this kind of certificate'), detail: TRUST_DETAILS.kind },
  'untrusted-occupation': { title: tx('机构无权评价该职业', '機構無權評價該職業', 'Not accredited for this occupation'), detail: TRUST_DETAILS.occupation },
  'untrusted-rank': { title: tx('机构无权评价该等级', '機構無權評價該等級', 'Not accredited for this level'), detail: TRUST_DETAILS.rank },
  expired: {
    title: tx('已过有效期', '已過有效期', 'Expired'),
    detail: tx('有效期至 {until:date}，现已过期。', '有效期至 {until:date}，現已過期。', 'valid until {until:date}'),
  },
  'not-yet-valid': {
    title: tx('尚未生效', '尚未生效', 'Not yet valid'),
    detail: tx('有效期自 {from:date}开始，目前尚未生效。', '有效期自 {from:date}開始，目前尚未生效。', 'valid from {from:date}'),
  },
  'no-status': {
    title: tx('证书没有状态信息', '證書沒有狀態資料', 'No status entry'),
    detail: tx(
      '证书没有状态信息（credentialStatus）：它无法被撤销，因此无法查询其状态。',
      '證書沒有狀態資料（credentialStatus）：它無法被撤銷，因此無法查詢其狀態。',
      'the credential carries no credentialStatus: it cannot be revoked, so its status cannot be checked',
    ),
  },
  'status-malformed': {
    title: tx('状态信息格式错误', '狀態資料格式錯誤', 'Status entry or list malformed'),
    detail: tx('证书的状态信息或状态列表格式错误，或不受支持。', '證書的狀態資料或狀態列表格式錯誤，或不受支援。', '{reason}'),
  },
  'status-unavailable': {
    title: tx('无法获取状态列表', '無法取得狀態列表', 'Status list unavailable'),
    detail: tx('无法获取发证机构公布的状态列表，暂时无法确认证书是否被撤销。', '無法取得發證機構公佈的狀態列表，暫時無法確認證書是否被撤銷。', '{reason}'),
  },
  'status-list-invalid': {
    title: tx('状态列表无效', '狀態列表無效', 'Status list invalid'),
    detail: tx('状态列表 {url} 无效：其签名或内容不符合要求。', '狀態列表 {url} 無效：其簽名或內容不符合要求。', '{url}: {reason}'),
  },
  'status-list-expired': {
    title: tx('状态列表已过期', '狀態列表已過期', 'Status list expired'),
    detail: tx('状态列表 {url} 已于 {at:datetime}过期。', '狀態列表 {url} 已於 {at:datetime}過期。', 'the list at {url} expired at {at:datetime}'),
  },
  'status-index-out-of-range': {
    title: tx('状态索引超出范围', '狀態索引超出範圍', 'Status index outside the list'),
    detail: tx(
      '索引 {index} 超出状态列表 {url} 的 {size} 个条目。',
      '索引 {index} 超出狀態列表 {url} 的 {size} 個條目。',
      'index {index} is outside the {size}-entry list at {url}',
    ),
  },
  'short-status-list': {
    title: tx('状态列表过短', '狀態列表過短', 'Short status list'),
    detail: tx(
      '状态列表 {url} 少于 {min} 个条目，不利于保护持证人隐私。',
      '狀態列表 {url} 少於 {min} 個條目，不利於保障持證人私隱。',
      'the list at {url} has fewer than {min} entries, which weakens holder privacy',
    ),
  },
  revoked: {
    title: tx('已被发证机构撤销', '已被發證機構撤銷', 'Revoked by the issuer'),
    detail: tx(
      '发证机构的撤销列表标记了此证书（索引 {index}）。',
      '發證機構的撤銷列表標記了此證書（索引 {index}）。',
      'the issuer’s revocation list marks this credential (index {index})',
    ),
  },
  suspended: {
    title: tx('已被发证机构暂停', '已被發證機構暫停', 'Suspended by the issuer'),
    detail: tx(
      '发证机构的暂停列表标记了此证书（索引 {index}）。',
      '發證機構的暫停列表標記了此證書（索引 {index}）。',
      'the issuer’s suspension list marks this credential (index {index})',
    ),
  },
  'status-set': {
    title: tx('状态标记已设置', '狀態標記已設定', 'Status flag set'),
    detail: tx(
      '发证机构的 {purpose} 状态列表标记了此证书（索引 {index}）。',
      '發證機構的 {purpose} 狀態列表標記了此證書（索引 {index}）。',
      'the issuer’s {purpose} list marks this credential (index {index})',
    ),
  },
  'holder-mismatch': {
    title: tx('证件号码与持证人不符', '證件號碼與持證人不符', 'ID number does not match the holder'),
    detail: tx(
      '出示的证件号码与证书签发对象的号码不符。',
      '出示的證件號碼與證書簽發對象的號碼不符。',
      'the ID number shown does not match the one the certificate was issued to',
    ),
  },
  'no-holder-hash': {
    title: tx('证书未包含持证人身份信息', '證書未包含持證人身份資料', 'No holder identity to compare'),
    detail: tx(
      '证书没有可比对的持证人身份信息（加盐散列值）。',
      '證書沒有可比對的持證人身份資料（加鹽散列值）。',
      'the credential carries no hashed identity to compare with',
    ),
  },
  'not-checked': {
    title: tx('未检查', '未檢查', 'Not checked'),
    detail: tx('因「{step:step}」未通过，未进行此项检查。', '因「{step:step}」未通過，未進行此項檢查。', 'not checked because the {step} step failed'),
  },
  'not-requested': {
    title: tx('未要求检查', '未要求檢查', 'Not requested'),
    detail: tx(
      '本次核验未要求检查「{check:step}」（options.checks）。',
      '本次核實未要求檢查「{check:step}」（options.checks）。',
      'the {check} check was not among options.checks',
    ),
  },
  internal: {
    title: tx('检查未能完成', '檢查未能完成', 'Check could not complete'),
    detail: tx('「{step:step}」检查因内部错误未能完成。', '「{step:step}」檢查因內部錯誤未能完成。', 'the {step} check could not complete: {reason}'),
  },
} satisfies Record<string, ProblemMessage>;
