import { formatSeoulDate } from "@dangol/domain";
import ExcelJS from "exceljs";
import type { ResultColumn } from "./index.ts";

export type ExportableResult = { columns: ResultColumn[]; rows: unknown[][] };

/** Byte-order mark: without it Excel reads UTF-8 CSV as the local code page and garbles Korean. */
const BOM = "\uFEFF";

function csvText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function csvField(value: unknown): string {
  const text = csvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF lines, fields quoted when they hold a quote, comma or line break) with a
 * header of the column names and the values as stored.
 */
export function resultToCsv(result: ExportableResult): string {
  const lines = [result.columns.map((column) => csvField(column.name)).join(",")];
  for (const row of result.rows) lines.push(result.columns.map((_, index) => csvField(row[index])).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

const SEOUL_OFFSET_MS = 9 * 3600 * 1000;

/** Excel has no time zones: an instant is written as its Seoul wall-clock time. */
function xlsxValue(value: unknown, type: ResultColumn["type"]): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (type === "number") {
    const number = typeof value === "number" ? value : Number(value);
    // An integer past 2^53 came as text to stay exact; as a number Excel would round it.
    const exact = typeof value === "number" || !/^-?\d+$/.test(String(value)) || Number.isSafeInteger(number);
    return Number.isFinite(number) && exact ? number : String(value);
  }
  if (type === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T00:00:00Z`);
  if (type === "timestamp" && typeof value === "string") {
    // timestamptz arrives as a UTC instant (…Z), timestamp as a zoneless wall-clock time.
    const instant = /(Z|[+-]\d\d:?\d\d)$/i.test(value);
    const time = new Date(instant ? value : `${value}Z`).getTime();
    if (!Number.isNaN(time)) return new Date(instant ? time + SEOUL_OFFSET_MS : time);
  }
  if (typeof value === "boolean") return value;
  return csvText(value);
}

const NUMBER_FORMATS: Partial<Record<ResultColumn["type"], string>> = {
  date: "yyyy-mm-dd",
  timestamp: "yyyy-mm-dd hh:mm:ss",
};

/** Widths from the header and the first rows' text, within what a screen shows. */
function columnWidth(result: ExportableResult, index: number): number {
  const header = result.columns[index]?.name ?? "";
  let widest = [...header].reduce((width, char) => width + (char.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  for (const row of result.rows.slice(0, 200)) widest = Math.max(widest, csvText(row[index]).length);
  return Math.min(Math.max(widest + 2, 8), 60);
}

/** One sheet: bold frozen header, numbers as numbers, dates as dates (Seoul), sized columns. */
export async function resultToXlsx(result: ExportableResult, sheetName = "결과"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Dangol";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = result.columns.map((column, index) => ({
    header: column.name,
    key: String(index),
    width: columnWidth(result, index),
    style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of result.rows)
    sheet.addRow(result.columns.map((column, index) => xlsxValue(row[index], column.type)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file name a download can carry: the title's letters (Korean kept), the run's date. */
export function exportFileName(title: string, date: Date, format: ExportFormat): string {
  const stem =
    title
      .replace(/[^\p{L}\p{N}_-]+/gu, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 80) || "query";
  return `${stem}-${formatSeoulDate(date)}.${format}`;
}
