import { describe, expect, it } from "vitest";
import { attachmentHeader, csvCell, csvRow } from "./csv.ts";

describe("csv", () => {
  it("quotes only what RFC 4180 requires, doubling quotes", () => {
    expect(csvCell("plain 홍길동")).toBe("plain 홍길동");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("defuses spreadsheet formulas in text cells but not numbers", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell(-5)).toBe("-5");
  });

  it("ends every row with CRLF", () => {
    expect(csvRow([1, "a|b", null])).toBe("1,a|b,\r\n");
  });

  it("names the download in ASCII and, exactly, in UTF-8", () => {
    expect(attachmentHeader("거부행-1.csv")).toBe(
      `attachment; filename="___-1.csv"; filename*=UTF-8''%EA%B1%B0%EB%B6%80%ED%96%89-1.csv`,
    );
  });
});
