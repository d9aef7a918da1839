import { writeAudit } from "@dangol/db/audit";
import type { Prisma, PrismaClient } from "@dangol/db/client";
import {
  allowedActions,
  type CampaignAction,
  type CampaignDefinition,
  type CampaignDefinitionInput,
  type CampaignState,
  campaignDefinitionSchema,
  nextRuns,
  SYSTEM_ACTOR,
  transition,
} from "@dangol/domain";
import type { JobProducer } from "@dangol/jobs";
import {
  auditActor,
  CampaignForbiddenError,
  CampaignInputError,
  CampaignNotFoundError,
  CampaignTransitionError,
  type CampaignUser,
  parseCampaignId,
  parseInput,
  requireCampaigns,
} from "./errors.ts";
import { cancelPendingContacts, createRun, requeueOpenBatches } from "./runs.ts";
import { loadCampaignSettings } from "./settings.ts";

export type CampaignSummary = {
  id: string;
  name: string;
  theme: string;
  state: CampaignState;
  ownerId: string;
  ownerName: string;
  segmentId: string;
  segmentName: string;
  budget: number | null;
  channels: string[];
  nextRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type CampaignDetail = CampaignSummary & {
  definition: CampaignDefinition;
  version: number;
  approvedBy: string | null;
  approvedAt: Date | null;
  /** what the signed-in user may do now, in the order the buttons show */
  actions: CampaignAction[];
};

const summarySelect = {
  id: true,
  name: true,
  theme: true,
  state: true,
  ownerId: true,
  segmentId: true,
  budget: true,
  definition: true,
  nextRunAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  approvedAt: true,
  owner: { select: { name: true } },
  approvedBy: { select: { name: true } },
  segment: { select: { name: true } },
} satisfies Prisma.CampaignSelect;
type Row = Prisma.CampaignGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: Row): CampaignSummary {
  const definition = row.definition as unknown as CampaignDefinition;
  return {
    id: row.id.toString(),
    name: row.name,
    theme: row.theme,
    state: row.state,
    ownerId: row.ownerId,
    ownerName: row.owner.name,
    segmentId: row.segmentId.toString(),
    segmentName: row.segment.name,
    budget: row.budget === null ? null : Number(row.budget),
    channels: definition.channels.map((c) => c.channel),
    nextRunAt: row.nextRunAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function checkedDefinition(prisma: PrismaClient, input: unknown): Promise<CampaignDefinition> {
  const definition = parseInput(campaignDefinitionSchema, input);
  const segment = await prisma.segment.findFirst({
    where: { id: BigInt(definition.segmentId), deletedAt: null },
    select: { id: true },
  });
  if (!segment) throw new CampaignInputError("segmentId: the segment does not exist", "segmentId");
  return definition;
}

export async function createCampaign(
  prisma: PrismaClient,
  user: CampaignUser,
  input: CampaignDefinitionInput,
): Promise<{ id: string }> {
  requireCampaigns(user);
  const definition = await checkedDefinition(prisma, input);
  return prisma.$transaction(async (tx) => {
    const row = await tx.campaign.create({
      data: {
        name: definition.name,
        theme: definition.theme,
        ownerId: user.id,
        segmentId: BigInt(definition.segmentId),
        definition: definition as unknown as Prisma.InputJsonValue,
        budget: definition.budget === undefined ? null : BigInt(definition.budget),
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "campaign.create",
      targetType: "campaign",
      targetId: row.id.toString(),
      details: { name: definition.name },
    });
    return { id: row.id.toString() };
  });
}

/** Edits a DRAFT (the owner's or an admin's); a save over someone else's newer save is refused. */
export async function updateCampaign(
  prisma: PrismaClient,
  user: CampaignUser,
  id: string,
  input: CampaignDefinitionInput,
  expectedVersion?: number,
): Promise<{ version: number }> {
  requireCampaigns(user);
  const campaignId = parseCampaignId(id);
  const definition = await checkedDefinition(prisma, input);
  const settings = await loadCampaignSettings(prisma);
  return prisma.$transaction(async (tx) => {
    const row = await tx.campaign.findUnique({ where: { id: campaignId }, select: summarySelect });
    if (!row) throw new CampaignNotFoundError();
    const verdict = transition(row.state, "edit", {
      role: user.role,
      budget: row.budget === null ? null : Number(row.budget),
      approvalThreshold: settings.approvalThreshold,
      isOwner: row.ownerId === user.id,
    });
    if (!verdict.ok) throw new CampaignTransitionError(verdict.reason, verdict.message);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw new CampaignInputError("someone saved this campaign after you opened it; reload to see their changes");
    }
    const updated = await tx.campaign.update({
      where: { id: campaignId, version: row.version },
      data: {
        name: definition.name,
        theme: definition.theme,
        segmentId: BigInt(definition.segmentId),
        definition: definition as unknown as Prisma.InputJsonValue,
        budget: definition.budget === undefined ? null : BigInt(definition.budget),
        version: { increment: 1 },
      },
      select: { version: true },
    });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "campaign.edit",
      targetType: "campaign",
      targetId: id,
      details: { version: updated.version },
    });
    return { version: updated.version };
  });
}

