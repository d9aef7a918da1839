import { analyticsRefresh } from "./analytics.refresh.ts";
import { etlFile } from "./etl.file.ts";
import { heartbeat } from "./maintenance.heartbeat.ts";
import type { HandlerMap } from "./types.ts";

export const handlers: HandlerMap = {
  "maintenance.heartbeat": heartbeat,
  "etl.file": etlFile,
  "analytics.refresh": analyticsRefresh,
};
