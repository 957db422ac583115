/** The new eight-level worker ladder (新八级工): rank 1 (apprentice) to 8 (chief technician). */
export type LadderRank = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Grades printed on skill level certificates; 一级 is the highest. */
const PRINTED_GRADES = ['五级', '四级', '三级', '二级', '一级'] as const;
export type PrintedGrade = (typeof PRINTED_GRADES)[number];

export interface Rung {
  rank: LadderRank;
  names: { 'zh-Hans': string; 'zh-Hant': string; en: string };
  grade: PrintedGrade | null;
  /** The digit of the grade in a certificate number (1–5), when the rank has a printed grade. */
  gradeDigit: number | null;
}

export const LADDER: readonly Rung[] = [
  { rank: 1, names: { 'zh-Hans': '学徒工', 'zh-Hant': '學徒工', en: 'Apprentice' }, grade: null, gradeDigit: null },
  { rank: 2, names: { 'zh-Hans': '初级工', 'zh-Hant': '初級工', en: 'Junior worker' }, grade: '五级', gradeDigit: 5 },
  { rank: 3, names: { 'zh-Hans': '中级工', 'zh-Hant': '中級工', en: 'Intermediate worker' }, grade: '四级', gradeDigit: 4 },
  { rank: 4, names: { 'zh-Hans': '高级工', 'zh-Hant': '高級工', en: 'Senior worker' }, grade: '三级', gradeDigit: 3 },
  { rank: 5, names: { 'zh-Hans': '技师', 'zh-Hant': '技師', en: 'Technician' }, grade: '二级', gradeDigit: 2 },
  { rank: 6, names: { 'zh-Hans': '高级技师', 'zh-Hant': '高級技師', en: 'Senior technician' }, grade: '一级', gradeDigit: 1 },
  { rank: 7, names: { 'zh-Hans': '特级技师', 'zh-Hant': '特級技師', en: 'Principal technician' }, grade: null, gradeDigit: null },
  { rank: 8, names: { 'zh-Hans': '首席技师', 'zh-Hant': '首席技師', en: 'Chief technician' }, grade: null, gradeDigit: null },
];

/** Printed grades in Traditional Chinese and English, for display. */
export const GRADE_NAMES: Record<PrintedGrade, { 'zh-Hans': string; 'zh-Hant': string; en: string }> = {
  五级: { 'zh-Hans': '五级', 'zh-Hant': '五級', en: 'Level 5' },
  四级: { 'zh-Hans': '四级', 'zh-Hant': '四級', en: 'Level 4' },
  三级: { 'zh-Hans': '三级', 'zh-Hant': '三級', en: 'Level 3' },
  二级: { 'zh-Hans': '二级', 'zh-Hant': '二級', en: 'Level 2' },
  一级: { 'zh-Hans': '一级', 'zh-Hant': '一級', en: 'Level 1' },
};

export function rungOf(rank: number): Rung | undefined {
  return LADDER.find((r) => r.rank === rank);
}

export function rungOfGrade(grade: string): Rung | undefined {
  return LADDER.find((r) => r.grade === grade);
}
