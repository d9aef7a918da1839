import { getPrisma } from "@dangol/db/client";
import type { Role } from "@dangol/domain";
import { headers } from "next/headers";
import type { Session } from "next-auth";
import { z } from "zod";
import { SCREEN_PATTERNS, type ScreenPattern } from "./screens.ts";

/**
 * What the shell's reporter may say: a screen was entered (its route pattern, one of the known
 * screens, so no id or query string can ride along), or the view `id` it was given was left after
 * `durationMs` of visible time. Who and in which role come from the session, never from here.
 */
export const pageViewBeaconSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("enter"), page: z.enum(SCREEN_PATTERNS, "page must be a known screen pattern") }).strict(),
  z
    .object({
      type: z.literal("leave"),
      id: z.string().regex(/^\d{1,18}$/, "id must be the view id the enter beacon returned"),
      durationMs: z.number().int().min(0).max(2_147_483_647),
    })
    .strict(),
]);
export type PageViewBeacon = z.infer<typeof pageViewBeaconSchema>;

export type Viewer = { id: string; role: Role };

/** Who a view is recorded for: the session's user and role, never anything the browser says. */
export const viewerOf = (session: Session): Viewer => ({ id: session.user.id, role: session.user.role as Role });

/** A person opens well under one screen a second; a runaway script is cut off, not recorded. */
export const PAGE_VIEWS_PER_MINUTE = 60;
/** Time on page is reported only within this long of entering (a working day's session). */
const LEAVE_WITHIN_HOURS = 8;
/** Reported time may exceed what the server saw pass by this much (two beacons' latency). */
const CLOCK_SLACK_MS = 5_000;

/**
 * Records entering a screen; null when the viewer is over the per-minute limit, or, with
 * `unlessWithinSeconds`, when they entered the same screen that recently.
 */
export async function recordPageEnter(
  viewer: Viewer,
  page: string,
  options: { unlessWithinSeconds?: number } = {},
): Promise<{ id: string } | null> {
  // One statement, so the limit and the insert see the same rows; the (at) index bounds the count.
  const rows = await getPrisma().$queryRaw<{ id: bigint }[]>`
    INSERT INTO page_view (user_id, role, page)
    SELECT ${viewer.id}::uuid, ${viewer.role}, ${page}
     WHERE (SELECT count(*) FROM page_view
             WHERE at > now() - interval '1 minute' AND user_id = ${viewer.id}::uuid) < ${PAGE_VIEWS_PER_MINUTE}
       AND NOT EXISTS (SELECT FROM page_view
                        WHERE at > now() - make_interval(secs => ${options.unlessWithinSeconds ?? 0}::int)
                          AND user_id = ${viewer.id}::uuid AND page = ${page})
    RETURNING id`;
  const id = rows[0]?.id;
  return id === undefined ? null : { id: id.toString() };
}

/**
 * Records the time on page of the viewer's own recent view. Sent again on each hide, so the value
 * only grows, and it never exceeds the time the server saw pass since the view began.
 */
export async function recordPageLeave(viewer: Viewer, id: string, durationMs: number): Promise<boolean> {
  const updated = await getPrisma().$executeRaw`
    UPDATE page_view
       SET duration_ms = LEAST(${durationMs}::int, (extract(epoch FROM now() - at) * 1000)::int + ${CLOCK_SLACK_MS}::int)
     WHERE id = ${BigInt(id)} AND user_id = ${viewer.id}::uuid
       AND at > now() - make_interval(hours => ${LEAVE_WITHIN_HOURS}::int)
       AND (duration_ms IS NULL OR duration_ms < ${durationMs}::int)`;
  return updated > 0;
}

/**
 * A view recorded by the page itself on the server (the store screens, which ship no reporter):
 * entered, without a time on page. A router prefetch is not a view; the same screen again within
 * SERVER_VIEW_REPEAT_SECONDS (the page redrawn after one of its own forms) counts once. Never fails
 * the page: a lost usage row is not worth an error.
 */
export async function recordServerPageView(viewer: Viewer, page: ScreenPattern): Promise<void> {
  if ((await headers()).get("next-router-prefetch")) return;
  await recordPageEnter(viewer, page, { unlessWithinSeconds: SERVER_VIEW_REPEAT_SECONDS }).catch((error: unknown) => {
    console.error("page view not recorded", page, error);
  });
}

const SERVER_VIEW_REPEAT_SECONDS = 30;
