import { z } from "zod";

/** Fields a store screen masks (name, phone) or hides (e-mail, address) until revealed. */
export const REVEAL_FIELDS = ["name", "phone", "email", "address"] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

/** Why a staff member needs the full value; "other" asks for a few words so the log explains itself. */
export const REVEAL_REASONS = ["identity", "delivery", "customer_request", "other"] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

export const revealRequestSchema = z
  .object({
    customerId: z.string().regex(/^\d{1,19}$/),
    field: z.enum(REVEAL_FIELDS),
    reason: z.enum(REVEAL_REASONS),
    note: z.string().trim().max(200).optional(),
  })
  .refine((r) => r.reason !== "other" || (r.note?.length ?? 0) > 0, {
    path: ["note"],
    message: "describe the reason",
  });
export type RevealRequest = z.output<typeof revealRequestSchema>;
