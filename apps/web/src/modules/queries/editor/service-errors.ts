import { UserInputError } from "@dangol/db/users";
import { NextResponse } from "next/server";
import { getDictionary } from "@/i18n/server";

/**
 * The workbench services refuse with three error classes; the web turns them into what its
 * callers understand. Matched by name: the classes live in @dangol/workbench and a bundler may
 * load two copies of a module, which would break instanceof.
 */
type Refusal = "input" | "not_found" | "forbidden";

function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof Error)) return null;
  if (error.name === "WorkbenchInputError") return "input";
  if (error.name === "WorkbenchNotFoundError") return "not_found";
  if (error.name === "WorkbenchForbiddenError") return "forbidden";
  return null;
}

/**
 * Runs a service call for a server action: a refusal becomes a UserInputError (the action
 * helper answers it as the form's message); anything else is a bug and propagates.
 */
export async function forAction<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const words = (await getDictionary()).t.workbench.editor.errors;
    if (refusal === "not_found") throw new UserInputError(words.notFound);
    if (refusal === "forbidden") throw new UserInputError(words.notEditable);
    throw new UserInputError((error as Error).message, (error as { field?: string }).field);
  }
}

/** The same for a route handler: 400 / 404 / 403 JSON, never the stack. */
export async function forRoute(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const status = refusal === "input" ? 400 : refusal === "not_found" ? 404 : 403;
    return NextResponse.json(
      { error: refusal, message: (error as Error).message },
      { status, headers: { "Cache-Control": "no-store" } },
    );
  }
}
