import { type Area, canAccess, type Role } from "@dangol/domain";
import type { z } from "zod";

export type ActionError = "forbidden" | "unauthenticated" | "invalid";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError; message: string; fieldErrors?: Record<string, string[]> };

export type ActionUser = { id: string; email: string; role: unknown; storeId: number | null };

/** The signed-in user as the audit log records it. */
export type ActionActor = { id: string; email: string; role: Role; storeId: number | null };

export type ActionDeps = {
  getSession: () => Promise<{ user: ActionUser } | null>;
  /** The sentence shown for each refusal, in the reader's language. */
  message: (error: ActionError) => Promise<string> | string;
  /** Called before refusing a signed-in user, e.g. to audit the attempt. */
  onForbidden?: (user: ActionUser, area: Area) => Promise<void>;
};

/** Form posts carry Next's own `$ACTION_…` fields, and empty inputs mean "not given". */
function formDataToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string" || value === "") continue;
    out[key] = value;
  }
  return out;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

/**
 * Our services throw UserInputError for refusals a person can fix. Matched by name rather than
 * instanceof so this module stays free of the database package and testable without it.
 */
function asUserInputError(error: unknown): { message: string; field?: string } | null {
  if (!(error instanceof Error) || error.name !== "UserInputError") return null;
  const field = (error as { field?: unknown }).field;
  return typeof field === "string" ? { message: error.message, field } : { message: error.message };
}

/**
 * Builds the one action helper. Order matters: session, then role (fail closed: an unknown role
 * or area is refused), then input; the handler never runs unless all three pass.
 */
export function createActionHelper(deps: ActionDeps) {
  return function defineAction<S extends z.ZodType, T>(
    config: { area: Area; schema: S },
    handler: (input: z.output<S>, context: { actor: ActionActor }) => Promise<T>,
  ): (input: z.input<S> | FormData) => Promise<ActionResult<T>> {
    return async (raw) => {
      const session = await deps.getSession();
      if (!session) return { ok: false, error: "unauthenticated", message: await deps.message("unauthenticated") };
      const { user } = session;
      if (!canAccess(user.role, config.area)) {
        await deps.onForbidden?.(user, config.area);
        return { ok: false, error: "forbidden", message: await deps.message("forbidden") };
      }
      const parsed = config.schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
      if (!parsed.success) {
        return {
          ok: false,
          error: "invalid",
          message: parsed.error.issues[0]?.message ?? (await deps.message("invalid")),
          fieldErrors: fieldErrorsOf(parsed.error),
        };
      }
      const actor: ActionActor = { id: user.id, email: user.email, role: user.role as Role, storeId: user.storeId };
      try {
        return { ok: true, data: await handler(parsed.data, { actor }) };
      } catch (error) {
        const inputError = asUserInputError(error);
        if (!inputError) throw error;
        return {
          ok: false,
          error: "invalid",
          message: inputError.message,
          ...(inputError.field ? { fieldErrors: { [inputError.field]: [inputError.message] } } : {}),
        };
      }
    };
  };
}
