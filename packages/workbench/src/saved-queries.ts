import { writeAudit } from "@dangol/db/audit";
import { Prisma, type PrismaClient } from "@dangol/db/client";
import {
  type ChartSpec,
  canEditQuery,
  canViewQuery,
  chartSpecSchema,
  findPlaceholders,
  QUERY_VISIBILITIES,
  type QueryParameter,
  type QueryParameterValues,
  type QueryVisibility,
  queryParametersSchema,
  queryParameterValuesSchema,
} from "@dangol/domain";
import { z } from "zod";
import {
  auditActor,
  parseId,
  parseInput,
  requireWorkbench,
  WorkbenchForbiddenError,
  WorkbenchInputError,
  WorkbenchNotFoundError,
  type WorkbenchUser,
} from "./service-errors.ts";

export const sqlSchema = z
  .string({ error: "the SQL is required" })
  .min(1, "the SQL is empty")
  .max(100_000, "the SQL is at most 100,000 characters")
  .refine((sql) => sql.trim().length > 0, "the SQL is empty");

const fields = {
  title: z.string().trim().min(1, "the title is required").max(200, "the title is at most 200 characters"),
  description: z.string().trim().max(2_000, "the description is at most 2,000 characters"),
  tags: z
    .array(z.string().trim().toLowerCase().min(1, "a tag is empty").max(30, "a tag is at most 30 characters"))
    .max(10, "at most 10 tags")
    .transform((tags) => [...new Set(tags)]),
  visibility: z.enum(QUERY_VISIBILITIES, { error: "visibility is PRIVATE or SHARED" }),
  sql: sqlSchema,
  parameters: queryParametersSchema,
  parameterValues: queryParameterValuesSchema,
  chart: chartSpecSchema.nullable(),
};

const createSchema = z
  .object({
    title: fields.title,
    description: fields.description.default(""),
    tags: fields.tags.default([]),
    visibility: fields.visibility.default("PRIVATE"),
    sql: fields.sql,
    parameters: fields.parameters.default([]),
    parameterValues: fields.parameterValues.default({}),
    chart: fields.chart.default(null),
  })
  .strict();

const updateSchema = z
  .object({
    title: fields.title.optional(),
    description: fields.description.optional(),
    tags: fields.tags.optional(),
    visibility: fields.visibility.optional(),
    sql: fields.sql.optional(),
    parameters: fields.parameters.optional(),
    parameterValues: fields.parameterValues.optional(),
    chart: fields.chart.optional(),
    /** The version the editor loaded: a save over someone else's newer save is refused. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();

export type SaveQueryInput = z.input<typeof createSchema>;
export type UpdateQueryInput = z.input<typeof updateSchema>;

/** The fields a version records, in the order a history shows them. */
export const VERSIONED_FIELDS = [
  "title",
  "description",
  "tags",
  "visibility",
  "sql",
  "parameters",
  "parameterValues",
  "chart",
] as const;
type VersionedField = (typeof VERSIONED_FIELDS)[number];
type QueryContent = {
  title: string;
  description: string;
  tags: string[];
  visibility: QueryVisibility;
  sql: string;
  parameters: QueryParameter[];
  parameterValues: QueryParameterValues;
  chart: ChartSpec | null;
};

export type SavedQuery = QueryContent & {
  id: string;
  ownerId: string;
  ownerEmail: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  canEdit: boolean;
};

const queryInclude = { owner: { select: { email: true } } } as const;
type QueryRow = Prisma.SavedQueryGetPayload<{ include: typeof queryInclude }>;

type StoredContent = Pick<
  QueryRow,
  "title" | "description" | "tags" | "visibility" | "sql" | "parameters" | "parameterValues" | "chart"
>;

function content(row: StoredContent): QueryContent {
  return {
    title: row.title,
    description: row.description,
    tags: row.tags,
    visibility: row.visibility,
    sql: row.sql,
    parameters: row.parameters as unknown as QueryParameter[],
    parameterValues: row.parameterValues as unknown as QueryParameterValues,
    chart: (row.chart ?? null) as ChartSpec | null,
  };
}

function toSavedQuery(row: QueryRow, user: WorkbenchUser): SavedQuery {
  return {
    id: String(row.id),
    ...content(row),
    ownerId: row.ownerId,
    ownerEmail: row.owner.email,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    canEdit: canEditQuery(user, row),
  };
}

/** Every `{{name}}` in the SQL needs a definition, so a saved query always binds. */
function checkPlaceholders(sql: string, parameters: QueryParameter[]): void {
  const defined = new Set(parameters.map((parameter) => parameter.name));
  const missing = findPlaceholders(sql).find((name) => !defined.has(name));
  if (missing !== undefined)
    throw new WorkbenchInputError(`parameters: {{${missing}}} is used in the SQL but has no definition`, "parameters");
}

/** Key-order-free JSON, so jsonb's stored key order never counts as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function versionData(queryId: bigint, version: number, data: QueryContent, changed: string[], userId: string) {
  return {
    queryId,
    version,
    ...jsonContent(data),
    changed,
    changedById: userId,
  };
}

function jsonContent(data: QueryContent) {
  return {
    title: data.title,
    description: data.description,
    tags: data.tags,
    visibility: data.visibility,
    sql: data.sql,
    parameters: data.parameters as unknown as Prisma.InputJsonValue,
    parameterValues: data.parameterValues as Prisma.InputJsonValue,
    chart: data.chart === null ? Prisma.DbNull : (data.chart as Prisma.InputJsonValue),
  };
}

/** A live query the user may see, or WorkbenchNotFoundError (its existence is not leaked). */
export async function loadVisibleQuery(db: Prisma.TransactionClient, id: string | bigint, user: WorkbenchUser) {
  const row = await db.savedQuery.findFirst({
    where: { id: parseId(id, "query"), deletedAt: null },
    include: queryInclude,
  });
  if (!row || !canViewQuery(user, row)) throw new WorkbenchNotFoundError("query");
  return row;
}

async function loadEditableQuery(db: Prisma.TransactionClient, id: string | bigint, user: WorkbenchUser) {
  const row = await loadVisibleQuery(db, id, user);
  if (!canEditQuery(user, row))
    throw new WorkbenchForbiddenError("Only the query's owner (or an admin) can change it.");
  return row;
}

export async function saveQuery(prisma: PrismaClient, user: WorkbenchUser, input: SaveQueryInput): Promise<SavedQuery> {
  requireWorkbench(user);
  const data = parseInput(createSchema, input) as QueryContent;
  checkPlaceholders(data.sql, data.parameters);
  return prisma.$transaction(async (tx) => {
    const row = await tx.savedQuery.create({
      data: { ...jsonContent(data), ownerId: user.id, version: 1 },
      include: queryInclude,
    });
    await tx.savedQueryVersion.create({ data: versionData(row.id, 1, data, [], user.id) });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "query.create",
      targetType: "saved_query",
      targetId: String(row.id),
      details: { title: data.title, visibility: data.visibility },
    });
    return toSavedQuery(row, user);
  });
}

