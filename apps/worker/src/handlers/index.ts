import { analyticsRefresh } from "./analytics.refresh.ts";
import { campaignsDispatch, campaignsLaunch, campaignsTick } from "./campaigns.ts";
import { consentExport } from "./consent.export.ts";
import { etlFile } from "./etl.file.ts";
import { heartbeat } from "./maintenance.heartbeat.ts";
import { pointsExpire } from "./points.expire.ts";
import { qualitySnapshot } from "./quality.snapshot.ts";
import { queriesRun } from "./queries.run.ts";
import { queriesScheduled } from "./queries.scheduled.ts";
import { segmentsSnapshot } from "./segments.snapshot.ts";
import type { HandlerMap } from "./types.ts";
import { usageRetention } from "./usage.retention.ts";

export const handlers: HandlerMap = {
  "maintenance.heartbeat": heartbeat,
  "etl.file": etlFile,
  "analytics.refresh": analyticsRefresh,
  "points.expire": pointsExpire,
  "quality.snapshot": qualitySnapshot,
  "queries.run": queriesRun,
  "queries.scheduled": queriesScheduled,
  "segments.snapshot": segmentsSnapshot,
  "usage.retention": usageRetention,
  "consent.export": consentExport,
  "campaigns.tick": campaignsTick,
  "campaigns.launch": campaignsLaunch,
  "campaigns.dispatch": campaignsDispatch,
};
