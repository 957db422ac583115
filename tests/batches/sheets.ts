// Exam-session sheets for tests, as Excel and WPS save them. No Node imports: the Workers tests use them too.

/** The headers of a skill level session's sheet, in Chinese (the template's). */
export const HEADERS = ['姓名', '证件类型', '证件号码', '职业编码', '工种', '等级', '证书编号', '考核批次', '考核日期'];

/** A valid certificate number of the dev issuer (kind Y) for grade 三级, serial `n`. */
function certificateNumber(n: number, gradeDigit = 3): string {
  return `Y000144000123${'25'}${gradeDigit}${String(n).padStart(6, '0')}`;
}

/** Row `n` (from 0) of a valid session: an AI trainer, 三级, one assessment per candidate. */
export function candidate(n: number, session = 'ES2025'): string[] {
  return [
    `考生${n}号`,
    n % 3 === 0 ? '居民身份证' : 'resident-identity-card',
    `1101011990${String(n).padStart(8, '0')}`,
    '4-04-05-05',
    '--',
    '三级',
    certificateNumber(n),
    `${session}-${n}`,
    n % 2 === 0 ? '2025/6/20' : '2025-06-20',
  ];
}

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV sheet (BOM, CRLF, as "CSV UTF-8" is saved) of `rows` under `headers`. */
export function csvSheet(rows: string[][], headers = HEADERS): string {
  return `\uFEFF${[headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A session of `count` valid candidates. */
export function session(count: number, name = 'ES2025', from = 0): string[][] {
  return Array.from({ length: count }, (_, i) => candidate(from + i, name));
}
