import type { IngestResult } from "@dangol/etl/batches";
import type { JobProducer } from "@dangol/jobs";
import { type Job, type Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { PlannedFile } from "./plan.ts";
import type { FileReport } from "./report.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fromResult(planned: PlannedFile, result: IngestResult, repeat: boolean): FileReport {
  const findings = Object.values(result.findings ?? {}).reduce((s, n) => s + n, 0);
  const base = {
    file: planned.file.name,
    path: planned.relPath,
    division: planned.file.division,
    seconds: repeat ? 0 : result.seconds,
  };
  // Seen before (this run or an earlier one): same name, same content changes nothing.
  if (repeat && result.status !== "refused") {
    return {
      ...base,
      status: "duplicate_file",
      rowsIn: result.rowsIn,
      loaded: 0,
      rejected: 0,
      skipped: result.rowsIn,
      findings: 0,
    };
  }
  return {
    ...base,
    status: result.status,
    rowsIn: result.rowsIn,
    loaded: result.loaded,
    rejected: result.rejected,
    skipped: result.skipped,
    findings: repeat ? 0 : findings,
    ...(result.reason ? { reason: result.reason } : {}),
  };
}

/** Polls one job to its end; the worker runs files in order, so this is rarely more than one round-trip. */
async function settle(queue: Queue, job: Job): Promise<{ result?: IngestResult; failed?: string }> {
  for (;;) {
    const state = await job.getState();
    if (state === "completed" || state === "failed") {
      const fresh = await queue.getJob(job.id!);
      if (state === "completed") return { result: fresh?.returnvalue as IngestResult };
      return { failed: fresh?.failedReason ?? "failed" };
    }
    await sleep(100);
  }
}

/**
 * Enqueues every planned file (deterministic job ids: an identical file already queued or done
 * is not queued again) and follows them to the end in load order.
 */
export async function runDelivery(
  producer: JobProducer,
  connection: Redis,
  prefix: string,
  plan: PlannedFile[],
  onFile: (done: number, total: number, report: FileReport) => void,
  onProgress?: (file: string, fraction: number) => void,
): Promise<FileReport[]> {
  const queue = producer.queue("etl");
  // QueueEvents blocks on its connection: it gets its own, closed here.
  const eventsConnection = connection.duplicate();
  const events = new QueueEvents("etl", { connection: eventsConnection, prefix });
  const names = new Map(plan.map((p) => [p.jobId, p.file.name]));
  events.on("progress", ({ jobId, data }) => {
    const p = data as { bytesRead?: number; totalBytes?: number };
    if (onProgress && p.totalBytes) onProgress(names.get(jobId) ?? jobId, (p.bytesRead ?? 0) / p.totalBytes);
  });
  try {
    await events.waitUntilReady();
    type Slot = { planned: PlannedFile; job: Job; previous: boolean; firstInRun: boolean };
    const slots: Slot[] = [];
    const seenInRun = new Set<string>();
    for (const planned of plan) {
      const firstInRun = !seenInRun.has(planned.jobId);
      seenInRun.add(planned.jobId);
      let job = await queue.getJob(planned.jobId);
      let previous = false;
      if (job && firstInRun) {
        const state = await job.getState();
        previous = state === "completed";
        // A file that failed for good earlier (e.g. masters missing) is tried again.
        if (state === "failed") await job.retry();
      } else if (!job) {
        job = await producer.enqueue(
          "etl.file",
          { path: planned.path, division: planned.file.division, kind: planned.file.kind, seq: planned.seq },
          { jobId: planned.jobId },
        );
      }
      slots.push({ planned, job: job!, previous, firstInRun });
    }
    const reports: FileReport[] = [];
    for (const slot of slots) {
      const { result, failed } = await settle(queue, slot.job);
      const report: FileReport = result
        ? fromResult(slot.planned, result, slot.previous || !slot.firstInRun)
        : {
            file: slot.planned.file.name,
            path: slot.planned.relPath,
            division: slot.planned.file.division,
            status: "failed",
            rowsIn: 0,
            loaded: 0,
            rejected: 0,
            skipped: 0,
            findings: 0,
            seconds: 0,
            reason: failed,
          };
      reports.push(report);
      onFile(reports.length, slots.length, report);
    }
    return reports;
  } finally {
    await events.close();
    eventsConnection.disconnect();
  }
}
