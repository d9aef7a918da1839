import { getPrisma, Prisma } from "@dangol/db/client";
import { explainSegment } from "@dangol/segments";

/**
 * A compiled segment query ({ sql with $n, values }) as a Prisma fragment, so it nests inside
 * another tagged query with its values still bound. The compiler writes `$n` only as placeholders
 * (identifiers are its own constants, literals never hold a `$`), so splitting on them is exact.
 */
export function compiledAsSql(compiled: { sql: string; values: unknown[] }): Prisma.Sql {
  const parts = compiled.sql.split(/\$(\d+)/);
  const strings: string[] = [];
  const values: unknown[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    if (i % 2 === 0) strings.push(parts[i]!);
    else {
      const index = Number(parts[i]) - 1;
      if (!(index in compiled.values)) throw new Error(`the compiled segment has no value for $${index + 1}`);
      values.push(compiled.values[index]);
    }
  }
  return new Prisma.Sql(strings, values);
}

/** "1,2" → ["1","2"] (the customer list's URL carries segment ids comma-separated). */
const idsOf = (list: string | undefined) => (list ? list.split(",") : []);

/**
 * The customer list's segment filters as conditions on `customer c`: in every segment of
 * `segment`, in none of `notSegment` (an overlap region). A segment that no longer exists matches
 * nobody, so a stale link shows an empty list rather than everyone.
 */
export async function segmentConditions(filters: { segment?: string; notSegment?: string }): Promise<Prisma.Sql[]> {
  const wanted = [
    ...idsOf(filters.segment).map((id) => ({ id, inside: true })),
    ...idsOf(filters.notSegment).map((id) => ({ id, inside: false })),
  ];
  if (wanted.length === 0) return [];
  const db = getPrisma();
  const rows = await db.segment.findMany({
    where: { id: { in: wanted.map((w) => BigInt(w.id)) }, deletedAt: null },
    select: { id: true, definition: true },
  });
  return Promise.all(
    wanted.map(async ({ id, inside }) => {
      const row = rows.find((r) => r.id.toString() === id);
      if (!row) return inside ? Prisma.sql`FALSE` : Prisma.sql`TRUE`;
      const members = compiledAsSql(await explainSegment(db, row.definition));
      return inside ? Prisma.sql`c.id IN (${members})` : Prisma.sql`c.id NOT IN (${members})`;
    }),
  );
}
