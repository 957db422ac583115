// Migrations for PostgreSQL from the one source of truth: the SQLite migration files that
// better-sqlite3 applies and wrangler applies to D1 are translated at migrate time, so a new
// migration is written once. What the translation does:
// - types: INTEGER/INT → BIGINT (SQLite integers are 64-bit), REAL → DOUBLE PRECISION, BLOB → BYTEA;
//   `INTEGER PRIMARY KEY [AUTOINCREMENT]` (a rowid alias, numbered when absent) → an identity column;
// - `WITHOUT ROWID` and `STRICT` dropped; `INSERT OR IGNORE` → `ON CONFLICT DO NOTHING`; ifnull → COALESCE;
// - triggers → a plpgsql function and a trigger: `SELECT RAISE(ABORT, 'msg') [WHERE …]` → `RAISE
//   EXCEPTION`, `RAISE(IGNORE)` → skip the row, other statements as they are (NEW./OLD. alike);
//   `DROP TRIGGER x` → `DROP FUNCTION x_fn() CASCADE` (PostgreSQL's DROP TRIGGER needs the table).
// What it cannot translate faithfully it refuses, naming the construct, so the PostgreSQL test run
// fails on the new migration instead of a deployment: SQLite-only functions (dates, JSON), PRAGMA,
// transaction control, rowid, COLLATE NOCASE, GLOB, INSERT OR REPLACE, CURRENT_TIMESTAMP.

interface Token {
  kind: 'word' | 'string' | 'ident' | 'space' | 'comment' | 'punct';
  text: string;
}

const TOKEN = /('(?:[^']|'')*')|("(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\])|(--[^\n]*|\/\*[\s\S]*?\*\/)|([A-Za-z_][A-Za-z0-9_$]*)|(\s+)|([\s\S])/g;

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sql.matchAll(TOKEN)) {
    if (m[1] !== undefined) tokens.push({ kind: 'string', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'ident', text: m[2].startsWith('"') ? m[2] : `"${m[2].slice(1, -1)}"` });
    else if (m[3] !== undefined) tokens.push({ kind: 'comment', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'word', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'space', text: m[5] });
    else tokens.push({ kind: 'punct', text: m[6]! });
  }
  return tokens;
}

const upper = (t: Token | undefined) => (t?.kind === 'word' ? t.text.toUpperCase() : '');
const render = (tokens: readonly Token[]) => tokens.map((t) => t.text).join('');

/** Statements split on `;`, a trigger's BEGIN … END (with CASE … END inside) kept whole; comments dropped. */
function statements(sql: string): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const t of tokenize(sql)) {
    if (t.kind === 'comment') {
      current.push({ kind: 'space', text: ' ' });
      continue;
    }
    const meaningful = current.filter((x) => x.kind !== 'space');
    const isTrigger = upper(meaningful[0]) === 'CREATE' && meaningful.slice(1, 3).some((x) => upper(x) === 'TRIGGER');
    if (isTrigger && t.kind === 'word') {
      const w = upper(t);
      if (w === 'BEGIN' || w === 'CASE') depth++;
      else if (w === 'END') depth--;
    }
    if (t.text === ';' && t.kind === 'punct' && depth === 0) {
      if (current.some((x) => x.kind !== 'space')) out.push(current);
      current = [];
      continue;
    }
    current.push(t);
  }
  if (current.some((x) => x.kind !== 'space')) out.push(current);
  return out;
}

