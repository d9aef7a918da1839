import { databaseEnv, parseEnv } from "@dangol/config";
import type { Prisma, PrismaClient } from "@dangol/db/client";
import {
  compileSegment,
  referencedSegmentIds,
  SegmentCompileError,
  type SegmentFacts,
  type SegmentGroup,
  segmentDefinitionSchema,
} from "@dangol/domain";
import pg from "pg";
import { SegmentInputError } from "./errors.ts";

/** A pg Pool / Client, or the Prisma client (its raw query path): the counts run on either. */
export type SegmentDatabase = pg.Pool | pg.ClientBase | PrismaClient | Prisma.TransactionClient;

export async function query<T>(db: SegmentDatabase, sql: string, values: unknown[] = []): Promise<T[]> {
  if ("$queryRawUnsafe" in db) return db.$queryRawUnsafe<T[]>(sql, ...values);
  return (await db.query(sql, values)).rows as T[];
}

/**
 * The live count's session settings. A rule under NOT or OR is a hashed subplan (a set of customer
 * ids probed per customer), which Postgres builds only when it fits in work_mem × 2; with the
 * default 4 MB a set of 300k customers at 1M falls back to rescanning the set for every customer
 * (hours). 128 MB holds any set of a few million ids; four pooled connections bound the total.
 * JIT off: the counts' plans cost enough to trigger it, and compiling took 0.2–0.7 s of a count
 * that runs once.
 */
export const SEGMENT_SESSION_SETTINGS = { work_mem: "128MB", jit: "off" } as const;
export const SEGMENT_SESSION_OPTIONS = Object.entries(SEGMENT_SESSION_SETTINGS)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(" ");

/**
 * Runs `work` in a transaction under SEGMENT_SESSION_SETTINGS, for compiled segment SQL that goes
 * through Prisma rather than segmentPool (snapshots, the customer list's segment filter).
 */
export function withSegmentSettings<T>(
  prisma: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    for (const [name, value] of Object.entries(SEGMENT_SESSION_SETTINGS))
      await tx.$queryRawUnsafe("SELECT set_config($1, $2, true)", name, value);
    return work(tx);
  }, options);
}

const shared = globalThis as typeof globalThis & { __dangolSegmentsPool?: pg.Pool };

/**
 * The process-wide pg pool on the app's DATABASE_URL for live counts: plain pg rather than the
 * Prisma adapter, so a count's rows come back as the small typed tuple it is.
 */
export function segmentPool(): pg.Pool {
  shared.__dangolSegmentsPool ??= new pg.Pool({
    connectionString: parseEnv(databaseEnv).DATABASE_URL,
    max: 4,
    application_name: "segments",
    options: SEGMENT_SESSION_OPTIONS,
  });
  return shared.__dangolSegmentsPool;
}

/** Today's last complete business day in Asia/Seoul, the windows' default end. */
export function seoulYesterday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Loads every segment an in_segment rule reaches (transitively; deleted ones count as unknown),
 * so the compiler can inline them. A cycle stops here too: an id is loaded once.
 */
export async function loadReferencedDefinitions(
  db: SegmentDatabase,
  definition: SegmentGroup,
): Promise<Map<string, SegmentGroup>> {
  const found = new Map<string, SegmentGroup>();
  let pending = referencedSegmentIds(definition);
  while (pending.length > 0) {
    const rows = await query<{ id: string; definition: unknown }>(
      db,
      "SELECT id::text AS id, definition FROM segment WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL",
      [pending],
    );
    const next: string[] = [];
    for (const row of rows) {
      const parsed = segmentDefinitionSchema.safeParse(row.definition);
      if (!parsed.success) continue; // compiled as unknown: the compiler names it
      found.set(row.id, parsed.data);
      next.push(...referencedSegmentIds(parsed.data));
    }
    pending = [...new Set(next)].filter((id) => !found.has(id));
  }
  return found;
}

/** segment_facts' last build (refreshSegmentFacts); undefined before the first. */
export async function segmentFacts(db: SegmentDatabase): Promise<SegmentFacts | undefined> {
  const [row] = await query<SegmentFacts>(
    db,
    `SELECT receipt_watermark::text AS "receiptWatermark", to_char(as_of, 'YYYY-MM-DD') AS "asOf" FROM segment_facts.build`,
  );
  return row;
}

/**
 * The definition validated, its references loaded, compiled; any problem is an input error naming
 * it. `selfId`: the segment being saved, so a reference back to it (directly or through others)
 * is refused as the cycle it would become.
 */
export async function compileStored(
  db: SegmentDatabase,
  definition: unknown,
  asOf: string,
  selfId?: string,
): Promise<{ definition: SegmentGroup; sql: string; values: unknown[] }> {
  const parsed = segmentDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".");
    throw new SegmentInputError(`definition${path ? `.${path}` : ""}: ${issue?.message}`, "definition");
  }
  const [references, facts] = await Promise.all([loadReferencedDefinitions(db, parsed.data), segmentFacts(db)]);
  if (selfId) references.set(selfId, parsed.data);
  const root: SegmentGroup = selfId
    ? { kind: "group", op: "and", negate: false, children: [{ kind: "rule", field: "in_segment", segmentId: selfId }] }
    : parsed.data;
  try {
    const compiled = compileSegment(root, {
      asOf,
      segmentDefinitions: (id) => references.get(id),
      facts,
    });
    return { definition: parsed.data, ...compiled };
  } catch (error) {
    if (error instanceof SegmentCompileError) throw new SegmentInputError(error.message, "definition");
    throw error;
  }
}
