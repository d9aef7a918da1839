import type { CampaignUser } from "@dangol/campaigns";
import type { Role } from "@dangol/domain";

/** The signed-in user as the campaign services take it (they check the role again themselves). */
export function campaignUser(user: { id: string; email: string; role: unknown }): CampaignUser {
  return { id: user.id, email: user.email, role: user.role as Role };
}
