import type { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { etlFilesPending } from "./follow-ups.ts";

/** Just the two Queue calls etlFilesPending makes, over a fixed list of jobs. */
function fakeQueue(jobs: { id: string; name: string }[]): Queue {
  return {
    getJobCounts: async () => ({ active: jobs.length }),
    getJobs: async () => jobs,
  } as unknown as Queue;
}

describe("etlFilesPending (is the delivery drained?)", () => {
  it("is drained when the only etl job is the one finishing", async () => {
    expect(await etlFilesPending(fakeQueue([{ id: "7", name: "etl.file" }]), "7")).toBe(false);
  });

  it("is not drained while another file is queued or running", async () => {
    const jobs = [
      { id: "7", name: "etl.file" },
      { id: "8", name: "etl.file" },
    ];
    expect(await etlFilesPending(fakeQueue(jobs), "7")).toBe(true);
  });

  it("does not count a points.expire job waiting on the same queue", async () => {
    const jobs = [
      { id: "7", name: "etl.file" },
      { id: "repeat:points.expire.daily:1", name: "points.expire" },
    ];
    expect(await etlFilesPending(fakeQueue(jobs), "7")).toBe(false);
  });

  it("does not look at names when far more jobs are queued than a delivery's tail", async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ id: String(i), name: "points.expire" }));
    expect(await etlFilesPending(fakeQueue(many), "0")).toBe(true);
  });
});
