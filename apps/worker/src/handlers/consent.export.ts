import { resolve } from "node:path";
import { exportConsentChanges } from "@dangol/campaigns";
import { consentExportEnv, findRepoRoot, parseEnv } from "@dangol/config";
import type { PrismaClient } from "@dangol/db/client";
import { getPrisma } from "@dangol/db/client";
import { formatSeoulDate } from "@dangol/domain";
import type { Handler } from "./types.ts";

/** The day a run at `now` exports by default: yesterday in Seoul (the 01:00 run closes that day). */
export function consentExportDay(now: Date): string {
  return formatSeoulDate(new Date(now.getTime() - 24 * 3600_000));
}

/** The configured directory; a relative one is under the repo root, whatever the worker's cwd. */
export function consentOutboundDir(): string {
  return resolve(findRepoRoot(), parseEnv(consentExportEnv).CONSENT_OUTBOUND_DIR);
}

/**
 * Daily (01:00 Seoul) and on demand: the outbound consent files of one Seoul day, one per
 * division (packages/campaigns/src/consent/consent-export.ts). Rewrites the same files when
 * repeated; each run is on the audit log.
 */
export function createConsentExportHandler(
  options: { prisma?: () => PrismaClient; outDir?: () => string; now?: () => Date } = {},
) {
  const prismaOf = options.prisma ?? getPrisma;
  const outDirOf = options.outDir ?? consentOutboundDir;
  const now = options.now ?? (() => new Date());
  const handler: Handler<"consent.export"> = async (payload, { logger }) => {
    const day = payload.day ?? consentExportDay(now());
    const actor = { system: payload.trigger === "cli" ? "cli" : "worker" } as const;
    const result = await exportConsentChanges(prismaOf(), { day, outDir: outDirOf(), actor });
    logger.info({ day, events: result.events, files: result.files }, "consent changes exported");
    return result;
  };
  return handler;
}

export const consentExport = createConsentExportHandler();
