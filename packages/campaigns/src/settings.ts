import type { PrismaClient } from "@dangol/db/client";
import { type CampaignSettings, campaignSettingsSchema } from "@dangol/domain";

type Db = Pick<PrismaClient, "$queryRaw">;

/** The campaign settings in force: the newest stored version, or the defaults. */
export async function loadCampaignSettings(db: Db): Promise<CampaignSettings> {
  const rows = await db.$queryRaw<{ value: unknown }[]>`
    SELECT value FROM analytics_config WHERE kind = 'campaigns' ORDER BY version DESC LIMIT 1`;
  return campaignSettingsSchema.parse(rows[0]?.value ?? {});
}
