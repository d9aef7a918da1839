import { parseDate, parseDecimal, parseInteger } from "./fields.ts";
import type { Accepted, Finding, Rejected } from "./types.ts";

type Division = "DPT" | "MART" | "SM";

function findingsFor(lineNo: number, key: string) {
  const findings: Finding[] = [];
  return {
    findings,
    add: (kind: string, field: string, raw: string) => findings.push({ lineNo, kind, field, raw, key }),
  };
}

function optional<T>(value: string, parse: (v: string) => T | null, onBad: () => void): T | null {
  if (value === "") return null;
  const parsed = parse(value);
  if (parsed === null) onBad();
  return parsed;
}

export function toStore(
  division: Division,
  [code, name, sido, sigungu, openedOn, lat, lon]: readonly string[],
  lineNo: number,
  raw: string,
): Accepted | Rejected {
  if (!code) return { type: "reject", lineNo, reason: "store code missing", raw };
  const { findings, add } = findingsFor(lineNo, code);
  const row = [
    division,
    code,
    name || null,
    sido || null,
    sigungu || null,
    optional(openedOn ?? "", parseDate, () => add("invalid_date", "opened_on", openedOn ?? "")),
    optional(lat ?? "", parseDecimal, () => add("invalid_number", "lat", lat ?? "")),
    optional(lon ?? "", parseDecimal, () => add("invalid_number", "lon", lon ?? "")),
  ];
  return { type: "row", lineNo, table: "store", rows: [row], findings };
}

export function toProduct(
  division: Division,
  [code, name, brand, category, price]: readonly string[],
  lineNo: number,
  raw: string,
): Accepted | Rejected {
  if (!code) return { type: "reject", lineNo, reason: "product code missing", raw };
  const { findings, add } = findingsFor(lineNo, code);
  const row = [
    division,
    code,
    name || null,
    brand || null,
    category || null,
    optional(
      price ?? "",
      (v) => parseInteger(v, true),
      () => add("invalid_number", "list_price", price ?? ""),
    ),
  ];
  return { type: "row", lineNo, table: "product", rows: [row], findings };
}

export function toCategory(
  [code, level, parent, nameKo, nameEn]: readonly string[],
  lineNo: number,
  raw: string,
): Accepted | Rejected {
  const lvl = parseInteger(level ?? "");
  if (!code || lvl === null || lvl < 1 || lvl > 3) {
    return { type: "reject", lineNo, reason: "category code or level (1–3) missing or invalid", raw };
  }
  const row = [code, lvl, parent || null, nameKo || null, nameEn || null];
  return { type: "row", lineNo, table: "hq_category", rows: [row], findings: [] };
}

export function toCategoryMap(
  [division, source, category]: readonly string[],
  lineNo: number,
  raw: string,
): Accepted | Rejected {
  if (division !== "DPT" && division !== "MART" && division !== "SM") {
    return { type: "reject", lineNo, reason: `unknown division ${JSON.stringify(division)}`, raw };
  }
  if (!source || !category) return { type: "reject", lineNo, reason: "category code missing", raw };
  return { type: "row", lineNo, table: "hq_category_map", rows: [[division, source, category]], findings: [] };
}

export function toRegion(
  [sido, sigungu, lat, lon]: readonly string[],
  lineNo: number,
  raw: string,
): Accepted | Rejected {
  if (!sido || !sigungu) return { type: "reject", lineNo, reason: "sido or sigungu missing", raw };
  const { findings, add } = findingsFor(lineNo, `${sido} ${sigungu}`);
  const row = [
    sido,
    sigungu,
    optional(lat ?? "", parseDecimal, () => add("invalid_number", "lat", lat ?? "")),
    optional(lon ?? "", parseDecimal, () => add("invalid_number", "lon", lon ?? "")),
  ];
  return { type: "row", lineNo, table: "hq_region", rows: [row], findings };
}
