import pg from "pg";

export type ResultColumnType = "number" | "text" | "date" | "timestamp" | "boolean" | "json" | "array";
export interface ResultColumn {
  name: string;
  type: ResultColumnType;
}

/**
 * How result values leave Postgres: JSON-safe (runs are stored as jsonb and sent to the browser)
 * and useful to an analyst's chart. pg's defaults give Date objects shifted into the server
 * process's zone, strings for every bigint and numeric, and Buffers; these parsers are set on the
 * executor's own client only, so nothing else in the process changes.
 */
const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

/** Array type → its element type, for the arrays an analytics view can produce. */
const ARRAY_ELEMENTS: Record<number, number> = {
  1000: OID.bool,
  1005: OID.int2,
  1007: OID.int4,
  1016: OID.int8,
  1009: OID.text,
  1014: OID.bpchar,
  1015: OID.varchar,
  1021: OID.float4,
  1022: OID.float8,
  1028: OID.oid,
  199: OID.json,
  1182: OID.date,
  1115: OID.timestamp,
  1185: OID.timestamptz,
  1231: OID.numeric,
  2951: OID.uuid,
  3807: OID.jsonb,
};

const NUMBER_TYPES = new Set<number>([OID.int2, OID.int4, OID.int8, OID.oid, OID.float4, OID.float8, OID.numeric]);

export function columnType(oid: number): ResultColumnType {
  if (NUMBER_TYPES.has(oid)) return "number";
  if (oid === OID.bool) return "boolean";
  if (oid === OID.date) return "date";
  if (oid === OID.timestamp || oid === OID.timestamptz) return "timestamp";
  if (oid === OID.json || oid === OID.jsonb) return "json";
  if (oid in ARRAY_ELEMENTS) return "array";
  return "text";
}

type Parser = (value: string) => unknown;
const keep: Parser = (value) => value;

/** An integer only while it is exact; 9007199254740993 stays a string rather than silently rounding. */
const parseInteger: Parser = (value) => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
};

/**
 * numeric → number when its integer part is exact as a double (sums of amounts, counts); the
 * fraction of an average or ratio may lose digits beyond double precision, which no chart or
 * spreadsheet keeps anyway. NaN / Infinity are not JSON, so they stay strings.
 */
const parseDecimal: Parser = (value) => {
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(Math.trunc(n)) > Number.MAX_SAFE_INTEGER) return value;
  return n;
};

const parseDouble: Parser = (value) => {
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
};

const defaultTimestamptz = pg.types.getTypeParser(OID.timestamptz) as (value: string) => unknown;
/** An instant as ISO 8601 in UTC; infinity and BC dates stay as Postgres wrote them. */
const parseTimestamptz: Parser = (value) => {
  const parsed = defaultTimestamptz(value);
  return parsed instanceof Date && !Number.isNaN(parsed.getTime()) && parsed.getUTCFullYear() > 0
    ? parsed.toISOString()
    : value;
};

/** A wall-clock time without zone: only the ISO 'T' separator changes. */
const parseTimestamp: Parser = (value) => value.replace(/^(\d{4,}-\d\d-\d\d) /, "$1T");

const SCALAR_PARSERS: Record<number, Parser> = {
  [OID.bool]: (value) => value === "t",
  [OID.int2]: parseInteger,
  [OID.int4]: parseInteger,
  [OID.int8]: parseInteger,
  [OID.oid]: parseInteger,
  [OID.float4]: parseDouble,
  [OID.float8]: parseDouble,
  [OID.numeric]: parseDecimal,
  [OID.json]: (value) => JSON.parse(value),
  [OID.jsonb]: (value) => JSON.parse(value),
  [OID.timestamptz]: parseTimestamptz,
  [OID.timestamp]: parseTimestamp,
  // date: Postgres's ISO output is already YYYY-MM-DD, kept as text so no time zone shifts it.
};

/** pg's parser for text[] literals: nested arrays of element strings (or null), for any element type. */
const parseTextArray = (pg.types.getTypeParser as (oid: number) => (value: string) => unknown[])(1009);

function mapNested(values: unknown[], parse: Parser): unknown[] {
  return values.map((v) => (Array.isArray(v) ? mapNested(v, parse) : v === null ? null : parse(v as string)));
}

function parserFor(oid: number): Parser {
  const scalar = SCALAR_PARSERS[oid];
  if (scalar) return scalar;
  const element = ARRAY_ELEMENTS[oid];
  if (element !== undefined) {
    const parseElement = SCALAR_PARSERS[element] ?? keep;
    return (value) => mapNested(parseTextArray(value), parseElement);
  }
  // Everything else (text, uuid, interval, bytea as \x…, enums, geometric types) as Postgres's text.
  return keep;
}

/** The `types` option of the executor's pg.Client (text format only: the executor never asks for binary). */
export const resultTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) => parserFor(oid)) as pg.CustomTypesConfig["getTypeParser"],
};