/** Functions of SQLite with no PostgreSQL namesake of the same meaning. */
const SQLITE_ONLY_FUNCTIONS = new Set([
  'datetime',
  'date',
  'time',
  'julianday',
  'strftime',
  'unixepoch',
  'printf',
  'instr',
  'group_concat',
  'total',
  'json',
  'json_extract',
  'json_each',
  'json_tree',
  'json_group_array',
  'json_group_object',
  'json_array',
  'json_object',
  'json_insert',
  'json_set',
  'json_replace',
  'json_remove',
  'json_patch',
  'json_valid',
  'json_type',
  'last_insert_rowid',
  'changes',
  'randomblob',
  'zeroblob',
  'hex',
  'quote',
  'typeof',
  'likelihood',
  'iif',
  'glob',
  'sqlite_version',
]);
const REFUSED_WORDS = new Set(['ROWID', '_ROWID_', 'OID', 'GLOB', 'NOCASE', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME']);
const REFUSED_STATEMENTS = new Set([
  'PRAGMA',
  'BEGIN',
  'COMMIT',
  'END',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'ATTACH',
  'DETACH',
  'VACUUM',
  'REINDEX',
  'ANALYZE',
  'REPLACE',
]);

/** Thrown for SQL the translation refuses; the message names the construct and the statement. */
class UntranslatableSql extends Error {
  constructor(what: string, statement: string) {
    super(`cannot translate to PostgreSQL: ${what} in: ${statement.trim().replace(/\s+/g, ' ').slice(0, 200)}`);
    this.name = 'UntranslatableSql';
  }
}

/** One ordinary statement (DDL or DML): types, refused constructs, INSERT OR IGNORE. */
function translateTokens(input: readonly Token[]): string {
  const statement = render(input);
  const tokens = input.filter((t, i) => !(t.kind === 'space' && (i === 0 || i === input.length - 1)));
  const words = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind !== 'space');
  const first = upper(words[0]?.t);
  if (REFUSED_STATEMENTS.has(first)) throw new UntranslatableSql(`${first} statement`, statement);
  if (first === 'CREATE' && upper(words[1]?.t) === 'VIRTUAL') throw new UntranslatableSql('virtual table', statement);
  let onConflict = false;
  if (first === 'INSERT' && upper(words[1]?.t) === 'OR') {
    const what = upper(words[2]?.t);
    if (what !== 'IGNORE') throw new UntranslatableSql(`INSERT OR ${what}`, statement);
    for (const { i } of words.slice(1, 3)) tokens[i] = { kind: 'space', text: '' };
    onConflict = true;
  }
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word') {
      out.push(t);
      continue;
    }
    const w = t.text.toUpperCase();
    const next = tokens.slice(k + 1).find((x) => x.kind !== 'space');
    if (next?.text === '(' && SQLITE_ONLY_FUNCTIONS.has(t.text.toLowerCase())) throw new UntranslatableSql(`SQLite function ${t.text}()`, statement);
    if (REFUSED_WORDS.has(w)) throw new UntranslatableSql(w, statement);
    if (w === 'IFNULL' && next?.text === '(') out.push({ kind: 'word', text: 'COALESCE' });
    else if (w === 'INTEGER' || w === 'INT') out.push(rowidAlias(tokens, k) ?? { kind: 'word', text: 'BIGINT' });
    else if (w === 'REAL' || w === 'FLOAT' || w === 'DOUBLE') out.push({ kind: 'word', text: 'DOUBLE PRECISION' });
    else if (w === 'BLOB') out.push({ kind: 'word', text: 'BYTEA' });
    else if (w === 'AUTOINCREMENT') out.push({ kind: 'space', text: '' });
    else if (w === 'WITHOUT' && upper(next) === 'ROWID') {
      k = tokens.indexOf(next!);
    } else if (w === 'STRICT' && first === 'CREATE' && !tokens.slice(k + 1).some((x) => x.kind !== 'space' && x.text !== ',')) {
      out.push({ kind: 'space', text: '' });
    } else out.push(t);
  }
  const text = render(out).replace(/,\s*$/, '').trim();
  return onConflict ? `${text} ON CONFLICT DO NOTHING` : text;
}

/** `INTEGER PRIMARY KEY`: SQLite numbers it when no value is given; so does an identity column. */
function rowidAlias(tokens: readonly Token[], k: number): Token | null {
  if (tokens[k]!.text.toUpperCase() !== 'INTEGER') return null;
  const after = tokens.slice(k + 1).filter((t) => t.kind !== 'space');
  return upper(after[0]) === 'PRIMARY' && upper(after[1]) === 'KEY' ? { kind: 'word', text: 'BIGINT GENERATED BY DEFAULT AS IDENTITY' } : null;
}

