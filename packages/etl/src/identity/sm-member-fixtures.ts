/**
 * What the identity integration tests feed the ETL: SM member lines (feeds.md's JSON Lines) for a
 * few hand-made people, written as a day's file, staged and loaded the way the worker does it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { ingestFile } from "../batches/index.ts";
import { identifyFeedFile } from "../feeds/index.ts";
import { loadPendingBatches } from "../load/load-batch.ts";

export interface SmMember {
  id: string;
  name: string;
  birth: string;
  phone: string;
  email?: string;
  address?: string;
  zip?: string;
  ci?: string;
  sms?: boolean;
}

export function smMemberLine(m: SmMember, changedAt: string, change = "UPSERT"): string {
  if (change === "WITHDRAW") return JSON.stringify({ memberId: m.id, change, changedAt });
  return JSON.stringify({
    memberId: m.id,
    cardNo: null,
    name: m.name,
    gender: null,
    birthDate: m.birth,
    phone: m.phone,
    email: m.email ?? null,
    address: { zip: m.zip ?? null, line1: m.address ?? null, line2: null },
    joinedAt: "2024-12-01",
    joinStore: null,
    ci: m.ci ?? null,
    consents: { sms: m.sms ?? true, email: false, dm: false, tm: false, night: false, updatedAt: changedAt },
    change,
    changedAt,
  });
}

/** `loadDay` writes one SM member file for the day into `dir`, stages it and runs the load stage. */
export function smMemberLoader(pool: pg.Pool, dir: string) {
  return {
    async loadDay(ymd: string, lines: string[]) {
      const name = `sm_members_${ymd}.jsonl`;
      writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
      await ingestFile({ pool, path: join(dir, name), file: identifyFeedFile(name)! });
      return loadPendingBatches(pool);
    },
    async customerOf(memberNo: string): Promise<string> {
      const { rows } = await pool.query(
        `SELECT customer_id::text AS id FROM customer_source_link WHERE source_code = 'SM' AND member_no = $1`,
        [memberNo],
      );
      return rows[0].id;
    },
  };
}
