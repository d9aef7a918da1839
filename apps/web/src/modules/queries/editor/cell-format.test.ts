import { describe, expect, it } from "vitest";
import { formatCell, formatDuration } from "./cell-format.ts";

const number = { name: "spend", type: "number" } as const;
const text = { name: "format", type: "text" } as const;

describe("formatCell", () => {
  it("groups thousands of numbers without a currency sign", () => {
    expect(formatCell(1234567, number, "ko")).toBe("1,234,567");
    expect(formatCell(-9876.5, number, "en")).toBe("-9,876.5");
  });

  it("groups numeric text digit by digit, keeping precision a float would lose", () => {
    expect(formatCell("12345678901234567890.125", number, "ko")).toBe("12,345,678,901,234,567,890.125");
    expect(formatCell("-1000", number, "ko")).toBe("-1,000");
  });

  it("shows NULL for missing values and leaves text as it is", () => {
    expect(formatCell(null, number, "ko")).toBe("NULL");
    expect(formatCell("1000", text, "ko")).toBe("1000");
    expect(formatCell({ a: 1 }, { name: "j", type: "json" }, "ko")).toBe('{"a":1}');
  });
});

describe("formatDuration", () => {
  it("reads milliseconds, seconds and minutes", () => {
    expect(formatDuration(850, "ko")).toBe("850 ms");
    expect(formatDuration(12_340, "en")).toBe("12.3 s");
    expect(formatDuration(125_000, "ko")).toBe("2분 5초");
  });
});
