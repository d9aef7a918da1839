import type { PrismaClient } from "@dangol/db/client";
import { compileSegmentCondition, SEGMENT_BASE, SegmentCompileError } from "@dangol/domain";
import { loadReferencedDefinitions, query, type SegmentDatabase, segmentFacts, seoulYesterday } from "./database.ts";
import {
  parseSegmentId,
  requireSegments,
  SegmentInputError,
  SegmentNotFoundError,
  type SegmentUser,
} from "./errors.ts";

export type SegmentOverlap = {
  segments: { id: string; name: string; size: number }[];
  /** one entry per Venn region: customers in exactly these segments (ids in the order asked) */
  regions: { in: string[]; size: number }[];
  /** active customers in at least one */
  union: number;
  ms: number;
};

/**
 * Two or three segments side by side in ONE query: each customer's membership of each segment
 * as a boolean, counted per Venn region with FILTER (2 segments → 3 regions, 3 → 7).
 */
export async function overlapSegments(
  prisma: PrismaClient,
  user: SegmentUser,
  ids: string[],
  options: { asOf?: string; db?: SegmentDatabase } = {},
): Promise<SegmentOverlap> {
  requireSegments(user);
  const unique = [...new Set(ids)];
  if (unique.length < 2 || unique.length > 3 || unique.length !== ids.length)
    throw new SegmentInputError("choose two or three different segments", "ids");
  const rows = await prisma.segment.findMany({
    where: { id: { in: unique.map(parseSegmentId) }, deletedAt: null },
    select: { id: true, name: true, definition: true },
  });
  const ordered = unique.map((id) => rows.find((r) => String(r.id) === id));
  if (ordered.some((r) => !r)) throw new SegmentNotFoundError();
  const asOf = options.asOf ?? seoulYesterday();
  const db = options.db ?? prisma;
  const values: unknown[] = [];
  const flags: string[] = [];
  const facts = await segmentFacts(db);
  for (const [index, row] of ordered.entries()) {
    const definition = row?.definition as never;
    const references = await loadReferencedDefinitions(db, definition);
    try {
      const { expression } = compileSegmentCondition(definition, {
        asOf,
        values,
        segmentDefinitions: (id) => references.get(id),
        facts,
      });
      flags.push(`${expression} AS s${index}`);
    } catch (error) {
      if (error instanceof SegmentCompileError) throw new SegmentInputError(`${row?.name}: ${error.message}`, "ids");
      throw error;
    }
  }
  const n = ordered.length;
  const masks = Array.from({ length: 2 ** n - 1 }, (_, i) => i + 1);
  const region = (mask: number) =>
    Array.from({ length: n }, (_, i) => (mask & (1 << i) ? `s${i}` : `NOT s${i}`)).join(" AND ");
  const started = performance.now();
  const [counts] = await query<Record<string, string>>(
    db,
    `SELECT ${[
      ...masks.map((mask) => `count(*) FILTER (WHERE ${region(mask)})::text AS r${mask}`),
      ...Array.from({ length: n }, (_, i) => `count(*) FILTER (WHERE s${i})::text AS n${i}`),
      `count(*) FILTER (WHERE ${Array.from({ length: n }, (_, i) => `s${i}`).join(" OR ")})::text AS u`,
    ].join(", ")}
       FROM (SELECT ${flags.join(",\n               ")} FROM customer c WHERE ${SEGMENT_BASE}) x`,
    values,
  );
  const ms = performance.now() - started;
  return {
    segments: ordered.map((row, i) => ({
      id: String(row?.id),
      name: row?.name ?? "",
      size: Number(counts?.[`n${i}`] ?? 0),
    })),
    regions: masks.map((mask) => ({
      in: unique.filter((_, i) => mask & (1 << i)),
      size: Number(counts?.[`r${mask}`] ?? 0),
    })),
    union: Number(counts?.u ?? 0),
    ms,
  };
}
