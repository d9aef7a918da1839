import { describe, expect, it } from "vitest";
import { scanSql } from "./sql-scan.ts";

const raws = (sql: string) => scanSql(sql).map((t) => (t.kind === "placeholder" ? t.raw : t.text));

describe("scanSql", () => {
  it("finds placeholders in code with their positions", () => {
    const sql = "SELECT * FROM receipts WHERE business_date >= {{ from }}";
    expect(scanSql(sql)).toEqual([{ kind: "placeholder", raw: "from", start: sql.indexOf("{{"), end: sql.length }]);
  });

  it("skips single-quoted literals, including '' escapes", () => {
    expect(raws("SELECT '{{a}}', 'it''s {{b}}', {{c}}")).toEqual(["c"]);
  });

  it("honours backslash escapes in E'' strings only", () => {
    expect(raws("SELECT E'\\' {{a}}', {{b}}")).toEqual(["b"]);
    // In a standard literal the backslash is just a character, so the literal ends after it.
    expect(raws("SELECT '\\', {{b}}")).toEqual(["b"]);
    // A column named "type" followed by a literal is not an E'' string.
    expect(raws("SELECT type'\\', {{b}}")).toEqual(["b"]);
  });

  it("skips double-quoted identifiers", () => {
    expect(raws('SELECT 1 AS "{{a}}", 2 AS "x""{{b}}", {{c}}')).toEqual(["c"]);
  });

  it("skips dollar-quoted bodies with and without a tag", () => {
    expect(raws("SELECT $$ {{a}} $1 $$, $fn$ {{b}} $$ {{c}} $fn$, {{d}}")).toEqual(["d"]);
  });

  it("skips line and nested block comments", () => {
    expect(raws("SELECT 1 -- {{a}} $1\n, {{b}} /* {{c}} /* {{d}} */ {{e}} */ , {{f}}")).toEqual(["b", "f"]);
  });

  it("reports positional parameters in code only", () => {
    expect(raws("SELECT $1, '$2', foo$3, $$ $4 $$")).toEqual(["$1"]);
  });

  it("leaves unterminated literals and comments as text to the end", () => {
    expect(raws("SELECT {{a}}, 'open {{b}}")).toEqual(["a"]);
    expect(raws("SELECT {{a}} /* {{b}}")).toEqual(["a"]);
  });

  it("ignores braces that do not close on the same line", () => {
    expect(raws("SELECT '{}'::int[], {{a\n}}, {{b}}")).toEqual(["b"]);
  });
});
