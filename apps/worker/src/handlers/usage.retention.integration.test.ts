import { randomUUID } from "node:crypto";
import { createLogger } from "@dangol/config";
import type { Job } from "bullmq";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { HandlerContext } from "./types.ts";
import { createUsageRetentionHandler } from "./usage.retention.ts";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

afterAll(async () => {
  await pool.end();
});

describe("usage.retention", () => {
  it("deletes page views older than 400 days and keeps the rest", async () => {
    const now = new Date("2026-11-24T03:00:00Z");
    const page = `/retention-${randomUUID().slice(0, 8)}`;
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    await pool.query(`INSERT INTO page_view (role, page, at) SELECT 'ADMIN', $1, unnest($2::timestamptz[])`, [
      page,
      [at(401), at(400.01), at(399.99), at(1)],
    ]);
    const handler = createUsageRetentionHandler({ pool: () => pool, now: () => now });
    const context = { logger: createLogger("test"), job: {} as Job } as HandlerContext;

    const result = await handler({ trigger: "test" }, context);
    expect(result).toMatchObject({ cutoff: "2025-10-20T03:00:00.000Z" });
    const kept = await pool.query<{ at: Date }>(`SELECT at FROM page_view WHERE page = $1 ORDER BY at`, [page]);
    expect(kept.rows.map((r) => r.at)).toEqual([at(399.99), at(1)]);

    // Nothing left to delete: a second night is a no-op.
    expect(await handler({ trigger: "test" }, context)).toMatchObject({ deleted: 0 });
  });
});
