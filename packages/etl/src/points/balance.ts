import type { ClientBase, Pool } from "pg";

export type PointsBalance = { customerId: string; balance: number };

/**
 * The one balance of a membership, whichever division asks with its own member number: the
 * member's golden customer (following merges to the survivor, which holds the moved entries) and
 * Σ point_entry of that customer. null when the member number is unknown.
 */
export async function pointsBalanceOfMember(
  client: Pool | ClientBase,
  sourceCode: string,
  memberNo: string,
): Promise<PointsBalance | null> {
  const { rows } = await client.query<{ customer_id: string; balance: string }>(
    `WITH RECURSIVE chain AS (
       SELECT c.id, c.merged_into_id, 0 AS depth FROM customer_source_link l JOIN customer c ON c.id = l.customer_id
        WHERE l.source_code = $1 AND l.member_no = $2
       UNION ALL
       SELECT c.id, c.merged_into_id, chain.depth + 1 FROM chain JOIN customer c ON c.id = chain.merged_into_id
        WHERE chain.depth < 32
     ), target AS (SELECT id FROM chain ORDER BY depth DESC LIMIT 1)
     SELECT t.id::text AS customer_id,
            COALESCE((SELECT sum(points) FROM point_entry WHERE customer_id = t.id), 0)::text AS balance
       FROM target t`,
    [sourceCode, memberNo],
  );
  const row = rows[0];
  return row ? { customerId: row.customer_id, balance: Number(row.balance) } : null;
}
