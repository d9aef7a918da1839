"use server";

import { saveAnalyticsConfig, withAnalyticsClient } from "@dangol/analytics";
import {
  createPromotion,
  deletePromotion,
  PROMOTION_FORMATS,
  promotionInputSchema,
  updatePromotion,
} from "@dangol/campaigns";
import { writeAudit } from "@dangol/db/audit";
import { getPrisma } from "@dangol/db/client";
import { UserInputError } from "@dangol/db/users";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { env } from "@/env";
import { getDictionary } from "@/i18n/server";
import { type ActionResult, defineAction } from "@/server/action";
import { parseSettingsForm, type SettingsErrorKey } from "./settings-form.ts";

const promotionId = z.string({ error: "promotion id is missing" }).regex(/^\d{1,18}$/, "promotion id must be a number");
const text = (max: number) => z.string().max(max, `at most ${max} characters`).optional();

/*
 * The promotion form posts flat strings; each format is its own checkbox (formats.DPT = "on"), since
 * the action helper keeps one value per name. Shape and size are checked here, the meaning by the
 * service's promotionInputSchema, whose refusals come back per field in the reader's language.
 */
const promotionFormSchema = z.object({
  id: promotionId.optional(),
  name: text(200),
  kind: text(20),
  startsOn: text(20),
  endsOn: text(20),
  note: text(1000),
  ...Object.fromEntries(PROMOTION_FORMATS.map((f) => [`formats.${f}`, z.enum(["on"]).optional()])),
  /** a direct caller may send the list instead */
  formats: z.array(z.string().max(8)).max(3).optional(),
});

export type PromotionSaveState = ActionResult<
  { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> }
> | null;

function refusalOf(error: unknown): never {
  if (error instanceof Error && error.name === "PromotionNotFoundError") throw new UserInputError("not_found");
  throw error;
}

export const savePromotionAction = defineAction(
  { area: "campaigns", schema: promotionFormSchema },
  async (input, { actor }) => {
    const raw = input as Record<string, unknown>;
    const formats = input.formats ?? PROMOTION_FORMATS.filter((f) => raw[`formats.${f}`] === "on");
    const parsed = promotionInputSchema.safeParse({
      name: input.name ?? "",
      kind: input.kind,
      formats,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      note: input.note ?? "",
    });
    if (!parsed.success) {
      const words = (await getDictionary()).t.campaignsPlan.calendar.errors;
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "name");
        fieldErrors[field] ??= words[field] ?? issue.message;
      }
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) if (typeof v === "string") values[k] = v;
      return { ok: false as const, fieldErrors, values };
    }
    const saved = await (input.id
      ? updatePromotion(getPrisma(), input.id, parsed.data, actor)
      : createPromotion(getPrisma(), parsed.data, actor)
    ).catch(refusalOf);
    revalidatePath("/campaigns/calendar");
    return { ok: true as const, id: saved.id };
  },
);

export async function savePromotionForm(_previous: PromotionSaveState, form: FormData): Promise<PromotionSaveState> {
  const result = await savePromotionAction(form);
  if (!result.ok && result.message === "not_found") {
    return { ...result, message: (await getDictionary()).t.campaignsPlan.calendar.notFound };
  }
  return result;
}

export type PromotionDeleteState = ActionResult<{ id: string }> | null;

export const deletePromotionAction = defineAction(
  { area: "campaigns", schema: z.object({ id: promotionId }) },
  async ({ id }, { actor }) => {
    await deletePromotion(getPrisma(), id, actor).catch(refusalOf);
    revalidatePath("/campaigns/calendar");
    return { id };
  },
);

export async function deletePromotionForm(
  _previous: PromotionDeleteState,
  form: FormData | { id: string },
): Promise<PromotionDeleteState> {
  const result = await deletePromotionAction(form as FormData);
  if (!result.ok && result.message === "not_found") {
    return { ...result, message: (await getDictionary()).t.campaignsPlan.calendar.notFound };
  }
  return result;
}

export type SettingsSaveState = ActionResult<
  | { ok: true; version: number }
  | { ok: false; fieldErrors: Record<string, SettingsErrorKey[]>; values: Record<string, string> }
> | null;

/**
 * Saves the campaign settings as a new version of analytics_config kind "campaigns" (the tier
 * rules' pattern). The area check lets CRM managers in (they read the page); changing the
 * settings is ADMIN's alone, checked here on the server and audited like any refused call.
 */
export const saveCampaignSettingsAction = defineAction(
  {
    area: "campaigns",
    schema: z
      .record(z.string().regex(/^[A-Za-z0-9_.]{1,40}$/, "unknown field"), z.string().max(200))
      .and(z.object({ note: z.string().trim().max(200).optional() })),
  },
  async (input, { actor }) => {
    if (actor.role !== "ADMIN") {
      await writeAudit(getPrisma(), {
        actor,
        action: "access.denied",
        targetType: "area",
        targetId: "campaigns.settings",
      });
      throw new UserInputError((await getDictionary()).t.campaignsPlan.settings.adminOnly);
    }
    const { note, ...fields } = input;
    const parsed = parseSettingsForm(fields as Record<string, string>);
    if (!parsed.ok) {
      return { ok: false as const, fieldErrors: parsed.fieldErrors, values: fields as Record<string, string> };
    }
    const { version } = await withAnalyticsClient(env().DATABASE_URL, (client) =>
      saveAnalyticsConfig(client, "campaigns", parsed.settings, actor.email, note || undefined),
    );
    await writeAudit(getPrisma(), {
      actor,
      action: "campaign.settings.save",
      targetType: "analytics_config",
      targetId: `campaigns:v${version}`,
      details: {
        version,
        approvalThreshold: parsed.settings.approvalThreshold,
        batchSize: parsed.settings.batchSize,
        maxAttempts: parsed.settings.maxAttempts,
      },
    });
    revalidatePath("/campaigns/settings");
    return { ok: true as const, version };
  },
);

export async function saveCampaignSettingsForm(
  _previous: SettingsSaveState,
  form: FormData | Record<string, string>,
): Promise<SettingsSaveState> {
  return saveCampaignSettingsAction(form as FormData);
}
