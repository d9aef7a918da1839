import { createPrismaClient, type PrismaClient } from "@dangol/db/client";
import { seed } from "@dangol/db/seed";
import { SEOUL_UTC_OFFSET_MS } from "@dangol/domain";
import { createRedis, JobProducer } from "@dangol/jobs";
import type { CampaignUser } from "../errors.ts";

/*
 * What the campaign tests share: a Seoul clock away from the quiet hours, the seed's users, and a
 * segment whose snapshot holds exactly the test's customers (the integration database is shared,
 * so a plan must read nobody else's rows).
 */

/** The next Seoul wall-clock hh:00 strictly after the real now (consents are recorded "now"), plus whole days. */
export function nextSeoul(hour: number, plusDays = 0): Date {
  const now = Date.now();
  const local = new Date(now + SEOUL_UTC_OFFSET_MS);
  let at = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - SEOUL_UTC_OFFSET_MS;
  if (at <= now) at += 86_400_000;
  return new Date(at + plusDays * 86_400_000);
}

export async function campaignUser(prisma: PrismaClient, email: string): Promise<CampaignUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email: u.email, role: u.role };
}

/** A segment (owned by the seed's CRM manager) and a snapshot holding exactly these customers. */
export async function segmentOf(
  prisma: PrismaClient,
  customerIds: bigint[],
): Promise<{ segmentId: string; snapshotId: bigint }> {
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: "crm@dangol.local" } });
  const segment = await prisma.segment.create({
    data: {
      name: `campaign test ${Date.now()}`,
      ownerId: owner.id,
      definition: { kind: "group", op: "and", negate: false, children: [] },
    },
  });
  const snapshot = await prisma.segmentSnapshot.create({
    data: {
      segmentId: segment.id,
      reason: "manual",
      definition: {},
      size: customerIds.length,
      spend12m: 0n,
      baseSize: 0,
      members: { create: customerIds.map((customerId) => ({ customerId })) },
    },
  });
  return { segmentId: segment.id.toString(), snapshotId: snapshot.id };
}

/** The run a "send now" created gets the test's own snapshot before anything plans it. */
export async function useSnapshot(prisma: PrismaClient, campaignId: string, snapshotId: bigint): Promise<string> {
  const run = await prisma.campaignRun.findFirstOrThrow({ where: { campaignId: BigInt(campaignId) } });
  await prisma.campaignRun.update({ where: { id: run.id }, data: { snapshotId } });
  return run.id.toString();
}

/**
 * A test file's database client and job producer (under its own queue prefix, so no running
 * worker takes its jobs), the seed's users, and the teardown that empties its queue.
 */
export function campaignTestContext(name: string) {
  const prisma = createPrismaClient(process.env.DATABASE_URL ?? "");
  const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const producer = new JobProducer(redis, `test-campaign-${name}-${process.pid}`);
  return {
    prisma,
    producer,
    /** seeds the users (idempotent) and returns the CRM manager and the admin */
    async users(): Promise<{ crm: CampaignUser; admin: CampaignUser }> {
      await seed(prisma, { demoRetailer: false });
      return {
        crm: await campaignUser(prisma, "crm@dangol.local"),
        admin: await campaignUser(prisma, "admin@dangol.local"),
      };
    },
    async close(): Promise<void> {
      await producer.queue("campaigns").obliterate({ force: true });
      await producer.close();
      await redis.quit();
      await prisma.$disconnect();
    },
  };
}
