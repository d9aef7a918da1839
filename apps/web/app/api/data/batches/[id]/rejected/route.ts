import { NextResponse } from "next/server";
import { attachmentHeader, csvRow, UTF8_BOM } from "@/modules/data/csv";
import { batchIdSchema, getBatch, rejectedRows } from "@/modules/data/queries";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

/** Rows fetched per round trip while streaming; a batch can have many thousands of rejected rows. */
const PAGE = 2_000;

/**
 * A batch's rejected rows as CSV (UTF-8 with BOM, RFC 4180), streamed page by page in file order so
 * a large batch never sits in memory. The raw text is exactly as stored (erased rows are empty).
 */
export const GET = withRole<{ params: Promise<{ id: string }> }>(
  async (_request, { params }) => {
    const id = batchIdSchema.safeParse((await params).id);
    if (!id.success) return NextResponse.json({ error: "invalid" }, { status: 400 });
    const batch = await getBatch(id.data);
    if (!batch) return NextResponse.json({ error: "not found" }, { status: 404 });
    const encoder = new TextEncoder();
    let after = 0;
    let started = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(
              encoder.encode(UTF8_BOM + csvRow(["batch_id", "file_name", "line_no", "reason", "raw"])),
            );
          }
          const page = await rejectedRows(batch.id, after, PAGE);
          controller.enqueue(
            encoder.encode(
              page.rows.map((r) => csvRow([batch.id, batch.fileName, r.lineNo, r.reason, r.raw])).join(""),
            ),
          );
          if (page.nextAfter === null) controller.close();
          else after = page.nextAfter;
        } catch (error) {
          controller.error(error);
        }
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentHeader(`rejected-${batch.id}-${batch.fileName}.csv`),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { area: "data" },
);