export async function listCampaigns(
  prisma: PrismaClient,
  user: CampaignUser,
  filter: { state?: CampaignState; theme?: string } = {},
): Promise<CampaignSummary[]> {
  requireCampaigns(user);
  const rows = await prisma.campaign.findMany({
    where: { ...(filter.state ? { state: filter.state } : {}), ...(filter.theme ? { theme: filter.theme } : {}) },
    select: summarySelect,
    orderBy: { id: "desc" },
    take: 500,
  });
  return rows.map(toSummary);
}

export async function getCampaign(prisma: PrismaClient, user: CampaignUser, id: string): Promise<CampaignDetail> {
  requireCampaigns(user);
  const row = await prisma.campaign.findUnique({ where: { id: parseCampaignId(id) }, select: summarySelect });
  if (!row) throw new CampaignNotFoundError();
  const settings = await loadCampaignSettings(prisma);
  return {
    ...toSummary(row),
    definition: row.definition as unknown as CampaignDefinition,
    version: row.version,
    approvedBy: row.approvedBy?.name ?? null,
    approvedAt: row.approvedAt,
    actions: allowedActions(row.state, {
      role: user.role,
      budget: row.budget === null ? null : Number(row.budget),
      approvalThreshold: settings.approvalThreshold,
      isOwner: row.ownerId === user.id,
    }).filter((a) => a !== "edit"),
  };
}

type Actor = CampaignUser | typeof SYSTEM_ACTOR;

/**
 * One life-cycle move, checked by the domain state machine and recorded in the audit log with who,
 * when, from and to. The move's effect on the runs happens in the same transaction: schedule sets
 * the next run, start launches one now, cancel excludes whatever was not sent yet, resume queues
 * the batches a pause left open.
 */
export async function campaignAction(
  prisma: PrismaClient,
  producer: JobProducer,
  actor: Actor,
  id: string,
  action: Exclude<CampaignAction, "edit">,
  now: Date = new Date(),
): Promise<{ state: CampaignState }> {
  if (actor !== SYSTEM_ACTOR) requireCampaigns(actor);
  const campaignId = parseCampaignId(id);
  const settings = await loadCampaignSettings(prisma);
  const launches: string[] = [];
  const result = await prisma.$transaction(async (tx) => {
    // FOR UPDATE: two people pressing approve and cancel at once are applied one after the other.
    const locked = await tx.$queryRaw<{ id: bigint }[]>`SELECT id FROM campaign WHERE id = ${campaignId} FOR UPDATE`;
    if (locked.length === 0) throw new CampaignNotFoundError();
    const row = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: summarySelect });
    const verdict = transition(row.state, action, {
      role: actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.role,
      budget: row.budget === null ? null : Number(row.budget),
      approvalThreshold: settings.approvalThreshold,
      isOwner: actor !== SYSTEM_ACTOR && row.ownerId === actor.id,
    });
    if (!verdict.ok) throw new CampaignTransitionError(verdict.reason, verdict.message);
    const definition = row.definition as unknown as CampaignDefinition;
    const data: Prisma.CampaignUpdateInput = { state: verdict.to };
    switch (action) {
      case "approve":
        if (actor === SYSTEM_ACTOR) throw new CampaignForbiddenError("The system never approves a campaign.");
        data.approvedBy = { connect: { id: actor.id } };
        data.approvedAt = now;
        break;
      case "revise":
        data.approvedBy = { disconnect: true };
        data.approvedAt = null;
        data.nextRunAt = null;
        break;
      case "schedule": {
        const [next] = nextRuns(definition.schedule, now, 1);
        if (!next) throw new CampaignInputError("schedule: the time has passed; choose a later time", "schedule");
        data.nextRunAt = next;
        break;
      }
      case "start": {
        // By a person this is "send now"; by the scheduler, the due run is created by the tick.
        if (actor !== SYSTEM_ACTOR) {
          const run = await createRun(tx, campaignId, definition, now);
          launches.push(run.id);
          if (definition.schedule.kind === "once") data.nextRunAt = null;
        }
        break;
      }
      case "complete":
      case "cancel":
        data.nextRunAt = null;
        if (action === "cancel") await cancelPendingContacts(tx, campaignId, now);
        break;
      case "pause":
      case "resume":
        break;
    }
    await tx.campaign.update({ where: { id: campaignId }, data });
    await writeAudit(tx, {
      actor: actor === SYSTEM_ACTOR ? { system: "worker" } : auditActor(actor),
      action: `campaign.${action}`,
      targetType: "campaign",
      targetId: id,
      details: { from: verdict.from, to: verdict.to, by: actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.email },
    });
    return { state: verdict.to };
  });
  // Queued after the commit: a job that starts before its run row is visible would find nothing.
  for (const runId of launches) await producer.enqueue("campaigns.launch", { runId }, { jobId: `launch-${runId}` });
  if (action === "resume") await requeueOpenBatches(prisma, producer, campaignId, now);
  return result;
}
