// Why a document is refused before any expensive work (src/credentials/budget.ts), in three
// languages: the verifier's parse problems and the 422 of an issuance share these templates.
import type { Text } from './format.js';

type Rule = 'max-bytes' | 'max-depth' | 'max-nodes' | 'inline-context';

const tx = (hans: string, hant: string, en: string): Text => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });

/** Detail templates by budget rule; params `what` (a document term), `limit`, `actual`, `at`. */
export const BUDGET_DETAILS: Record<Rule, Text> = {
  'max-bytes': tx(
    '{what:document}有 {actual} 字节 JSON，最多接受 {limit} 字节（规则 max-bytes）',
    '{what:document}有 {actual} 字節 JSON，最多接受 {limit} 字節（規則 max-bytes）',
    '{what:document} is {actual} bytes of JSON; at most {limit} are accepted (rule max-bytes)',
  ),
  'max-depth': tx(
    '{what:document}在 {at} 处嵌套了 {actual} 层，最多接受 {limit} 层（规则 max-depth）',
    '{what:document}在 {at} 處嵌套了 {actual} 層，最多接受 {limit} 層（規則 max-depth）',
    '{what:document} nests objects and arrays {actual} deep at {at}; at most {limit} are accepted (rule max-depth)',
  ),
  'max-nodes': tx(
    '{what:document}的 JSON 值超过 {limit} 个（数到 {at} 处）（规则 max-nodes）',
    '{what:document}的 JSON 值超過 {limit} 個（數到 {at} 處）（規則 max-nodes）',
    '{what:document} has more than {limit} JSON values (counted up to {at}) (rule max-nodes)',
  ),
  'inline-context': tx(
    '{what:document}在 {at} 处内嵌了 @context 对象；只接受本服务内置上下文的网址（规则 inline-context）',
    '{what:document}在 {at} 處內嵌了 @context 物件；只接受本服務內置上下文的網址（規則 inline-context）',
    '{what:document} has an inline (object) @context at {at}; only the URLs of bundled contexts are accepted (rule inline-context)',
  ),
};
