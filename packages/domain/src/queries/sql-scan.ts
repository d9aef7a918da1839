/**
 * What the parameter binder needs to know about an analyst's SQL, found by a small lexer that
 * skips everything Postgres would not read as code: '…' literals (with '' and, in E'…', backslash
 * escapes), "…" identifiers, $$…$$ / $tag$…$tag$ bodies, -- line comments and nested block
 * comments. A `{{name}}` inside any of those is text, not a placeholder.
 */
export type SqlToken =
  /** `{{ raw }}`; `raw` is the trimmed text between the braces, not yet checked as a name. */
  | { kind: "placeholder"; raw: string; start: number; end: number }
  /** A `$1`-style positional parameter. */
  | { kind: "positional"; text: string; start: number; end: number };

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const POSITIONAL = /\$\d+/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const MAX_PLACEHOLDER = 100;

const isIdentChar = (c: string | undefined) => c !== undefined && IDENT_CHAR.test(c);

function stickyMatch(re: RegExp, sql: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(sql)?.[0];
}

/** Index just past the closing quote (or the end of the text when the literal never closes). */
function skipQuoted(sql: string, open: number, quote: "'" | '"', backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

function skipBlockComment(sql: string, open: number): number {
  let depth = 0;
  let i = open;
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

type LexKind = "code" | "literal" | "semicolon" | "placeholder" | "positional";

/**
 * Calls `visit` for every significant token in text order: whitespace and comments are skipped,
 * a literal, quoted identifier or dollar body comes whole, plain code one character at a time.
 */
function lexSql(sql: string, visit: (kind: LexKind, start: number, end: number) => void): void {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const prev = sql[i - 1];
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      i = skipBlockComment(sql, i);
    } else if (c === "'") {
      // E'…' (or e'…') is the one literal where a backslash escapes the next character.
      const escaped = (prev === "E" || prev === "e") && !isIdentChar(sql[i - 2]);
      i = skipQuoted(sql, i, "'", escaped);
      visit("literal", start, i);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
      visit("literal", start, i);
    } else if (c === "$" && !isIdentChar(prev)) {
      const positional = stickyMatch(POSITIONAL, sql, i);
      const tag = positional ? undefined : stickyMatch(DOLLAR_TAG, sql, i);
      if (positional) {
        i += positional.length;
        visit("positional", start, i);
      } else if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close === -1 ? sql.length : close + tag.length;
        visit("literal", start, i);
      } else visit("code", start, ++i);
    } else if (c === "{" && sql[i + 1] === "{") {
      const close = sql.indexOf("}}", i + 2);
      const inner = close === -1 ? "" : sql.slice(i + 2, close);
      if (close !== -1 && inner.length <= MAX_PLACEHOLDER && !/[{}\n]/.test(inner)) {
        i = close + 2;
        visit("placeholder", start, i);
      } else visit("code", start, ++i);
    } else visit(c === ";" ? "semicolon" : "code", start, ++i);
  }
}

/** Placeholders and positional parameters outside literals and comments, in text order. */
export function scanSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  lexSql(sql, (kind, start, end) => {
    if (kind === "placeholder") tokens.push({ kind, raw: sql.slice(start + 2, end - 2).trim(), start, end });
    else if (kind === "positional") tokens.push({ kind, text: sql.slice(start, end), start, end });
  });
  return tokens;
}

export interface StatementBounds {
  /** The text without a closing `;` and whatever whitespace or comments follow the last token. */
  text: string;
  /** Offset of the first token (after leading whitespace and comments); -1 when there is none. */
  firstTokenAt: number;
  /** Offset of a `;` left inside the text (a second statement follows); -1 when there is none. */
  semicolonAt: number;
}

/**
 * Where one statement's code starts and ends. Editors leave a closing `;` and comments behind;
 * cutting them keeps the text exactly the analyst's statement, and a `;` still inside means a
 * second statement — never one inside a literal or a comment.
 */
export function statementBounds(sql: string): StatementBounds {
  let firstTokenAt = -1;
  let lastEnd = 0;
  let beforeLastEnd = 0;
  let lastWasSemicolon = false;
  const semicolons: number[] = [];
  lexSql(sql, (kind, start, end) => {
    if (firstTokenAt < 0) firstTokenAt = start;
    beforeLastEnd = lastEnd;
    lastEnd = end;
    lastWasSemicolon = kind === "semicolon";
    if (lastWasSemicolon) semicolons.push(start);
  });
  const text = sql.slice(0, lastWasSemicolon ? beforeLastEnd : lastEnd);
  return {
    text,
    // A lone `;` is no statement at all.
    firstTokenAt: firstTokenAt < text.length ? firstTokenAt : -1,
    semicolonAt: semicolons.find((at) => at < text.length) ?? -1,
  };
}
