import { DIVISIONS, type Division } from "./roles.ts";

export type StoreRef = { division: Division; code: string };

/**
 * Store codes are unique only within a division, so a store is named `DIVISION:CODE`
 * (e.g. `MART:M012`). Returns an error sentence instead of throwing, for CLI and forms.
 */
export function parseStoreRef(input: string): { ok: true; value: StoreRef } | { ok: false; error: string } {
  const match = /^([A-Za-z]+):([A-Za-z0-9_-]+)$/.exec(input.trim());
  if (!match) return { ok: false, error: `"${input}" is not a store reference; write DIVISION:CODE, e.g. MART:M012` };
  const division = match[1]!.toUpperCase();
  if (!(DIVISIONS as readonly string[]).includes(division)) {
    return { ok: false, error: `unknown division "${match[1]}" in "${input}"; use one of ${DIVISIONS.join(", ")}` };
  }
  return { ok: true, value: { division: division as Division, code: match[2]! } };
}

export function formatStoreRef(ref: StoreRef): string {
  return `${ref.division}:${ref.code}`;
}
