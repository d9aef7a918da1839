import { pingPostgres } from "@dangol/db/health";
import { pingRedis } from "@dangol/jobs";
import { NextResponse } from "next/server";
import { env } from "@/env";

export const dynamic = "force-dynamic";

/** For load balancers and `dangol doctor`: no session needed, so it reports reachability and timings only. */
export async function GET() {
  const { DATABASE_URL, REDIS_URL } = env();
  const [postgres, redis] = await Promise.all([pingPostgres(DATABASE_URL), pingRedis(REDIS_URL)]);
  const ok = postgres.ok && redis.ok;
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", postgres, redis },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
