import { z } from "zod";

/** What the etl.file worker reports through job.updateProgress (packages/etl/src/batches IngestProgress). */
export const ingestProgress = z.object({
  rowsRead: z.number().nonnegative().default(0),
  bytesRead: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
});

/** One batch's live state, as the progress route answers it (re-parsed there, so no field leaks). */
export const batchProgressSchema = z.object({
  id: z.string(),
  status: z.string(),
  rowsRead: z.number().nullable(),
  bytesRead: z.number().nullable(),
  totalBytes: z.number(),
  /** 0–100, null when the job's progress is unknown (no job found, or not reported yet) */
  percent: z.number().min(0).max(100).nullable(),
});
export type BatchProgress = z.output<typeof batchProgressSchema>;

/** The same job id `dangol etl run` gives the file (apps/cli/src/commands/etl/plan.ts jobIdOf). */
export function etlJobId(source: string, fileName: string, checksum: string): string {
  return `etl.file-${source}-${fileName}-${checksum}`;
}

export function percentOf(bytesRead: number, totalBytes: number): number {
  if (totalBytes <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((bytesRead / totalBytes) * 100)));
}
