import { type AuditActor, writeAudit } from "@dangol/db/audit";
import type { CampaignChannel, PrismaClient } from "@dangol/db/client";

/**
 * Suppression lists: customers no campaign may contact on a channel (null = every channel),
 * whatever their consent says — a complaint, a VIP the store handles personally, a dispute. Every
 * change is audited with the actor; the reason stays out of the audit row (it may name a person's
 * circumstances, and erasure clears it from campaign_suppression).
 */
export type Suppression = {
  id: bigint;
  customerId: bigint;
  channel: CampaignChannel | null;
  reason: string;
  source: string;
  createdBy: string | null;
  createdAt: Date;
};

export class SuppressionError extends Error {
  constructor(readonly kind: "not_found" | "customer_gone") {
    super(kind === "not_found" ? "suppression not found" : "customer is merged or erased");
  }
}

export async function addSuppression(
  prisma: PrismaClient,
  input: {
    customerId: bigint;
    channel: CampaignChannel | null;
    reason: string;
    source?: string;
    actor: AuditActor;
  },
): Promise<Suppression> {
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { status: true } });
    if (customer?.status !== "ACTIVE") throw new SuppressionError("customer_gone");
    const createdBy = "system" in input.actor ? `system:${input.actor.system}` : input.actor.email;
    const row = await tx.campaignSuppression.create({
      data: {
        customerId: input.customerId,
        channel: input.channel,
        reason: input.reason.slice(0, 200),
        source: input.source ?? "crm",
        createdBy,
      },
    });
    await writeAudit(tx, {
      actor: input.actor,
      action: "campaign.suppression.add",
      targetType: "customer",
      targetId: input.customerId.toString(),
      details: { suppressionId: row.id.toString(), channel: input.channel, source: row.source },
    });
    return row;
  });
}

export async function removeSuppression(
  prisma: PrismaClient,
  input: { id: bigint; customerId: bigint; actor: AuditActor },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const removed = await tx.campaignSuppression.deleteMany({ where: { id: input.id, customerId: input.customerId } });
    if (removed.count === 0) throw new SuppressionError("not_found");
    await writeAudit(tx, {
      actor: input.actor,
      action: "campaign.suppression.remove",
      targetType: "customer",
      targetId: input.customerId.toString(),
      details: { suppressionId: input.id.toString() },
    });
  });
}

export async function listSuppressions(
  prisma: Pick<PrismaClient, "campaignSuppression">,
  customerId: bigint,
): Promise<Suppression[]> {
  return prisma.campaignSuppression.findMany({ where: { customerId }, orderBy: { createdAt: "desc" } });
}
