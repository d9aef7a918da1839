import type { PrismaClient } from "@dangol/db/client";
import { type ChartSpec, canViewQuery } from "@dangol/domain";
import { loadVisibleQuery } from "./saved-queries.ts";
import type { WorkbenchUser } from "./service-errors.ts";

/** Pins a visible query (with its chart) to the end of the caller's dashboard; pinning twice is a no-op. */
export async function pinQuery(prisma: PrismaClient, queryId: string | bigint, user: WorkbenchUser): Promise<void> {
  const query = await loadVisibleQuery(prisma, queryId, user);
  const last = await prisma.dashboardPin.aggregate({ where: { userId: user.id }, _max: { position: true } });
  await prisma.dashboardPin.upsert({
    where: { userId_queryId: { userId: user.id, queryId: query.id } },
    create: { userId: user.id, queryId: query.id, position: (last._max.position ?? -1) + 1 },
    update: {},
  });
}

export async function unpinQuery(prisma: PrismaClient, queryId: string | bigint, user: WorkbenchUser): Promise<void> {
  if (!/^\d{1,18}$/.test(String(queryId))) return;
  await prisma.dashboardPin.deleteMany({ where: { userId: user.id, queryId: BigInt(queryId) } });
}

export type DashboardPinEntry = {
  queryId: string;
  title: string;
  chart: ChartSpec | null;
  position: number;
  /** The latest successful run of the query (any trigger), whose result the tile shows. */
  lastRun: { id: string; finishedAt: Date | null; rowCount: number | null } | null;
};

/**
 * The caller's dashboard, in pin order. A pin whose query was deleted or is no longer shared
 * with them is left out (and stays, should the query come back).
 */
export async function listPins(prisma: PrismaClient, user: WorkbenchUser): Promise<DashboardPinEntry[]> {
  const pins = await prisma.dashboardPin.findMany({
    where: { userId: user.id, query: { deletedAt: null } },
    include: {
      query: {
        include: {
          runs: {
            where: { status: "SUCCEEDED" },
            orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
            take: 1,
            select: { id: true, finishedAt: true, rowCount: true },
          },
        },
      },
    },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return pins
    .filter((pin) => canViewQuery(user, pin.query))
    .map((pin) => {
      const run = pin.query.runs[0];
      return {
        queryId: String(pin.queryId),
        title: pin.query.title,
        chart: (pin.query.chart ?? null) as ChartSpec | null,
        position: pin.position,
        lastRun: run ? { id: String(run.id), finishedAt: run.finishedAt, rowCount: run.rowCount } : null,
      };
    });
}
