import type { Verdict } from './result.js';

export type Language = 'zh-Hans' | 'zh-Hant' | 'en';
type Text = Record<Language, string>;

/** The verdict an employer reads, in three languages. */
export const VERDICT_LABELS: Record<Verdict, Text> = {
  valid: { 'zh-Hans': '证书有效', 'zh-Hant': '證書有效', en: 'Valid certificate' },
  revoked: { 'zh-Hans': '证书已撤销', 'zh-Hant': '證書已撤銷', en: 'Revoked' },
  suspended: { 'zh-Hans': '证书已暂停', 'zh-Hant': '證書已暫停', en: 'Suspended' },
  expired: { 'zh-Hans': '证书已过期', 'zh-Hant': '證書已過期', en: 'Expired' },
  'not-yet-valid': { 'zh-Hans': '证书尚未生效', 'zh-Hant': '證書尚未生效', en: 'Not yet valid' },
  'untrusted-issuer': { 'zh-Hans': '发证机构不可信', 'zh-Hant': '發證機構不可信', en: 'Untrusted issuer' },
  tampered: { 'zh-Hans': '证书被篡改', 'zh-Hant': '證書被篡改', en: 'Tampered' },
  unreadable: { 'zh-Hans': '无法读取', 'zh-Hant': '無法讀取', en: 'Unreadable' },
  unsupported: { 'zh-Hans': '无法核验签名', 'zh-Hant': '無法核實數碼簽署', en: 'Signature cannot be checked' },
  'status-unknown': { 'zh-Hans': '无法确认状态', 'zh-Hant': '無法確認狀態', en: 'Status cannot be confirmed' },
  'holder-mismatch': { 'zh-Hans': '持证人不符', 'zh-Hant': '持證人不符', en: 'Not this holder' },
};