/**
 * Saves the fields that differ as a new version (`changed` names them). Sending what is already
 * stored is a no-op that returns the query with `changed: []`, so an editor may save freely.
 */
export async function updateQuery(
  prisma: PrismaClient,
  id: string | bigint,
  user: WorkbenchUser,
  input: UpdateQueryInput,
): Promise<{ query: SavedQuery; changed: VersionedField[] }> {
  const { expectedVersion, ...patch } = parseInput(updateSchema, input);
  return prisma.$transaction(async (tx) => {
    const row = await loadEditableQuery(tx, id, user);
    if (expectedVersion !== undefined && expectedVersion !== row.version)
      throw new WorkbenchInputError(
        `The query was saved by someone else since (version ${row.version}); reload it before saving.`,
        "expectedVersion",
      );
    const before = content(row);
    const after: QueryContent = { ...before, ...(patch as Partial<QueryContent>) };
    const changed = VERSIONED_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field]));
    if (changed.length === 0) return { query: toSavedQuery(row, user), changed };
    if (changed.includes("sql") || changed.includes("parameters")) checkPlaceholders(after.sql, after.parameters);
    const version = row.version + 1;
    // The version check and the bump are one statement, so two concurrent saves cannot both win.
    const bumped = await tx.savedQuery.updateMany({
      where: { id: row.id, version: row.version },
      data: { ...jsonContent(after), version },
    });
    if (bumped.count !== 1)
      throw new WorkbenchInputError("The query was saved by someone else meanwhile; reload it before saving.");
    await tx.savedQueryVersion.create({ data: versionData(row.id, version, after, changed, user.id) });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "query.update",
      targetType: "saved_query",
      targetId: String(row.id),
      details: { version, changed },
    });
    if (changed.includes("visibility"))
      await writeAudit(tx, {
        actor: auditActor(user),
        action: "query.share",
        targetType: "saved_query",
        targetId: String(row.id),
        details: { visibility: after.visibility },
      });
    const updated = await tx.savedQuery.findUniqueOrThrow({ where: { id: row.id }, include: queryInclude });
    return { query: toSavedQuery(updated, user), changed };
  });
}

