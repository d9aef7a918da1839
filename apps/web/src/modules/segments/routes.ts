import { getPrisma } from "@dangol/db/client";
import { countSegment, explainSegment, exportSegmentCsv, segmentPool } from "@dangol/segments";
import { NextResponse } from "next/server";
import type { Session } from "next-auth";
import { attachmentHeader } from "@/modules/data/csv";
import { countRequestSchema, countResponseSchema } from "./count-types.ts";
import { segmentUser } from "./user.ts";

const noStore = { "Cache-Control": "no-store" };

/** The services' refusals as HTTP answers; anything else is a real fault and propagates. */
async function answer(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const message = error instanceof Error ? error.message : "";
    if (name === "SegmentInputError")
      return NextResponse.json({ error: "invalid", message }, { status: 400, headers: noStore });
    if (name === "SegmentNotFoundError")
      return NextResponse.json({ error: "not_found", message }, { status: 404, headers: noStore });
    if (name === "SegmentForbiddenError")
      return NextResponse.json({ error: "forbidden", message }, { status: 403, headers: noStore });
    throw error;
  }
}

/** POST /api/segments/count { definition }: the live count and the compiled SQL with its values. */
export async function countResponse(request: Request): Promise<Response> {
  const body = await request.json().catch(() => undefined);
  const parsed = countRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return NextResponse.json(
      { error: "invalid", message: `${where}${issue?.message ?? "invalid body"}` },
      { status: 400, headers: noStore },
    );
  }
  return answer(async () => {
    const db = segmentPool();
    const [count, compiled] = await Promise.all([
      countSegment(db, parsed.data.definition),
      explainSegment(db, parsed.data.definition),
    ]);
    return NextResponse.json(countResponseSchema.parse({ ...count, sql: compiled.sql, values: compiled.values }), {
      headers: noStore,
    });
  });
}

type IdContext = { params: Promise<{ id: string }>; session: Session };

/** GET /api/segments/[id]/export: the members as CSV (personal columns per role), audited. */
export async function exportResponse(_request: Request, context: IdContext): Promise<Response> {
  const { id } = await context.params;
  return answer(async () => {
    const user = segmentUser(context.session);
    // the service audits the export (rows, whether personal columns went out)
    const file = await exportSegmentCsv(getPrisma(), user, id, { db: segmentPool() });
    return new Response(file.csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentHeader(file.fileName),
        "X-Content-Type-Options": "nosniff",
        ...noStore,
      },
    });
  });
}
