import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { splitCsvLine } from "./csv.ts";
import { DPT_LAYOUTS } from "./dpt.ts";
import { normalisePhone, parseBirthDate, parseInteger, parseSeoulTimestamp } from "./fields.ts";
import { checkControl, checkHeader, checkTrailer, decodeCp949, decodeUtf8 } from "./file-checks.ts";
import { identifyFeedFile, loadOrder } from "./identify.ts";
import { MART_LAYOUTS } from "./mart.ts";
import { readFeed } from "./read.ts";
import { type FeedEvent, FileRefusedError, type Reference, rowsOf } from "./types.ts";

const reference: Reference = { stores: new Set(["D01", "M001"]), products: new Set(["D100149", "8801"]) };
const options = { businessDate: "2025-09-03", reference };

describe("file-level checks", () => {
  it("refuses a DPT file without trailer, or whose trailer disagrees with its rows", () => {
    expect(() => checkTrailer("D0001,2025-09", 3)).toThrow(FileRefusedError);
    expect(() => checkTrailer(null, 0)).toThrow("no EOF trailer");
    expect(() => checkTrailer("EOF,4", 3)).toThrow("trailer says EOF,4 but the file has 3 rows");
    expect(() => checkTrailer("EOF,3", 3)).not.toThrow();
  });

  it("refuses a MART file whose control row_count or md5 disagrees", () => {
    const control = { rowCount: 2, md5: "a".repeat(32) };
    expect(() => checkControl(control, 1, "a".repeat(32))).toThrow("row_count=2 but the file has 1 rows");
    expect(() => checkControl(control, 2, "b".repeat(32))).toThrow("disagrees with the control file");
    expect(() => checkControl(control, 2, "a".repeat(32))).not.toThrow();
  });

  it("refuses a header that is not the documented one", () => {
    expect(() => checkHeader(["a", "b"], ["a", "c"])).toThrow("no valid header");
    expect(() => checkHeader(null, ["a"])).toThrow("no valid header");
    expect(() => checkHeader(["a", "b"], ["a", "b"])).not.toThrow();
  });
});

describe("encodings", () => {
  it("decodes CP949 Hangul, including CP949-only syllables", () => {
    const bytes = iconv.encode("송재원,똠방각하", "cp949");
    expect(decodeCp949(bytes)).toEqual({ text: "송재원,똠방각하" });
  });

  it("rejects a UTF-8 row inside a CP949 file even though it decodes to plausible CP949", () => {
    const utf8 = Buffer.from("D806899014,최수진,여", "utf8");
    expect(iconv.decode(utf8, "cp949")).not.toContain("\uFFFD".repeat(3));
    expect(decodeCp949(utf8)).toMatchObject({ error: "wrong encoding: UTF-8 row in a CP949 file" });
  });

  it("rejects bytes that are neither CP949 nor UTF-8, and CP949 bytes in a UTF-8 file", () => {
    expect(decodeCp949(Buffer.from([0x41, 0xff, 0xff, 0x42]))).toHaveProperty("error");
    expect(decodeUtf8(iconv.encode("최수진", "cp949"))).toMatchObject({ error: "wrong encoding: not valid UTF-8" });
  });
});

describe("fields", () => {
  it("splits quoted CSV with commas and doubled quotes, and refuses an unbalanced quote", () => {
    expect(splitCsvLine('a,"1,234,000","say ""hi""",')).toEqual(["a", "1,234,000", 'say "hi"', ""]);
    expect(splitCsvLine('a,"open')).toBeNull();
  });

  it("reads thousands separators only where allowed and only when well placed", () => {
    expect(parseInteger("1,234,000", true)).toBe(1234000);
    expect(parseInteger("-82,130", true)).toBe(-82130);
    expect(parseInteger("1,23", true)).toBeNull();
    expect(parseInteger("1,234", false)).toBeNull();
  });

  it("normalises every phone shape and applies the mobile/landline rule", () => {
    for (const shape of ["010-1234-5678", "01012345678", "010 1234 5678", "+82-10-1234-5678", "+821012345678"]) {
      expect(normalisePhone(shape)).toEqual({ digits: "01012345678", valid: true });
    }
    expect(normalisePhone("02-123-4567")?.valid).toBe(true);
    expect(normalisePhone("010-1234-5")?.valid).toBe(false);
    expect(normalisePhone("")).toBeNull();
  });

  it("accepts birth dates on the calendar between 1900 and the business day", () => {
    expect(parseBirthDate("19851015", "2025-09-03")).toBe("1985-10-15");
    expect(parseBirthDate("20240230", "2025-09-03")).toBeNull();
    expect(parseBirthDate("18991231", "2025-09-03")).toBeNull();
    expect(parseBirthDate("20250904", "2025-09-03")).toBeNull();
  });

  it("refuses impossible sale timestamps", () => {
    expect(parseSeoulTimestamp("2025-09-03 14:09:45")).toBe("2025-09-03 14:09:45+09");
    expect(parseSeoulTimestamp("20240230120000")).toBeNull();
    expect(parseSeoulTimestamp("2025-04-31 10:00:00")).toBeNull();
  });
});

