import { getPrisma } from "@dangol/db/client";
import { listUsers } from "@dangol/db/users";
import { ROLES } from "@dangol/domain";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/server/guards";

/** The export's columns, re-parsed so a field added to the service never leaks here by accident. */
const exportedUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  storeLabel: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.date().nullable(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});

export const GET = withRole(
  async () => NextResponse.json({ users: z.array(exportedUser).parse(await listUsers(getPrisma())) }),
  { area: "users" },
);