/** Shares a query with the CRM team or takes it back: an update of `visibility` alone. */
export function shareQuery(
  prisma: PrismaClient,
  id: string | bigint,
  user: WorkbenchUser,
  visibility: QueryVisibility,
) {
  return updateQuery(prisma, id, user, { visibility });
}

const COPY_SUFFIX = " (사본)";

/** A private copy, owned by whoever duplicates it, starting its own history at version 1. */
export async function duplicateQuery(
  prisma: PrismaClient,
  id: string | bigint,
  user: WorkbenchUser,
): Promise<SavedQuery> {
  return prisma.$transaction(async (tx) => {
    const source = await loadVisibleQuery(tx, id, user);
    const data: QueryContent = {
      ...content(source),
      title: source.title.slice(0, 200 - COPY_SUFFIX.length) + COPY_SUFFIX,
      visibility: "PRIVATE",
    };
    const row = await tx.savedQuery.create({
      data: { ...jsonContent(data), ownerId: user.id, version: 1 },
      include: queryInclude,
    });
    await tx.savedQueryVersion.create({ data: versionData(row.id, 1, data, [], user.id) });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "query.duplicate",
      targetType: "saved_query",
      targetId: String(row.id),
      details: { from: String(source.id), title: data.title },
    });
    return toSavedQuery(row, user);
  });
}

/** Soft delete: runs (scheduled snapshots included) and versions stay for the audit trail. */
export async function deleteQuery(prisma: PrismaClient, id: string | bigint, user: WorkbenchUser): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await loadEditableQuery(tx, id, user);
    await tx.savedQuery.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
    await writeAudit(tx, {
      actor: auditActor(user),
      action: "query.delete",
      targetType: "saved_query",
      targetId: String(row.id),
      details: { title: row.title },
    });
  });
}

export async function getSavedQuery(
  prisma: PrismaClient,
  id: string | bigint,
  user: WorkbenchUser,
): Promise<SavedQuery> {
  return toSavedQuery(await loadVisibleQuery(prisma, id, user), user);
}

const listSchema = z
  .object({
    /** Words looked up in the title and the description (case-insensitive). */
    search: z.string().trim().max(200).optional(),
    tag: z.string().trim().toLowerCase().max(30).optional(),
    /** "me": only the caller's own queries. */
    owner: z.enum(["me", "any"]).default("any"),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();

export type SavedQuerySummary = Pick<
  SavedQuery,
  | "id"
  | "title"
  | "description"
  | "tags"
  | "visibility"
  | "ownerId"
  | "ownerEmail"
  | "version"
  | "updatedAt"
  | "canEdit"
> & { hasChart: boolean };

/** The caller's own queries and those shared with the team, newest change first. */
export async function listSavedQueries(
  prisma: PrismaClient,
  user: WorkbenchUser,
  filters: z.input<typeof listSchema> = {},
): Promise<SavedQuerySummary[]> {
  const { search, tag, owner, limit } = parseInput(listSchema, filters);
  const words = search ? search.split(/\s+/).filter(Boolean) : [];
  const rows = await prisma.savedQuery.findMany({
    where: {
      deletedAt: null,
      ...(owner === "me" ? { ownerId: user.id } : { OR: [{ ownerId: user.id }, { visibility: "SHARED" }] }),
      ...(tag ? { tags: { has: tag } } : {}),
      AND: words.map((word) => ({
        OR: [
          { title: { contains: word, mode: "insensitive" as const } },
          { description: { contains: word, mode: "insensitive" as const } },
        ],
      })),
    },
    include: queryInclude,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows
    .filter((row) => canViewQuery(user, row))
    .map((row) => ({
      id: String(row.id),
      title: row.title,
      description: row.description,
      tags: row.tags,
      visibility: row.visibility,
      ownerId: row.ownerId,
      ownerEmail: row.owner.email,
      version: row.version,
      updatedAt: row.updatedAt,
      canEdit: canEditQuery(user, row),
      hasChart: row.chart !== null,
    }));
}

export type SavedQueryVersionEntry = QueryContent & {
  version: number;
  changed: string[];
  changedByEmail: string;
  changedAt: Date;
};

/** Who changed what, newest first. */
export async function listQueryVersions(
  prisma: PrismaClient,
  id: string | bigint,
  user: WorkbenchUser,
): Promise<SavedQueryVersionEntry[]> {
  const query = await loadVisibleQuery(prisma, id, user);
  const rows = await prisma.savedQueryVersion.findMany({
    where: { queryId: query.id },
    include: { changedBy: { select: { email: true } } },
    orderBy: { version: "desc" },
  });
  return rows.map((row) => ({
    ...content(row),
    version: row.version,
    changed: row.changed,
    changedByEmail: row.changedBy.email,
    changedAt: row.changedAt,
  }));
}
