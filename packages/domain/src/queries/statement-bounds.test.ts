import { describe, expect, it } from "vitest";
import { statementBounds } from "./sql-scan.ts";

describe("statementBounds", () => {
  it("cuts one closing semicolon and the whitespace and comments after the last token", () => {
    expect(statementBounds("SELECT 1;")).toEqual({ text: "SELECT 1", firstTokenAt: 0, semicolonAt: -1 });
    expect(statementBounds("SELECT 1 ; -- done\n/* and */  ").text).toBe("SELECT 1");
    expect(statementBounds("SELECT 1 -- no semicolon").text).toBe("SELECT 1");
    expect(statementBounds("SELECT 1;;").text).toBe("SELECT 1;");
  });

  it("finds the first token after leading comments", () => {
    const sql = "-- why\n/* a /* nested */ one */ SELECT 1";
    expect(statementBounds(sql).firstTokenAt).toBe(sql.indexOf("SELECT"));
  });

  it("never takes a semicolon or comment marker inside a literal for the end", () => {
    expect(statementBounds("SELECT ';'").text).toBe("SELECT ';'");
    expect(statementBounds("SELECT 'it''s;' ;").text).toBe("SELECT 'it''s;'");
    expect(statementBounds("SELECT E'\\';' ;").text).toBe("SELECT E'\\';'");
    expect(statementBounds('SELECT 1 AS "a;--" ;').text).toBe('SELECT 1 AS "a;--"');
    expect(statementBounds("SELECT $x$ ; -- $x$ ;").text).toBe("SELECT $x$ ; -- $x$");
    expect(statementBounds("SELECT $1 ;").text).toBe("SELECT $1");
  });

  it("points at the semicolon before a second statement, never at one inside a literal", () => {
    const two = statementBounds("SELECT 1; DELETE FROM t;");
    expect(two.text).toBe("SELECT 1; DELETE FROM t");
    expect(two.semicolonAt).toBe(8);
    expect(statementBounds("SELECT ';' AS a, $x$;$x$ -- ;\n;").semicolonAt).toBe(-1);
  });

  it("reports an empty text as having no first token", () => {
    for (const empty of ["", "  ", "-- only a comment", " ; ", "/* x */ ;"]) {
      expect(statementBounds(empty).firstTokenAt).toBe(-1);
    }
  });
});
