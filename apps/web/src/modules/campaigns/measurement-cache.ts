import { cumulativeResponseCurve, measureCampaign } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";

const TTL_MS = 60_000;
type Figures = {
  measured: Awaited<ReturnType<typeof measureCampaign>>;
  curve: Awaited<ReturnType<typeof cumulativeResponseCurve>>;
};
const recent = new Map<string, { at: number; figures: Promise<Figures> }>();

/**
 * The campaign's measurement, kept for a minute per campaign: the detail page refreshes itself
 * every 3 s while a run sends, and measuring a million members reads their receipts (seconds of
 * work). Responses arrive with the nightly feeds, so a minute-old figure loses nothing.
 */
export function campaignFigures(campaignId: string): Promise<Figures> {
  const hit = recent.get(campaignId);
  if (hit && performance.now() - hit.at < TTL_MS) return hit.figures;
  const prisma = getPrisma();
  const figures = Promise.all([measureCampaign(prisma, campaignId), cumulativeResponseCurve(prisma, campaignId)]).then(
    ([measured, curve]) => ({ measured, curve }),
  );
  recent.set(campaignId, { at: performance.now(), figures });
  // A failed measurement is not kept: the next refresh asks again.
  figures.catch(() => recent.delete(campaignId));
  return figures;
}
