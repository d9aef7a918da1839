import { dispatchBatch, failRun, launchDueRuns, planRun, queueBatches } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { campaignProviders, unsubscribeLinks } from "../campaign-providers.ts";
import type { Handler } from "./types.ts";

/** Every minute: the runs that are due are created and launched; finished one-off campaigns complete. */
export const campaignsTick: Handler<"campaigns.tick"> = async (_payload, { producer, logger }) => {
  const result = await launchDueRuns(getPrisma(), producer);
  if (result.launched.length + result.completed.length > 0) logger.info(result, "campaign runs launched / completed");
  return result;
};

/** Plans a run (snapshot, rules, control draw, contact plan) and queues its batches. */
export const campaignsLaunch: Handler<"campaigns.launch"> = async (payload, { producer, logger, job }) => {
  const prisma = getPrisma();
  let plan: Awaited<ReturnType<typeof planRun>>;
  try {
    plan = await planRun(prisma, payload.runId, { log: (line) => logger.info({ jobId: job.id }, line) });
  } catch (error) {
    // The last attempt: the run says so (the detail page shows it) instead of "planning" forever.
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await failRun(prisma, payload.runId, error);
    throw error;
  }
  // Also after "already_planned": a crash between the plan's commit and the queueing lands here.
  const queued = plan.status === "cancelled" ? 0 : await queueBatches(prisma, producer, payload.runId);
  logger.info({ ...plan, queued }, "campaign run planned");
  return { ...plan, queued };
};

export const campaignsDispatch: Handler<"campaigns.dispatch"> = async (payload, { producer, logger, job }) => {
  const result = await dispatchBatch(getPrisma(), producer, campaignProviders(), payload.runId, payload.batchNo, {
    unsubscribeUrl: unsubscribeLinks(),
    onProgress: (done) => void job.updateProgress(done),
  });
  logger.info(result, "campaign batch dispatched");
  return result;
};
