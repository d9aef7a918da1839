import type { AuditActor } from "@dangol/db/audit";
import { canAccess, type Role } from "@dangol/domain";
import type { z } from "zod";

/** Whoever calls a segment service: the signed-in session's user. */
export type SegmentUser = { id: string; email: string; role: Role };

/** A refusal the person at the keyboard can fix; `message` is one sentence naming what is wrong. */
export class SegmentInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "SegmentInputError";
  }
}

/** Missing or deleted: one error for both, so a guessed id tells nothing. */
export class SegmentNotFoundError extends Error {
  constructor() {
    super("The segment does not exist.");
    this.name = "SegmentNotFoundError";
  }
}

export class SegmentForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SegmentForbiddenError";
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new SegmentInputError(`${field ? `${field}: ` : ""}${issue?.message ?? "the input is not valid"}`, field);
}

/** Ids travel as text (bigint does not survive JSON); anything else is a missing row. */
export function parseSegmentId(id: string | bigint): bigint {
  if (typeof id === "bigint") return id;
  if (!/^\d{1,18}$/.test(id)) throw new SegmentNotFoundError();
  return BigInt(id);
}

export function auditActor(user: SegmentUser): AuditActor {
  return { id: user.id, email: user.email, role: user.role };
}

/** The pages check the role too; the services refuse on their own so no other caller can skip it. */
export function requireSegments(user: SegmentUser): void {
  if (!canAccess(user.role, "segments")) throw new SegmentForbiddenError("Segments are for CRM managers and admins.");
}

/** Someone else's segment is theirs (or an admin's) to change; a ready-made one is the admins'. */
export function requireEditor(user: SegmentUser, row: { ownerId: string; builtIn: boolean }): void {
  if (user.role === "ADMIN") return;
  if (row.builtIn)
    throw new SegmentForbiddenError("A ready-made segment is changed by admins only; save a copy instead.");
  if (row.ownerId !== user.id) throw new SegmentForbiddenError("Only the segment's owner or an admin may change it.");
}
