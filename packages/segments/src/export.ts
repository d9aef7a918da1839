import { writeAudit } from "@dangol/db/audit";
import type { PrismaClient } from "@dangol/db/client";
import { SEGMENT_EXPORT_COLUMNS, SEGMENT_EXPORT_PII_COLUMNS, segmentExportPolicy } from "@dangol/domain";
import { exportFileName, resultToCsv } from "@dangol/workbench/services";
import { compileStored, query, type SegmentDatabase, seoulYesterday } from "./database.ts";
import { auditActor, requireSegments, SegmentForbiddenError, type SegmentUser } from "./errors.ts";
import { findSegmentRow } from "./segments.ts";

/**
 * The segment's members as CSV (UTF-8 with BOM, for Excel): figures for everyone allowed, names,
 * phones and e-mails only for roles the domain's export policy allows; audited with the row count
 * and whether personal columns went out.
 */
export async function exportSegmentCsv(
  prisma: PrismaClient,
  user: SegmentUser,
  segmentId: string,
  options: { asOf?: string; db?: SegmentDatabase; now?: Date } = {},
): Promise<{ fileName: string; csv: string; rows: number; pii: boolean }> {
  const policy = segmentExportPolicy(user.role);
  if (!policy.allowed) throw new SegmentForbiddenError("Your role may not export customers.");
  requireSegments(user);
  const segment = await findSegmentRow(prisma, segmentId);
  const db = options.db ?? prisma;
  const compiled = await compileStored(db, segment.definition, options.asOf ?? seoulYesterday());
  const pii = policy.pii ? ", p.name, p.phone, p.email" : "";
  const rows = await query<Record<string, unknown>>(
    db,
    `SELECT s.customer_id::text AS customer_id, h.tier_code AS tier, m.lifecycle_stage AS lifecycle,
            m.format_combo AS formats, m.rfm_segment, m.spend_12m::text AS spend_12m, m.visits_12m${pii}
       FROM (${compiled.sql}) s
       JOIN customer p ON p.id = s.customer_id
       LEFT JOIN customer_metrics m ON m.customer_id = s.customer_id
       LEFT JOIN customer_tier_history h ON h.customer_id = s.customer_id AND h.effective_to IS NULL
      ORDER BY s.customer_id`,
    compiled.values,
  );
  const columns = [...SEGMENT_EXPORT_COLUMNS, ...(policy.pii ? SEGMENT_EXPORT_PII_COLUMNS : [])];
  const csv = resultToCsv({
    columns: columns.map((name) => ({ name, type: "text" as const })),
    rows: rows.map((row) => columns.map((name) => row[name])),
  });
  await writeAudit(prisma, {
    actor: auditActor(user),
    action: "segment.export",
    targetType: "segment",
    targetId: String(segment.id),
    details: { rows: rows.length, pii: policy.pii },
  });
  return {
    fileName: exportFileName(segment.name, options.now ?? new Date(), "csv"),
    csv,
    rows: rows.length,
    pii: policy.pii,
  };
}
