import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportFileName, resultToCsv, resultToXlsx } from "./export.ts";
import type { ResultColumn } from "./index.ts";

const columns: ResultColumn[] = [
  { name: "매장", type: "text" },
  { name: "매출", type: "number" },
  { name: "day", type: "date" },
  { name: "at", type: "timestamp" },
  { name: "vip", type: "boolean" },
  { name: "tags", type: "array" },
];

describe("resultToCsv", () => {
  it("starts with a BOM, ends lines with CRLF and writes the header of column names", () => {
    const csv = resultToCsv({ columns, rows: [] });
    expect(csv.startsWith("\uFEFF매장,매출,day,at,vip,tags\r\n")).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("quotes fields holding a comma, a quote or a line break (RFC 4180) and leaves the rest bare", () => {
    const csv = resultToCsv({
      columns: [
        { name: "a", type: "text" },
        { name: "b", type: "text" },
      ],
      rows: [
        ["성수, 서울", 'say "hi"'],
        ["two\r\nlines", "plain"],
        ["lf\nonly", null],
      ],
    });
    expect(csv.slice(1).split("\r\n")).toEqual([
      "a,b",
      '"성수, 서울","say ""hi"""',
      '"two',
      'lines",plain',
      '"lf\nonly",',
      "",
    ]);
  });

  it("writes values as stored: numbers, booleans, empty for null, JSON for arrays", () => {
    const csv = resultToCsv({
      columns,
      rows: [["강남점", 1234567.5, "2026-11-01", "2026-11-01T00:30:00.000Z", true, ["a", "b"]]],
    });
    expect(csv.slice(1).split("\r\n")[1]).toBe(
      '강남점,1234567.5,2026-11-01,2026-11-01T00:30:00.000Z,true,"[""a"",""b""]"',
    );
  });
});

describe("resultToXlsx", () => {
  it("reads back with a bold header, numbers as numbers (past 2^53 as exact text), dates as dates in Seoul time and sized columns", async () => {
    const rows = [
      ["강남점", 1234567, "2026-11-01", "2026-11-01T00:30:00.000Z", true, ["x"]],
      ["성수점", "9007199254740993", null, "2026-11-02T08:00:00", false, []],
    ];
    const buffer = await resultToXlsx({ columns, rows });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("결과");
    expect(sheet).toBeDefined();
    if (!sheet) return;
    expect(sheet.getRow(1).values).toEqual([undefined, "매장", "매출", "day", "at", "vip", "tags"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell("A2").value).toBe("강남점");
    expect(sheet.getCell("B2").value).toBe(1234567);
    expect(sheet.getCell("B3").value).toBe("9007199254740993");
    expect(sheet.getCell("C2").value).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(sheet.getCell("C2").numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getCell("C3").value).toBeNull();
    // 00:30 UTC is 09:30 in Seoul; a zoneless timestamp keeps its wall-clock time.
    expect(sheet.getCell("D2").value).toEqual(new Date("2026-11-01T09:30:00Z"));
    expect(sheet.getCell("D3").value).toEqual(new Date("2026-11-02T08:00:00Z"));
    expect(sheet.getCell("E2").value).toBe(true);
    expect(sheet.getCell("F2").value).toBe('["x"]');
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
    expect(sheet.getColumn(4).width).toBeGreaterThan(sheet.getColumn(5).width ?? 0);
    expect(sheet.rowCount).toBe(3);
  });
});

describe("exportFileName", () => {
  it("keeps Korean letters, replaces the rest and dates the file in Seoul", () => {
    expect(exportFileName("월별 매출 / 2026", new Date("2026-11-30T16:00:00Z"), "csv")).toBe(
      "월별_매출_2026-2026-12-01.csv",
    );
    expect(exportFileName("***", new Date("2026-11-01T00:00:00Z"), "xlsx")).toBe("query-2026-11-01.xlsx");
  });
});
