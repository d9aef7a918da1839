/**
 * The analyst's text as the executor wraps it: the subquery of `SELECT * FROM (<text>) LIMIT n`,
 * which Postgres only accepts for one SELECT / WITH / VALUES / TABLE query without data-modifying
 * WITH clauses; see executor.ts for why. The line breaks keep a closing `--` comment inside.
 */
export const WRAP_PREFIX = "SELECT * FROM (\n";

export function wrapStatement(text: string, limit: number): string {
  return `${WRAP_PREFIX}${text}\n) AS workbench_result LIMIT ${limit}`;
}

export interface PreparedStatement {
  /** The text without a closing `;` and whatever whitespace or comments follow the last token. */
  text: string;
  /** Offset of the first token (after leading whitespace and comments); -1 when there is none. */
  firstTokenAt: number;
  /** Offset of a `;` left inside the text (a second statement follows); -1 when there is none. */
  semicolonAt: number;
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/**
 * Finds the statement's first and last tokens with just enough of Postgres's lexer (strings,
 * E'' escapes, quoted identifiers, dollar quotes, nested block comments, line comments) that a
 * `;` or `--` inside a literal is never mistaken for the end (or for a second statement). Editors leave a closing `;` and
 * comments behind; cutting them keeps the wrapped text exactly the analyst's one statement, and
 * the first token's offset tells where the analyst's statement starts.
 */
export function prepareStatement(sql: string): PreparedStatement {
  let firstTokenAt = -1;
  let lastEnd = 0; // end of the last significant token
  let beforeLastEnd = 0; // end of the one before it
  let lastWasSemicolon = false;
  const semicolons: number[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "-" && next === "-") {
      const newline = sql.indexOf("\n", i);
      i = newline === -1 ? sql.length : newline + 1;
      continue;
    }
    if (c === "/" && next === "*") {
      i = skipBlockComment(sql, i);
      continue;
    }
    const start = i;
    i = tokenEnd(sql, i);
    if (firstTokenAt < 0) firstTokenAt = start;
    beforeLastEnd = lastEnd;
    lastEnd = i;
    lastWasSemicolon = c === ";";
    if (lastWasSemicolon) semicolons.push(start);
  }
  const text = sql.slice(0, lastWasSemicolon ? beforeLastEnd : lastEnd);
  // A lone `;` is no statement at all.
  return {
    text,
    firstTokenAt: firstTokenAt < text.length ? firstTokenAt : -1,
    semicolonAt: semicolons.find((at) => at < text.length) ?? -1,
  };
}

function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

/** End of the token starting at `i`: a quoted literal or identifier as a whole, else one character. */
function tokenEnd(sql: string, i: number): number {
  const c = sql[i];
  const previous = sql[i - 1] ?? "";
  if (c === "'") {
    const escapes = /[eE]/.test(previous) && !IDENTIFIER_CHAR.test(sql[i - 2] ?? "");
    return skipQuoted(sql, i, "'", escapes);
  }
  if (c === '"') return skipQuoted(sql, i, '"', false);
  if (c === "$" && !IDENTIFIER_CHAR.test(previous)) {
    const tag = DOLLAR_TAG.exec(sql.slice(i))?.[0];
    if (tag) {
      const close = sql.indexOf(tag, i + tag.length);
      return close === -1 ? sql.length : close + tag.length;
    }
  }
  return i + 1;
}

function skipQuoted(sql: string, from: number, quote: string, backslashEscapes: boolean): number {
  let i = from + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}
