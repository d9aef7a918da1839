import { type OfflineChannel, offlineContactList } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { NextResponse } from "next/server";
import type { Session } from "next-auth";
import { z } from "zod";
import { attachmentHeader, csvRow, UTF8_BOM } from "@/modules/data/csv";
import { campaignUser } from "./user.ts";

const noStore = { "Cache-Control": "no-store" };
const paramsSchema = z.object({
  id: z.string().regex(/^\d{1,18}$/, "campaign id must be a number"),
  runId: z.string().regex(/^\d{1,18}$/, "run id must be a number"),
});

type RunContext = { params: Promise<{ id: string; runId: string }>; session: Session };

const COLUMNS: Record<OfflineChannel, string[]> = {
  DM: ["customer_id", "name", "zip", "address", "letter"],
  TM: ["customer_id", "name", "phone", "script"],
};

/**
 * GET /api/campaigns/[id]/runs/[runId]/dm.csv | tm.csv: the print vendor's file or the call
 * centre's list — the run's SENT contacts of that channel with their merged text. Excel-ready
 * (BOM, CRLF) and formula-safe, since names and letters are free text; the service audits it.
 */
export function offlineListResponse(channel: OfflineChannel) {
  return async (_request: Request, context: RunContext): Promise<Response> => {
    const parsed = paramsSchema.safeParse(await context.params);
    if (!parsed.success) {
      return NextResponse.json(
        { error: "not_found", message: parsed.error.issues[0]?.message },
        { status: 404, headers: noStore },
      );
    }
    const { id, runId } = parsed.data;
    let rows: Awaited<ReturnType<typeof offlineContactList>>;
    try {
      rows = await offlineContactList(getPrisma(), campaignUser(context.session.user), id, runId, channel);
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      if (name === "CampaignNotFoundError")
        return NextResponse.json({ error: "not_found" }, { status: 404, headers: noStore });
      if (name === "CampaignForbiddenError")
        return NextResponse.json({ error: "forbidden" }, { status: 403, headers: noStore });
      throw error;
    }
    let csv = UTF8_BOM + csvRow(COLUMNS[channel]);
    for (const r of rows) {
      csv += csvRow(
        channel === "DM" ? [r.customerId, r.name, r.zip, r.address, r.text] : [r.customerId, r.name, r.phone, r.text],
      );
    }
    const fileName = `campaign-${id}-run-${runId}-${channel === "DM" ? "dm" : "tm"}.csv`;
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentHeader(fileName),
        "X-Content-Type-Options": "nosniff",
        ...noStore,
      },
    });
  };
}
