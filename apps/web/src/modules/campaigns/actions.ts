"use server";

import { campaignAction, createCampaign, updateCampaign } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { UserInputError } from "@dangol/db/users";
import { CAMPAIGN_ACTIONS, type CampaignAction, campaignDefinitionSchema } from "@dangol/domain";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDictionary } from "@/i18n/server";
import { defineAction } from "@/server/action";
import { jobProducer } from "@/server/jobs";
import { localizeIssue } from "./form-errors.ts";
import { campaignUser } from "./user.ts";

/**
 * The campaign services refuse with their own error kinds; the action helper shows a
 * UserInputError's sentence beside the button, so each refusal reads in the reader's language.
 */
async function refusalsShown<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const { locale, t } = await getDictionary();
    const e = t.campaigns.errors;
    switch (error.name) {
      case "CampaignTransitionError":
        throw new UserInputError((error as unknown as { messages: { ko: string; en: string } }).messages[locale]);
      case "CampaignInputError": {
        const field = (error as { field?: string }).field;
        if (field === "schedule") throw new UserInputError(e.schedulePassed, field);
        if (field === "segmentId") throw new UserInputError(e.segmentId, field);
        throw new UserInputError(/saved this campaign after/.test(error.message) ? e.stale : error.message, field);
      }
      case "CampaignNotFoundError":
        throw new UserInputError(e.notFound);
      case "CampaignForbiddenError":
        throw new UserInputError(e.forbidden);
      default:
        throw error;
    }
  }
}

const campaignId = z.string({ error: "campaign id is missing" }).regex(/^\d{1,18}$/, "campaign id must be a number");

const saveSchema = z.object({
  id: campaignId.optional(),
  /** the version the editor opened: a save over a colleague's newer one is refused */
  expectedVersion: z.number().int().positive().optional(),
  // Checked below with the domain schema, so every field's problem is reported, not only the first.
  definition: z.record(z.string(), z.unknown(), { error: "definition is missing" }),
});

export type SaveCampaignResult = { id: string } | { fieldErrors: Record<string, string> };

/** Save the editor's form: a new DRAFT, or a new version of a DRAFT the user may edit. */
export const saveCampaignAction = defineAction(
  { area: "campaigns", schema: saveSchema },
  async ({ id, expectedVersion, definition }, { actor }): Promise<SaveCampaignResult> => {
    const parsed = campaignDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
      const { t } = await getDictionary();
      const kinds = Array.isArray(definition.channels)
        ? definition.channels.map((c) => String((c as { channel?: unknown })?.channel ?? ""))
        : [];
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const { key, text } = localizeIssue(
          issue.path as (string | number)[],
          issue.message,
          kinds,
          t.campaigns.errors,
        );
        fieldErrors[key] ??= text;
      }
      return { fieldErrors };
    }
    const user = campaignUser(actor);
    const saved = await refusalsShown(async () => {
      if (!id) return createCampaign(getPrisma(), user, parsed.data);
      await updateCampaign(getPrisma(), user, id, parsed.data, expectedVersion);
      return { id };
    });
    revalidatePath("/campaigns");
    revalidatePath(`/campaigns/${saved.id}`);
    return { id: saved.id };
  },
);

const STEPS = CAMPAIGN_ACTIONS.filter((a): a is Exclude<CampaignAction, "edit"> => a !== "edit");

const step = defineAction(
  {
    area: "campaigns",
    schema: z.object({ id: campaignId, action: z.enum(STEPS, { error: "unknown campaign action" }) }),
  },
  async ({ id, action }, { actor }) => {
    // The service checks the role and the state machine again; approval over the threshold included.
    const result = await refusalsShown(() =>
      campaignAction(getPrisma(), jobProducer(), campaignUser(actor), id, action),
    );
    revalidatePath("/campaigns");
    revalidatePath(`/campaigns/${id}`);
    return { action, state: result.state };
  },
);

/** One life-cycle button (approve, schedule, 지금 발송, pause …), as a form's (previous state, input) action. */
export async function campaignStepAction(_previous: unknown, input: FormData | { id: string; action: string }) {
  return step(input as FormData);
}