const dptSale = (overrides: Record<number, string> = {}) => {
  const f = [
    "R1",
    "D01",
    "26",
    "2025-09-03 14:09:45",
    "1",
    "",
    "D436862242",
    "1",
    "D100149",
    "2",
    "1000",
    "100",
    "1,900",
    "19",
    "0",
    "",
  ];
  for (const [i, v] of Object.entries(overrides)) f[Number(i)] = v;
  return DPT_LAYOUTS.sales!.build(f, 2, f.join(","), options);
};

describe("DPT sales rows", () => {
  it("loads a line with a thousands-separated amount and no finding", () => {
    const event = dptSale();
    expect(event).toMatchObject({ type: "row", table: "sale_line", findings: [] });
    if (event.type === "row") expect(event.rows[0]).toContain(1900);
  });

  it("rejects an unknown store, an invalid sale date or an unreadable amount", () => {
    expect(dptSale({ 1: "D99" })).toMatchObject({ type: "reject", reason: 'unknown store "D99"' });
    expect(dptSale({ 3: "2024-02-30 10:00:00" })).toMatchObject({ type: "reject" });
    expect(dptSale({ 12: "abc" })).toMatchObject({ type: "reject" });
  });

  it("loads an amount mismatch and an unknown product with findings", () => {
    const event = dptSale({ 8: "D999999", 12: "2,000" });
    expect(event.type === "row" && event.findings.map((f) => f.kind)).toEqual(["amount_mismatch", "unknown_product"]);
  });
});

const martMember = (overrides: Record<number, string> = {}) => {
  const f =
    "7410420565|9420004104205724|최소연|F|19751026|01063546329|a@b.kr|34161|대전|108동|20200711|M001||1|1|0|0|0|20200711135530|N|20200711204951".split(
      "|",
    );
  for (const [i, v] of Object.entries(overrides)) f[Number(i)] = v;
  return MART_LAYOUTS.member!.build(f, 2, f.join("|"), options);
};

describe("MART member rows", () => {
  it("loads a clean insert", () => {
    expect(martMember()).toMatchObject({ type: "row", table: "member", findings: [] });
  });

  it("records bad e-mail, phone and birth date as findings, keeping the row", () => {
    const event = martMember({ 4: "20240230", 5: "0106354", 6: "a at b.kr" });
    expect(event.type === "row" && event.findings.map((f) => f.kind).sort()).toEqual([
      "invalid_birth_date",
      "invalid_email",
      "invalid_phone",
    ]);
  });

  it("rejects an unknown change type or a missing member number", () => {
    expect(martMember({ 19: "X" })).toMatchObject({ type: "reject" });
    expect(martMember({ 0: "" })).toMatchObject({ type: "reject" });
  });

  it("does not flag the blank fields of a withdrawal", () => {
    const blank = Array.from({ length: 21 }, () => "");
    Object.assign(blank, { 0: "7410420565", 19: "W", 20: "20250903101010" });
    expect(MART_LAYOUTS.member!.build(blank, 3, "", options)).toMatchObject({ type: "row", findings: [] });
  });
});

describe("file identification", () => {
  it("recognises names, business days, and orders masters before members before sales", () => {
    const names = [
      "x/DPT_SALES_20250903.csv",
      "DPT_MEMBER_20250903.csv",
      "mart_stores.psv",
      "hq_regions.csv",
      "sm_receipts_20250902.jsonl",
    ];
    const files = names.map((n) => identifyFeedFile(n)!);
    expect(files[0]).toEqual({
      name: "DPT_SALES_20250903.csv",
      division: "DPT",
      kind: "sales",
      businessDate: "2025-09-03",
    });
    expect(identifyFeedFile("mart_sales_20250903.psv.ctl")).toBeNull();
    expect([...files].sort(loadOrder).map((f) => f.name)).toEqual([
      "hq_regions.csv",
      "mart_stores.psv",
      "sm_receipts_20250902.jsonl",
      "DPT_MEMBER_20250903.csv",
      "DPT_SALES_20250903.csv",
    ]);
  });
});

describe("SM receipts: one row per item", () => {
  const receipt = (id: string, items: number, store = "S001") =>
    JSON.stringify({
      receiptId: id,
      storeCode: store,
      issuedAt: "2025-09-03T10:00:00+09:00",
      type: "SALE",
      items: Array.from({ length: items }, (_, i) => ({ line: i + 1, sku: "SM-1", qty: 1, amount: 1000 })),
    });

  it("counts staged, rejected and repeated receipts by their items, an unreadable line as one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dangol-sm-"));
    const path = join(dir, "sm_receipts_20250903.jsonl");
    const lines = [receipt("R1", 3), receipt("R2", 2, "S999"), receipt("R1", 3), '{"receiptId": "R3", "items": [', ""];
    writeFileSync(path, lines.join("\n"));
    const smReference: Reference = { stores: new Set(["S001"]), products: new Set(["SM-1"]) };
    const events: FeedEvent[] = [];
    for await (const batch of readFeed(path, identifyFeedFile(path)!, {
      businessDate: "2025-09-03",
      reference: smReference,
    }))
      events.push(...batch);
    rmSync(dir, { recursive: true, force: true });
    expect(events.map((e) => [e.type, rowsOf(e)])).toEqual([
      ["row", 3],
      ["reject", 2],
      ["skip", 3],
      ["reject", 1],
    ]);
  });
});
