import type { Role } from "@dangol/domain";
import type { SegmentUser } from "@dangol/segments";
import type { Session } from "next-auth";

/** The signed-in user as the segment services take it (they check the role again themselves). */
export function segmentUser(session: Session): SegmentUser {
  return { id: session.user.id, email: session.user.email, role: session.user.role as Role };
}
