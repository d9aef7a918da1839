import { type Area, canAccess } from "@dangol/domain";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import type { Session } from "next-auth";
import { AREA_PATHS } from "./areas.ts";
import { getSession } from "./auth.ts";

/**
 * The first line of every page: no session → sign-in (coming back here afterwards),
 * a role outside the area → a real HTTP 403 page. Fail closed on anything unexpected. `path` is
 * where sign-in returns to, for pages below an area's own path (e.g. /analytics/tiers).
 */
export async function requireRole(area: Area, path: string = AREA_PATHS[area]): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/signin?next=${encodeURIComponent(path)}`);
  if (!canAccess(session.user.role, area)) forbidden();
  return session;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** Route handlers answer JSON: 401 without a session, 403 for a role outside the area. */
export function withRole<C extends RouteContext>(
  handler: (request: Request, context: C & { session: Session }) => Promise<Response>,
  { area }: { area: Area },
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const session = await getSession();
    if (!session) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
    if (!canAccess(session.user.role, area)) return NextResponse.json({ error: "forbidden" }, { status: 403 });
    return handler(request, { ...context, session });
  };
}
