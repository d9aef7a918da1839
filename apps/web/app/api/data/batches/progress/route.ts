import { NextResponse } from "next/server";
import { z } from "zod";
import { batchProgress, batchProgressSchema } from "@/modules/data/progress";
import { withRole } from "@/server/guards";

export const dynamic = "force-dynamic";

const idsSchema = z
  .string()
  .regex(/^\d{1,18}(,\d{1,18}){0,49}$/)
  .transform((s) => s.split(","));

/** GET ?ids=1,2 → the live progress of those batches (the Data page polls it while one runs). */
export const GET = withRole(
  async (request) => {
    const ids = idsSchema.safeParse(new URL(request.url).searchParams.get("ids") ?? "");
    if (!ids.success) return NextResponse.json({ error: "invalid" }, { status: 400 });
    const batches = z.array(batchProgressSchema).parse(await batchProgress(ids.data));
    return NextResponse.json({ batches }, { headers: { "Cache-Control": "no-store" } });
  },
  { area: "data" },
);
