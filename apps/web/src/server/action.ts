import { writeAudit } from "@dangol/db/audit";
import { getPrisma } from "@dangol/db/client";
import { isRole } from "@dangol/domain";
import { getDictionary } from "@/i18n/server";
import { createActionHelper } from "./action-core.ts";
import { getSession } from "./auth.ts";

export type { ActionResult } from "./action-core.ts";

/** The one helper every server action is built with (see action-core.ts for the order of checks). */
export const defineAction = createActionHelper({
  getSession,
  message: async (error) => (await getDictionary()).t.actionErrors[error],
  // A refused action call is someone probing past the UI: worth a line in the audit log.
  onForbidden: async (user, area) => {
    await writeAudit(getPrisma(), {
      actor: {
        id: user.id,
        email: user.email,
        ...(isRole(user.role) ? { role: user.role } : {}),
        storeId: user.storeId,
      },
      action: "access.denied",
      targetType: "area",
      targetId: area,
    });
  },
});
