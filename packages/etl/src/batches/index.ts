export { MastersMissingError } from "./batch-store.ts";
export { deliveryDigest, fileDigest } from "./digest.ts";
export { type IngestProgress, type IngestResult, type IngestStatus, ingestFile } from "./ingest.ts";
