import { blank, type Cleansed } from "./result.ts";
import { halfWidth } from "./text.ts";

/**
 * The 5-digit 국가기초구역 code (since 2015). An old 6-digit `123-456` code is a finding: it
 * cannot be mapped to the new one without the post office's conversion table.
 */
export function cleanseZip(raw: string | null | undefined): Cleansed<string> {
  if (blank(raw)) return { value: null };
  const zip = halfWidth(raw).replace(/\s/g, "");
  return /^\d{5}$/.test(zip) ? { value: zip } : { finding: { kind: "invalid_zip", raw } };
}
