import { NextResponse } from "next/server";
import {
  PAGE_VIEWS_PER_MINUTE,
  pageViewBeaconSchema,
  recordPageEnter,
  recordPageLeave,
  viewerOf,
} from "@/modules/usage/record";
import { getSession } from "@/server/auth";

export const dynamic = "force-dynamic";

/** A beacon is a few dozen bytes; anything much longer is not one. */
const MAX_BODY_CHARS = 1_000;

/**
 * POST from the shell's page-view reporter (fetch on entering, navigator.sendBeacon on leaving;
 * the body is JSON whatever its content type, since a beacon sends text/plain). Any signed-in role
 * is recorded, as the session says; without a session nothing is.
 */
export async function POST(request: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) return NextResponse.json({ error: "body too long" }, { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return NextResponse.json({ error: "body must be JSON" }, { status: 400 });
  }
  const beacon = pageViewBeaconSchema.safeParse(json);
  if (!beacon.success) {
    const issue = beacon.error.issues[0];
    return NextResponse.json({ error: `${issue?.path.join(".") || "body"}: ${issue?.message}` }, { status: 400 });
  }
  const viewer = viewerOf(session);
  if (beacon.data.type === "leave") {
    await recordPageLeave(viewer, beacon.data.id, beacon.data.durationMs);
    return new Response(null, { status: 204 });
  }
  const view = await recordPageEnter(viewer, beacon.data.page);
  if (!view) {
    return NextResponse.json({ error: `more than ${PAGE_VIEWS_PER_MINUTE} page views a minute` }, { status: 429 });
  }
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
}
