import type { AuditActor } from "@dangol/db/audit";
import { canAccess, type Role } from "@dangol/domain";
import type { z } from "zod";

/** Whoever calls a campaign service: the signed-in session's user. */
export type CampaignUser = { id: string; email: string; role: Role };

/** A refusal the person at the keyboard can fix; `message` is one sentence naming what is wrong. */
export class CampaignInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "CampaignInputError";
  }
}

/** Missing: one error for every miss, so a guessed id tells nothing. */
export class CampaignNotFoundError extends Error {
  constructor() {
    super("The campaign does not exist.");
    this.name = "CampaignNotFoundError";
  }
}

export class CampaignForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CampaignForbiddenError";
  }
}

/** A life-cycle move the state machine refused, with its Korean and English explanation. */
export class CampaignTransitionError extends Error {
  constructor(
    readonly reason: string,
    readonly messages: { ko: string; en: string },
  ) {
    super(messages.en);
    this.name = "CampaignTransitionError";
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new CampaignInputError(`${field ? `${field}: ` : ""}${issue?.message ?? "the input is not valid"}`, field);
}

/** Ids travel as text (bigint does not survive JSON); anything else is a missing row. */
export function parseCampaignId(id: string | bigint): bigint {
  if (typeof id === "bigint") return id;
  if (!/^\d{1,18}$/.test(id)) throw new CampaignNotFoundError();
  return BigInt(id);
}

export function auditActor(user: CampaignUser): AuditActor {
  return { id: user.id, email: user.email, role: user.role };
}

/** The pages check the role too; the services refuse on their own so no other caller can skip it. */
export function requireCampaigns(user: CampaignUser): void {
  if (!canAccess(user.role, "campaigns"))
    throw new CampaignForbiddenError("Campaigns are for CRM managers and admins.");
}