const TRIGGER_HEAD =
  /^CREATE\s+(?:TEMP(?:ORARY)?\s+)?TRIGGER\s+(IF\s+NOT\s+EXISTS\s+)?("?\w+"?)\s+(?:(BEFORE|AFTER|INSTEAD\s+OF)\s+)?(INSERT|DELETE|UPDATE(?:\s+OF\s+[\w\s,"]+?)?)\s+ON\s+("?\w+"?)(?:\s+FOR\s+EACH\s+ROW)?(?:\s+WHEN\s+([\s\S]+?))?\s+BEGIN\b([\s\S]*)\bEND$/i;
const RAISE = /^SELECT\s+RAISE\s*\(\s*(ABORT|FAIL|ROLLBACK|IGNORE)\s*(?:,\s*('(?:[^']|'')*'))?\s*\)\s*([\s\S]*)$/i;
const CASE_RAISE = /^SELECT\s+CASE\s+WHEN\s+([\s\S]+?)\s+THEN\s+RAISE\s*\(\s*(ABORT|FAIL|ROLLBACK|IGNORE)\s*(?:,\s*('(?:[^']|'')*'))?\s*\)\s*END$/i;

/** One statement of a trigger body as plpgsql. */
function triggerStatement(tokens: Token[]): string {
  const text = render(tokens).trim();
  const raise = (kind: string, message: string | undefined) =>
    kind.toUpperCase() === 'IGNORE' ? 'RETURN NULL;' : `RAISE EXCEPTION USING MESSAGE = ${message ?? "'raised by trigger'"};`;
  const r = RAISE.exec(text);
  if (r) {
    const rest = r[3]!.trim();
    return rest ? `IF EXISTS (SELECT 1 ${translateTokens(tokenize(rest))}) THEN ${raise(r[1]!, r[2])} END IF;` : raise(r[1]!, r[2]);
  }
  const c = CASE_RAISE.exec(text);
  if (c) return `IF ${translateTokens(tokenize(c[1]!))} THEN ${raise(c[2]!, c[3])} END IF;`;
  if (/\bRAISE\s*\(/i.test(text)) throw new UntranslatableSql('RAISE() in this form (write SELECT RAISE(…) [WHERE …])', text);
  return `${translateTokens(tokens)};`;
}

/** A SQLite trigger as a plpgsql function and a PostgreSQL trigger calling it. */
function translateTrigger(tokens: Token[]): string {
  const text = render(tokens).trim();
  const m = TRIGGER_HEAD.exec(text);
  if (!m) throw new UntranslatableSql('trigger form', text);
  const [, ifNotExists, name, timing = 'BEFORE', event, table, when, body] = m;
  const fn = `${name!.replace(/"/g, '')}_fn`;
  const orReplace = ifNotExists ? 'OR REPLACE ' : '';
  const returned = /^AFTER$/i.test(timing) ? 'NULL' : /^DELETE$/i.test(event!) ? 'OLD' : 'NEW';
  const lines = statements(body!).map(triggerStatement);
  return [
    `CREATE ${orReplace}FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $skillcred$\nBEGIN\n  ${lines.join('\n  ')}\n  RETURN ${returned};\nEND\n$skillcred$`,
    `CREATE ${orReplace}TRIGGER ${name} ${timing.toUpperCase()} ${event} ON ${table} FOR EACH ROW${when ? ` WHEN (${translateTokens(tokenize(when))})` : ''} EXECUTE FUNCTION ${fn}()`,
  ].join(';\n');
}

/** Translates one SQLite migration script to a PostgreSQL script with the same effect. */
export function sqliteToPostgres(sql: string): string {
  return statements(sql)
    .map((tokens) => {
      const words = tokens
        .filter((t) => t.kind === 'word')
        .slice(0, 5)
        .map((t) => t.text.toUpperCase());
      if (words[0] === 'CREATE' && words.slice(1, 3).includes('TRIGGER')) return translateTrigger(tokens);
      if (words[0] === 'DROP' && words[1] === 'TRIGGER') {
        const ifExists = words[2] === 'IF' ? 'IF EXISTS ' : '';
        const name = tokens
          .filter((t) => t.kind === 'word' || t.kind === 'ident')
          .at(-1)!
          .text.replace(/"/g, '');
        return `DROP FUNCTION ${ifExists}${name}_fn() CASCADE`;
      }
      return translateTokens(tokens);
    })
    .map((s) => `${s};\n`)
    .join('');
}
