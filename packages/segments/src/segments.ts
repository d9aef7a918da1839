import { writeAudit } from "@dangol/db/audit";
import type { Prisma, PrismaClient } from "@dangol/db/client";
import { SEGMENT_THEMES, type SegmentGroup, type SegmentTheme } from "@dangol/domain";
import { z } from "zod";
import { compileStored, seoulYesterday } from "./database.ts";
import {
  auditActor,
  parseInput,
  parseSegmentId,
  requireEditor,
  requireSegments,
  SegmentForbiddenError,
  SegmentNotFoundError,
  type SegmentUser,
} from "./errors.ts";

const fields = {
  name: z
    .string({ error: "the name is required" })
    .trim()
    .min(1, "the name is required")
    .max(120, "the name is at most 120 characters"),
  description: z.string().trim().max(2_000, "the description is at most 2,000 characters"),
  themes: z
    .array(z.enum(SEGMENT_THEMES, { error: `a theme is one of ${SEGMENT_THEMES.join(", ")}` }))
    .max(SEGMENT_THEMES.length, "each theme at most once")
    .transform((t) => [...new Set(t)]),
  // checked by compileStored (schema, references, cycles) with a message naming the rule
  definition: z.unknown(),
};
const createSchema = z
  .object({
    name: fields.name,
    description: fields.description.default(""),
    themes: fields.themes.default([]),
    definition: fields.definition,
  })
  .strict();
const updateSchema = z
  .object({
    name: fields.name.optional(),
    description: fields.description.optional(),
    themes: fields.themes.optional(),
    definition: fields.definition.optional(),
    /** The version the builder loaded: a save over someone else's newer save is refused. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type SaveSegmentInput = z.input<typeof createSchema>;
export type UpdateSegmentInput = z.input<typeof updateSchema>;

export type SavedSegment = {
  id: string;
  name: string;
  description: string;
  themes: SegmentTheme[];
  definition: SegmentGroup;
  builtIn: boolean;
  version: number;
  ownerId: string;
  ownerEmail: string;
  createdAt: Date;
  updatedAt: Date;
  canEdit: boolean;
  /** the latest snapshot's size and time (null before the first) */
  lastSnapshot: { size: number; baseSize: number; takenAt: Date } | null;
};

const include = {
  owner: { select: { email: true } },
  snapshots: { orderBy: { takenAt: "desc" }, take: 1, select: { size: true, baseSize: true, takenAt: true } },
} as const satisfies Prisma.SegmentInclude;
type Row = Prisma.SegmentGetPayload<{ include: typeof include }>;

function canEdit(user: SegmentUser, row: { ownerId: string; builtIn: boolean }): boolean {
  return user.role === "ADMIN" || (!row.builtIn && row.ownerId === user.id);
}

function toSegment(row: Row, user: SegmentUser): SavedSegment {
  const last = row.snapshots[0];
  return {
    id: String(row.id),
    name: row.name,
    description: row.description,
    themes: row.themes as SegmentTheme[],
    definition: row.definition as unknown as SegmentGroup,
    builtIn: row.builtIn,
    version: row.version,
    ownerId: row.ownerId,
    ownerEmail: row.owner.email,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    canEdit: canEdit(user, row),
    lastSnapshot: last ? { size: last.size, baseSize: last.baseSize, takenAt: last.takenAt } : null,
  };
}

async function findRow(prisma: PrismaClient | Prisma.TransactionClient, id: string | bigint): Promise<Row> {
  const row = await prisma.segment.findFirst({ where: { id: parseSegmentId(id), deletedAt: null }, include });
  if (!row) throw new SegmentNotFoundError();
  return row;
}

/** Every segment the CRM team has (segments are shared within the team; editing is the owner's). */
export async function listSegments(
  prisma: PrismaClient,
  user: SegmentUser,
  filter: { theme?: SegmentTheme; mine?: boolean } = {},
): Promise<SavedSegment[]> {
  requireSegments(user);
  const rows = await prisma.segment.findMany({
    where: {
      deletedAt: null,
      ...(filter.theme ? { themes: { has: filter.theme } } : {}),
      ...(filter.mine ? { ownerId: user.id } : {}),
    },
    include,
    orderBy: [{ builtIn: "desc" }, { updatedAt: "desc" }],
  });
  return rows.map((row) => toSegment(row, user));
}

export async function getSegment(prisma: PrismaClient, user: SegmentUser, id: string): Promise<SavedSegment> {
  requireSegments(user);
  return toSegment(await findRow(prisma, id), user);
}

export async function saveSegment(
  prisma: PrismaClient,
  user: SegmentUser,
  input: SaveSegmentInput,
): Promise<SavedSegment> {
  requireSegments(user);
  const data = parseInput(createSchema, input);
  const { definition } = await compileStored(prisma, data.definition, seoulYesterday());
  return prisma.$transaction(async (tx) => {
    const row = await tx.segment.create({
      data: {
        name: data.name,
        description: data.description,
        themes: data.themes,
        definition: definition as unknown as Prisma.InputJsonValue,
        ownerId: user.id,
      },
      include,
    });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "segment.create",
      targetType: "segment",
      targetId: String(row.id),
      details: { name: row.name, themes: row.themes },
    });
    return toSegment(row, user);
  });
}