/** Titles of step problems by their stable code. */
export const PROBLEM_TITLES: Record<string, Text> = {
  'not-an-object': { 'zh-Hans': '不是证书', 'zh-Hant': '不是證書', en: 'Not a credential' },
  empty: { 'zh-Hans': '内容为空', 'zh-Hant': '內容為空', en: 'Empty' },
  'not-json': { 'zh-Hans': '不是有效的 JSON', 'zh-Hant': '不是有效的 JSON', en: 'Not valid JSON' },
  'bad-qr': { 'zh-Hans': '二维码内容无法解码', 'zh-Hant': '二維碼內容無法解碼', en: 'QR content does not decode' },
  'bad-jwt': { 'zh-Hans': 'JWT 无法解析', 'zh-Hant': 'JWT 無法解析', en: 'JWT does not parse' },
  'unrecognised-text': { 'zh-Hans': '无法识别的内容', 'zh-Hant': '無法識別的內容', en: 'Unrecognised text' },
  'unknown-credential': { 'zh-Hans': '未知证书', 'zh-Hant': '未知證書', en: 'Unknown credential' },
  malformed: { 'zh-Hans': '证书格式错误', 'zh-Hant': '證書格式錯誤', en: 'Malformed credential' },
  'unknown-context': { 'zh-Hans': '未知的上下文', 'zh-Hant': '未知的上下文', en: 'Unknown context' },
  'no-proof': { 'zh-Hans': '证书没有签名', 'zh-Hant': '證書沒有簽名', en: 'No proof' },
  'malformed-proof': { 'zh-Hans': '签名格式错误', 'zh-Hant': '簽名格式錯誤', en: 'Malformed proof' },
  'unsupported-proof': { 'zh-Hans': '不支持的签名类型', 'zh-Hant': '不支援的簽名類型', en: 'Unsupported proof' },
  'unsupported-alg': { 'zh-Hans': '不支持的签名算法', 'zh-Hant': '不支援的簽名演算法', en: 'Unsupported algorithm' },
  'unsupported-cryptosuite': { 'zh-Hans': '不支持的签名套件', 'zh-Hant': '不支援的數碼簽署套件', en: 'Unsupported cryptosuite' },
  'key-type-mismatch': { 'zh-Hans': '密钥类型与签名不符', 'zh-Hant': '密碼匙類型與簽署不符', en: 'Wrong kind of key' },
  'alg-key-mismatch': { 'zh-Hans': '签名算法与密钥不符', 'zh-Hant': '簽署演算法與密碼匙不符', en: 'Algorithm does not fit the key' },
  'jwt-typ': { 'zh-Hans': 'JWT 类型错误', 'zh-Hant': 'JWT 類型錯誤', en: 'Wrong JWT type' },
  'jwt-crit': { 'zh-Hans': 'JWT 含无法识别的关键扩展', 'zh-Hant': 'JWT 含無法識別的關鍵擴展', en: 'Unknown critical JWT header' },
  'jwt-vc-claim': { 'zh-Hans': 'VC 2.0 JWT 不应含 vc 声明', 'zh-Hant': 'VC 2.0 JWT 不應含 vc 聲明', en: 'vc claim in a VC 2.0 JWT' },
  'jwt-iss-mismatch': { 'zh-Hans': 'JWT 签发者与证书签发机构不符', 'zh-Hant': 'JWT 簽發者與證書簽發機構不符', en: 'JWT issuer is not the credential issuer' },
  'jwt-claim-mismatch': { 'zh-Hans': 'JWT 声明与证书内容不符', 'zh-Hant': 'JWT 聲明與證書內容不符', en: 'JWT claims contradict the credential' },
  'jwt-claim-malformed': { 'zh-Hans': 'JWT 声明格式错误', 'zh-Hant': 'JWT 聲明格式錯誤', en: 'Malformed JWT claim' },
  'jwt-expired': { 'zh-Hans': 'JWT 已过期', 'zh-Hant': 'JWT 已過期', en: 'JWT expired' },
  'jwt-not-yet-valid': { 'zh-Hans': 'JWT 尚未生效', 'zh-Hant': 'JWT 尚未生效', en: 'JWT not yet valid' },
  'jwt-not-vc1': { 'zh-Hans': '不是 VC 1.1 证书', 'zh-Hant': '不是 VC 1.1 證書', en: 'Not VC 1.1' },
  'related-resource-mismatch': { 'zh-Hans': '关联资源摘要不符', 'zh-Hant': '關聯資源摘要不符', en: 'Related resource does not match' },
  'not-requested': { 'zh-Hans': '未要求检查', 'zh-Hant': '未要求檢查', en: 'Not requested' },
  'wrong-purpose': { 'zh-Hans': '签名用途不符', 'zh-Hant': '簽名用途不符', en: 'Wrong proof purpose' },
  'bad-created': { 'zh-Hans': '签名时间格式错误', 'zh-Hant': '簽名時間格式錯誤', en: 'Bad proof date' },
  'unresolvable-key': { 'zh-Hans': '无法找到签名密钥', 'zh-Hant': '無法找到簽名密鑰', en: 'Unknown signing key' },
  'broken-chain': { 'zh-Hans': '签名链不完整', 'zh-Hant': '簽名鏈不完整', en: 'Broken proof chain' },
  'bad-signature': { 'zh-Hans': '签名与内容不符', 'zh-Hant': '簽名與內容不符', en: 'Signature does not match' },
  'not-issuer-key': { 'zh-Hans': '签名者不是发证机构', 'zh-Hant': '簽署者不是發證機構', en: 'Not signed by the issuer' },
  'not-assertion-key': { 'zh-Hans': '该密钥不能用于发证', 'zh-Hant': '該密鑰不能用於發證', en: 'Key may not sign credentials' },
  'compromised-key': { 'zh-Hans': '签名密钥已泄露', 'zh-Hant': '簽名密鑰已洩露', en: 'Signing key compromised' },
  'retired-key': { 'zh-Hans': '签名时密钥已停用', 'zh-Hant': '簽署時密鑰已停用', en: 'Key retired before signing' },
  'key-not-yet-valid': { 'zh-Hans': '签名早于密钥生成', 'zh-Hant': '簽署早於密鑰生成', en: 'Proof predates its key' },
  'not-in-registry': { 'zh-Hans': '发证机构不在备案名录中', 'zh-Hant': '發證機構不在備案名錄中', en: 'Issuer not in the trust registry' },
  'untrusted-exited': { 'zh-Hans': '发证时机构已退出评价链', 'zh-Hant': '發證時機構已退出評價鏈', en: 'Issued after the issuer left its chain' },
  'untrusted-no-accreditation': { 'zh-Hans': '机构未获备案', 'zh-Hant': '機構未獲備案', en: 'Issuer not accredited' },
  'untrusted-outside-period': { 'zh-Hans': '发证时不在备案有效期内', 'zh-Hant': '發證時不在備案有效期內', en: 'Outside the accreditation period' },
  'untrusted-kind': { 'zh-Hans': '机构无权颁发此类证书', 'zh-Hant': '機構無權頒發此類證書', en: 'Not accredited for this kind of certificate' },
  'untrusted-occupation': { 'zh-Hans': '机构无权评价该职业', 'zh-Hant': '機構無權評價該職業', en: 'Not accredited for this occupation' },
  'untrusted-rank': { 'zh-Hans': '机构无权评价该等级', 'zh-Hant': '機構無權評價該等級', en: 'Not accredited for this level' },
  expired: { 'zh-Hans': '已过有效期', 'zh-Hant': '已過有效期', en: 'Expired' },
  'not-yet-valid': { 'zh-Hans': '尚未生效', 'zh-Hant': '尚未生效', en: 'Not yet valid' },
  revoked: { 'zh-Hans': '已被发证机构撤销', 'zh-Hant': '已被發證機構撤銷', en: 'Revoked by the issuer' },
  suspended: { 'zh-Hans': '已被发证机构暂停', 'zh-Hant': '已被發證機構暫停', en: 'Suspended by the issuer' },
  'status-unavailable': { 'zh-Hans': '无法获取状态列表', 'zh-Hant': '無法取得狀態列表', en: 'Status list unavailable' },
  'status-list-invalid': { 'zh-Hans': '状态列表无效', 'zh-Hant': '狀態列表無效', en: 'Status list invalid' },
  'status-list-expired': { 'zh-Hans': '状态列表已过期', 'zh-Hant': '狀態列表已過期', en: 'Status list expired' },
  'status-malformed': { 'zh-Hans': '状态信息格式错误', 'zh-Hant': '狀態資訊格式錯誤', en: 'Status entry malformed' },
  'status-index-out-of-range': { 'zh-Hans': '状态索引超出范围', 'zh-Hant': '狀態索引超出範圍', en: 'Status index out of range' },
  'holder-mismatch': { 'zh-Hans': '证件号码与持证人不符', 'zh-Hant': '證件號碼與持證人不符', en: 'ID number does not match the holder' },
  'no-holder-hash': { 'zh-Hans': '证书未包含持证人身份信息', 'zh-Hant': '證書未包含持證人身分資訊', en: 'No holder identity to compare' },
  'no-status': { 'zh-Hans': '证书没有状态信息', 'zh-Hant': '證書沒有狀態資訊', en: 'No status entry' },
  'key-later-compromised': { 'zh-Hans': '签名密钥后来被标记为泄露', 'zh-Hant': '簽名密鑰後來被標記為洩露', en: 'Key later marked compromised' },
  'signing-time-claimed': { 'zh-Hans': '签名时间由签名者声明', 'zh-Hant': '簽署時間由簽署者聲明', en: 'Signing time asserted by the signer' },
  'short-status-list': { 'zh-Hans': '状态列表过短', 'zh-Hant': '狀態列表過短', en: 'Short status list' },
  'not-checked': { 'zh-Hans': '未检查', 'zh-Hant': '未檢查', en: 'Not checked' },
  internal: { 'zh-Hans': '检查未能完成', 'zh-Hant': '檢查未能完成', en: 'Check could not complete' },
};

/** The language a request prefers by its Accept-Language header (zh-HK/TW/MO read Traditional). */
export function preferredLanguage(header: string | undefined | null): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q) : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (/^zh-(hant|hk|tw|mo)/.test(tag)) return 'zh-Hant';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-Hans';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
