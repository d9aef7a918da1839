import { z } from "zod";
import { formatPhone } from "../customers/mask.ts";

/** A counter needs to tell apart a handful of people, never to page through the base. */
export const LOOKUP_MAX_RESULTS = 10;

/**
 * The GET form at the edge: `key` is the one field a person types into or a USB scanner fills
 * (digits + Enter), `name` the optional name. Oversized or repeated values count as absent rather
 * than failing the page.
 */
export const lookupFormSchema = z.object({
  key: z.string().trim().max(40).optional().catch(undefined),
  name: z.string().trim().max(50).optional().catch(undefined),
});
export type LookupForm = z.output<typeof lookupFormSchema>;

export type LookupKey =
  | { by: "last4+name"; last4: string; namePrefix: string }
  | { by: "phone"; phone: string }
  | { by: "card"; number: string };

export type ParsedLookup =
  | { kind: "idle" }
  | { kind: "invalid"; reason: "needName" | "needKey" | "badKey" }
  | { kind: "search"; key: LookupKey };

const MOBILE_OR_LANDLINE = /^0\d{9,10}$/;
// Card numbers (16 digits in every division) and member numbers (D000123456, M700000001, SM50000001).
const CARD_OR_MEMBER = /^[A-Z0-9]{6,32}$/;

/**
 * Decides how to search from what was typed. Four digits alone match hundreds of people at bench
 * scale, so they need the name (or its first character); a name alone would be browsing, so it is
 * refused. Separators a person or a printed card adds (spaces, dashes, dots) are ignored.
 */
export function parseLookupInput(form: LookupForm): ParsedLookup {
  const compact = (form.key ?? "").replace(/[\s.-]/g, "").toUpperCase();
  const name = (form.name ?? "").replace(/\s/g, "");
  if (!compact) return name ? { kind: "invalid", reason: "needKey" } : { kind: "idle" };
  if (/^\d{4}$/.test(compact)) {
    return name
      ? { kind: "search", key: { by: "last4+name", last4: compact, namePrefix: name } }
      : { kind: "invalid", reason: "needName" };
  }
  if (MOBILE_OR_LANDLINE.test(compact)) return { kind: "search", key: { by: "phone", phone: formatPhone(compact) } };
  if (CARD_OR_MEMBER.test(compact)) return { kind: "search", key: { by: "card", number: compact } };
  return { kind: "invalid", reason: "badKey" };
}
