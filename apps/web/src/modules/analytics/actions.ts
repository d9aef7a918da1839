"use server";

import { createAnalyticsRun, saveAnalyticsConfig, withAnalyticsClient } from "@dangol/analytics";
import { writeAudit } from "@dangol/db/audit";
import { getPrisma } from "@dangol/db/client";
import { UserInputError } from "@dangol/db/users";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { env } from "@/env";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { type ActionResult, defineAction } from "@/server/action";
import { jobProducer } from "@/server/jobs";
import { loadConfig } from "./queries.ts";
import { parseTierForm, type TierErrorKey } from "./tier-form.ts";

/** A refresh started less than this long ago and not finished blocks another (it would only wait for the lock). */
const LIVE_RUN_MS = 60 * 60_000;

/** "지금 새로 계산": a queued run row the screen shows at once, then the analytics.refresh job. */
export const requestRefreshAction = defineAction(
  { area: "customers", schema: z.object({}) },
  async (_input, { actor }) => {
    const db = getPrisma();
    const live = await db.analyticsRun.findFirst({
      where: { status: { in: ["queued", "running"] }, createdAt: { gte: new Date(Date.now() - LIVE_RUN_MS) } },
      select: { id: true },
    });
    if (live) throw new UserInputError(fill((await getDictionary()).t.analytics.busy, { id: live.id.toString() }));
    const runId = await withAnalyticsClient(env().DATABASE_URL, (client) =>
      createAnalyticsRun(client, { trigger: "web", requestedBy: actor.email }),
    );
    try {
      const job = await jobProducer().enqueue("analytics.refresh", {
        trigger: "web",
        requestedBy: actor.email,
        runId: String(runId),
      });
      await db.analyticsRun.update({ where: { id: runId }, data: { jobId: job.id ?? null } });
    } catch (error) {
      await db.analyticsRun.update({
        where: { id: runId },
        data: { status: "failed", error: `enqueue failed: ${(error as Error).message}`, finishedAt: new Date() },
      });
      throw error;
    }
    await writeAudit(db, {
      actor,
      action: "analytics.refresh.request",
      targetType: "analytics_run",
      targetId: runId.toString(),
    });
    revalidatePath("/analytics");
    return { runId: runId.toString() };
  },
);

/** The form's state: the action result, with field errors as message keys (see tier-form.ts). */
export type TierSaveState = ActionResult<
  | { ok: true; version: number }
  | { ok: false; fieldErrors: Record<string, TierErrorKey[]>; values: Record<string, string> }
> | null;

/**
 * Saves the tier rules as a new version. The input is the flat form (strings); the domain's
 * tierRulesSchema decides, and its refusals come back per field.
 */
export const saveTierRulesAction = defineAction(
  {
    area: "customers",
    schema: z
      .record(z.string().regex(/^[A-Za-z0-9_.]{1,40}$/), z.string().max(200))
      .and(z.object({ note: z.string().trim().max(200).optional() })),
  },
  async (input, { actor }) => {
    const { note, ...fields } = input;
    const current = (await loadConfig()).tiers;
    const parsed = parseTierForm(fields as Record<string, string>, current);
    if (!parsed.ok)
      return { ok: false as const, fieldErrors: parsed.fieldErrors, values: fields as Record<string, string> };
    const { version } = await withAnalyticsClient(env().DATABASE_URL, (client) =>
      saveAnalyticsConfig(client, "tiers", parsed.rules, actor.email, note || undefined),
    );
    await writeAudit(getPrisma(), {
      actor,
      action: "analytics.tiers.save",
      targetType: "analytics_config",
      targetId: `tiers:v${version}`,
      details: { version, tiers: parsed.rules.tiers.map((t) => [t.code, t.minSpend, t.minVisits]) },
    });
    revalidatePath("/analytics/tiers");
    return { ok: true as const, version };
  },
);

/** The same action in useActionState's (previous, form) shape, so the form posts without JS too. */
export async function saveTierRulesForm(_previous: TierSaveState, form: FormData): Promise<TierSaveState> {
  return saveTierRulesAction(form);
}

export type RefreshState = ActionResult<{ runId: string }> | null;

export async function requestRefreshForm(_previous: RefreshState, _form: FormData): Promise<RefreshState> {
  return requestRefreshAction({});
}
