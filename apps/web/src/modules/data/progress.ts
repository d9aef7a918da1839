import { jobProducer } from "@/server/jobs";
import { dataPool } from "./db.ts";
import { type BatchProgress, etlJobId, ingestProgress, percentOf } from "./job-progress.ts";

export { type BatchProgress, batchProgressSchema } from "./job-progress.ts";

/**
 * The progress of the given batches: for a RUNNING batch, the BullMQ job of the etl queue that
 * stages it; anything else is reported with its status so the page knows to re-render.
 */
export async function batchProgress(ids: readonly string[]): Promise<BatchProgress[]> {
  if (ids.length === 0) return [];
  const { rows } = await dataPool().query<{
    id: string;
    source_code: string;
    file_name: string;
    file_checksum: string;
    size_bytes: string;
    status: string;
  }>(
    `SELECT id::text, source_code, file_name, file_checksum, size_bytes::text, status::text
       FROM etl_batch WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  );
  const queue = jobProducer().queue("etl");
  return Promise.all(
    rows.map(async (b): Promise<BatchProgress> => {
      const base = { id: b.id, status: b.status, totalBytes: Number(b.size_bytes) };
      if (b.status !== "RUNNING") return { ...base, rowsRead: null, bytesRead: null, percent: null };
      const job = await queue.getJob(etlJobId(b.source_code, b.file_name, b.file_checksum)).catch(() => undefined);
      const parsed = ingestProgress.safeParse(job?.progress);
      if (!parsed.success) return { ...base, rowsRead: null, bytesRead: null, percent: null };
      const { rowsRead, bytesRead, totalBytes } = parsed.data;
      return {
        ...base,
        totalBytes: totalBytes || base.totalBytes,
        rowsRead,
        bytesRead,
        percent: percentOf(bytesRead, totalBytes || base.totalBytes),
      };
    }),
  );
}
