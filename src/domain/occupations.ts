import type { LadderRank } from './ladder.js';

/** An occupation of the national occupational classification. */
export interface Occupation {
  code: string;
  names: { 'zh-Hans': string; 'zh-Hant': string; en: string };
  /** The lowest ladder rank certified for it, when it starts above 五级. */
  minRank?: LadderRank;
  /** Its code in the 2015 edition, where it changed. */
  code2015?: string;
}

const CLASSIFICATION_VERSIONS = ['2015', '2022'] as const;
export type ClassificationVersion = (typeof CLASSIFICATION_VERSIONS)[number];

/** The occupations this service knows by name (2022 edition); others need their name given. */
export const OCCUPATIONS: readonly Occupation[] = [
  { code: '4-04-05-05', names: { 'zh-Hans': '人工智能训练师', 'zh-Hant': '人工智能訓練師', en: 'AI trainer' } },
  {
    code: '4-04-05-07',
    names: { 'zh-Hans': '服务机器人应用技术员', 'zh-Hant': '服務機器人應用技術員', en: 'Service robot application technician' },
  },
  { code: '4-14-01-03', names: { 'zh-Hans': '健康照护师', 'zh-Hant': '健康照護師', en: 'Health care worker' } },
  { code: '4-10-01-05', names: { 'zh-Hans': '养老护理员', 'zh-Hant': '養老護理員', en: 'Elderly care worker' } },
  { code: '4-03-02-01', names: { 'zh-Hans': '中式烹调师', 'zh-Hant': '中式烹調師', en: 'Chinese cuisine chef' } },
  { code: '4-03-02-02', names: { 'zh-Hans': '中式面点师', 'zh-Hant': '中式麵點師', en: 'Chinese pastry cook' } },
  { code: '6-29-02-08', names: { 'zh-Hans': '防水工', 'zh-Hant': '防水工', en: 'Waterproofing worker' } },
  { code: '6-31-01-03', names: { 'zh-Hans': '电工', 'zh-Hant': '電工', en: 'Electrician' } },
  { code: '6-18-02-04', names: { 'zh-Hans': '焊工', 'zh-Hant': '焊工', en: 'Welder' } },
  {
    code: '6-31-07-03',
    names: { 'zh-Hans': '工业机器人系统操作员', 'zh-Hant': '工業機器人系統操作員', en: 'Industrial robot system operator' },
    minRank: 3,
    code2015: '6-30-99-00',
  },
  { code: '4-10-03-01', names: { 'zh-Hans': '美容师', 'zh-Hant': '美容師', en: 'Beautician' } },
  { code: '4-10-03-02', names: { 'zh-Hans': '美发师', 'zh-Hant': '美髮師', en: 'Hairdresser' } },
  { code: '4-01-06-02', names: { 'zh-Hans': '互联网营销师', 'zh-Hant': '互聯網營銷師', en: 'Internet marketer' } },
];

/** Finds a known occupation by its code in the given classification edition. */
export function findOccupation(code: string, version: ClassificationVersion = '2022'): Occupation | undefined {
  return OCCUPATIONS.find((o) => (version === '2015' ? (o.code2015 ?? o.code) === code : o.code === code));
}