export async function updateSegment(
  prisma: PrismaClient,
  user: SegmentUser,
  id: string,
  input: UpdateSegmentInput,
): Promise<SavedSegment> {
  requireSegments(user);
  const data = parseInput(updateSchema, input);
  const existing = await findRow(prisma, id);
  requireEditor(user, existing);
  if (data.expectedVersion !== undefined && data.expectedVersion !== existing.version)
    throw new SegmentForbiddenError(
      `Someone saved this segment since you opened it (version ${existing.version}); reload to see their change.`,
    );
  const definition =
    data.definition === undefined
      ? undefined
      : (await compileStored(prisma, data.definition, seoulYesterday(), String(existing.id))).definition;
  return prisma.$transaction(async (tx) => {
    const row = await tx.segment.update({
      where: { id: existing.id, version: existing.version },
      data: {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.themes !== undefined ? { themes: data.themes } : {}),
        ...(definition !== undefined ? { definition: definition as unknown as Prisma.InputJsonValue } : {}),
        version: { increment: 1 },
      },
      include,
    });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "segment.update",
      targetType: "segment",
      targetId: String(row.id),
      details: { version: row.version, changed: Object.keys(data).filter((k) => k !== "expectedVersion") },
    });
    return toSegment(row, user);
  });
}

/**
 * Soft delete: snapshots taken for campaigns keep pointing at it. Refused while another segment
 * uses it (in_segment), which would otherwise stop counting.
 */
export async function deleteSegment(prisma: PrismaClient, user: SegmentUser, id: string): Promise<void> {
  requireSegments(user);
  const existing = await findRow(prisma, id);
  requireEditor(user, existing);
  const users = await prisma.$queryRaw<{ name: string }[]>`
    SELECT name FROM segment
     WHERE deleted_at IS NULL AND id <> ${existing.id}
       AND jsonb_path_exists(definition, '$.** ? (@.field == "in_segment" && @.segmentId == $id)',
                             jsonb_build_object('id', ${String(existing.id)}::text))
     ORDER BY name LIMIT 3`;
  if (users.length > 0)
    throw new SegmentForbiddenError(
      `The segment is used by ${users.map((u) => `"${u.name}"`).join(", ")}; remove it from there first.`,
    );
  await prisma.$transaction(async (tx) => {
    await tx.segment.update({ where: { id: existing.id }, data: { deletedAt: new Date() } });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "segment.delete",
      targetType: "segment",
      targetId: String(existing.id),
      details: { name: existing.name },
    });
  });
}

export { findRow as findSegmentRow };
