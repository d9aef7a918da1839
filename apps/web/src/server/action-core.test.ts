import type { Area } from "@dangol/domain";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type ActionUser, createActionHelper } from "./action-core.ts";

const admin: ActionUser = { id: "u-admin", email: "admin@dangol.local", role: "ADMIN", storeId: null };
const storeStaff: ActionUser = { id: "u-store", email: "store@dangol.local", role: "STORE_STAFF", storeId: 12 };

function setup(user: ActionUser | null) {
  const onForbidden = vi.fn(async (_user: ActionUser, _area: Area) => {});
  const defineAction = createActionHelper({
    getSession: async () => (user ? { user } : null),
    message: (error) => `message:${error}`,
    onForbidden,
  });
  const handler = vi.fn(async (input: { email: string }) => ({ created: input.email }));
  const action = defineAction({ area: "users", schema: z.object({ email: z.email() }) }, handler);
  return { action, handler, onForbidden };
}

describe("defineAction", () => {
  it("refuses without a session and never runs the handler", async () => {
    const { action, handler } = setup(null);
    expect(await action({ email: "a@b.co" })).toEqual({
      ok: false,
      error: "unauthenticated",
      message: "message:unauthenticated",
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("rejects a store-staff session on an admin action before parsing, and reports the attempt", async () => {
    const { action, handler, onForbidden } = setup(storeStaff);
    const result = await action({ email: "not-even-an-email" });
    expect(result).toEqual({ ok: false, error: "forbidden", message: "message:forbidden" });
    expect(handler).not.toHaveBeenCalled();
    expect(onForbidden).toHaveBeenCalledWith(storeStaff, "users");
  });

  it("fails closed on a role it does not know", async () => {
    const { action, handler } = setup({ ...admin, role: "SUPERUSER" });
    expect((await action({ email: "a@b.co" })).ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it("returns field errors for invalid input without running the handler", async () => {
    const { action, handler } = setup(admin);
    const result = await action({ email: "nope" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBe("invalid");
    expect(!result.ok && result.fieldErrors?.email?.length).toBe(1);
    expect(handler).not.toHaveBeenCalled();
  });

  it("parses FormData, dropping Next's own fields and empty inputs", async () => {
    const { action, handler } = setup(admin);
    const form = new FormData();
    form.set("$ACTION_ID_abc", "");
    form.set("email", "new@dangol.local");
    expect(await action(form)).toEqual({ ok: true, data: { created: "new@dangol.local" } });
    expect(handler).toHaveBeenCalledWith(
      { email: "new@dangol.local" },
      { actor: { id: "u-admin", email: "admin@dangol.local", role: "ADMIN", storeId: null } },
    );
  });

  it("turns a UserInputError from the service into an invalid result naming the field", async () => {
    const defineAction = createActionHelper({ getSession: async () => ({ user: admin }), message: (e) => e });
    const action = defineAction({ area: "users", schema: z.object({}) }, async () => {
      throw Object.assign(new Error("A user with the e-mail x@y.z already exists."), {
        name: "UserInputError",
        field: "email",
      });
    });
    expect(await action({})).toEqual({
      ok: false,
      error: "invalid",
      message: "A user with the e-mail x@y.z already exists.",
      fieldErrors: { email: ["A user with the e-mail x@y.z already exists."] },
    });
  });

  it("lets unexpected errors propagate", async () => {
    const defineAction = createActionHelper({ getSession: async () => ({ user: admin }), message: (e) => e });
    const action = defineAction({ area: "users", schema: z.object({}) }, async () => {
      throw new Error("database down");
    });
    await expect(action({})).rejects.toThrow("database down");
  });
});
