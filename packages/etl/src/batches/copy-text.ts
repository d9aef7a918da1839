import type { Cell } from "../feeds/types.ts";

const SPECIAL = /[\\\t\n\r\0]/;

function escapeText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  // Postgres text cannot hold NUL: a damaged row's raw text loses it rather than failing the batch.
  return value.replace(/[\\\t\n\r\0]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "",
  );
}

/** A Postgres array literal with every element quoted, so commas, braces and NULL-looking codes survive. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

function cell(value: Cell): string {
  if (value === null) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  return escapeText(arrayLiteral(value));
}

/** One line of COPY … FROM STDIN (text format). */
export function copyLine(values: readonly Cell[]): string {
  let line = cell(values[0] ?? null);
  for (let i = 1; i < values.length; i++) line += `\t${cell(values[i] ?? null)}`;
  return `${line}\n`;
}
