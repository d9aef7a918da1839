import { isRole, type Role } from "../access/roles.ts";

/** The export's columns without personal data, in file order. */
export const SEGMENT_EXPORT_COLUMNS = [
  "customer_id",
  "tier",
  "lifecycle",
  "formats",
  "rfm_segment",
  "spend_12m",
  "visits_12m",
] as const;
/** Personal columns, added only for roles that may see them. */
export const SEGMENT_EXPORT_PII_COLUMNS = ["name", "phone", "email"] as const;

const EXPORT_ROLES: readonly Role[] = ["ADMIN", "CRM_MANAGER", "ANALYST"];
const PII_ROLES: readonly Role[] = ["ADMIN", "CRM_MANAGER"];

/**
 * What a role may take out of a segment: store staff nothing, analysts the figures without
 * personal columns, admins and CRM managers names, phones and e-mails too. Fail closed on
 * anything unknown. (The services also require the segments area to reach a segment at all.)
 */
export function segmentExportPolicy(role: unknown): { allowed: false } | { allowed: true; pii: boolean } {
  if (!isRole(role) || !EXPORT_ROLES.includes(role)) return { allowed: false };
  return { allowed: true, pii: PII_ROLES.includes(role) };
}
