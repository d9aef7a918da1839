import type { AuditActor } from "@dangol/db/audit";
import { canAccess, type Role } from "@dangol/domain";
import type { z } from "zod";

/** Whoever calls a workbench service: the signed-in session's user. */
export type WorkbenchUser = { id: string; email: string; role: Role };

/** A refusal the person at the keyboard can fix; `message` is one sentence naming what is wrong. */
export class WorkbenchInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "WorkbenchInputError";
  }
}

/**
 * Missing, deleted, or not the caller's to see: one error for all three, so a guessed id tells
 * nothing about what exists.
 */
export class WorkbenchNotFoundError extends Error {
  constructor(readonly what: "query" | "run" | "schedule") {
    super(`The ${what} does not exist or is not yours to see.`);
    this.name = "WorkbenchNotFoundError";
  }
}

/** The caller may see it but not change it (someone else's shared query, someone else's run). */
export class WorkbenchForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbenchForbiddenError";
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new WorkbenchInputError(`${field ? `${field}: ` : ""}${issue?.message ?? "the input is not valid"}`, field);
}

/** Ids travel as text (bigint does not survive JSON); anything else is a missing row. */
export function parseId(id: string | bigint, what: "query" | "run" | "schedule"): bigint {
  if (typeof id === "bigint") return id;
  if (!/^\d{1,18}$/.test(id)) throw new WorkbenchNotFoundError(what);
  return BigInt(id);
}

export function auditActor(user: WorkbenchUser): AuditActor {
  return { id: user.id, email: user.email, role: user.role };
}

/** The pages check the role too; the services refuse on their own so no other caller can skip it. */
export function requireWorkbench(user: WorkbenchUser): void {
  if (!canAccess(user.role, "queries"))
    throw new WorkbenchForbiddenError("The workbench is for analysts, CRM managers and admins.");
}
