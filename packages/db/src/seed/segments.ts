import { READY_MADE_SEGMENTS } from "@dangol/domain";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { DEMO_USERS } from "./demo-users.ts";

/**
 * The ready-made segments (one per theme, defined in @dangol/domain with the builder's own rules),
 * owned by the seed's admin and marked builtIn. Idempotent: a theme that already has a built-in
 * segment — even one an admin deleted — is left alone, so a re-seed neither duplicates nor revives.
 * Here rather than in @dangol/segments, which depends on this package.
 */
export async function seedReadyMadeSegments(
  prisma: PrismaClient,
  log: (line: string) => void = () => {},
): Promise<number> {
  const adminEmail = DEMO_USERS.find((u) => u.role === "ADMIN")?.email ?? "";
  const admin = await prisma.user.findUnique({ where: { email: adminEmail }, select: { id: true } });
  if (!admin) {
    log(`ready-made segments: skipped (no ${adminEmail} to own them)`);
    return 0;
  }
  const existing = await prisma.segment.findMany({ where: { builtIn: true }, select: { themes: true } });
  const seeded = new Set(existing.flatMap((s) => s.themes));
  const missing = READY_MADE_SEGMENTS.filter((s) => !seeded.has(s.key));
  if (missing.length > 0)
    await prisma.segment.createMany({
      data: missing.map((s) => ({
        name: s.name,
        description: s.description,
        themes: [s.key],
        definition: s.definition as unknown as Prisma.InputJsonValue,
        builtIn: true,
        ownerId: admin.id,
      })),
    });
  log(`ready-made segments: ${missing.length} written`);
  return missing.length;
}
