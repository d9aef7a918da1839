// The segment services (live count, CRUD, snapshots, overlap, export), imported by the web app,
// the worker and the CLI. The rule model and compiler are @dangol/domain's (pure).
export { seedReadyMadeSegments } from "@dangol/db/seed";
export * from "./count.ts";
export {
  loadReferencedDefinitions,
  SEGMENT_SESSION_OPTIONS,
  type SegmentDatabase,
  segmentPool,
  seoulYesterday,
  withSegmentSettings,
} from "./database.ts";
export * from "./errors.ts";
export * from "./export.ts";
export * from "./overlap.ts";
export {
  deleteSegment,
  getSegment,
  listSegments,
  type SavedSegment,
  type SaveSegmentInput,
  saveSegment,
  type UpdateSegmentInput,
  updateSegment,
} from "./segments.ts";
export * from "./snapshots.ts";
