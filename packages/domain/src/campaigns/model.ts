import { z } from "zod";
import { SEGMENT_THEMES } from "../segments/model.ts";
import { DEFAULT_CONTROL_SHARE } from "./control-group.ts";

/*
 * What the CRM team edits on the campaign form. The target segment is referenced by id here; the
 * list of customers is snapshotted at launch, not stored in the definition. Messages name the field
 * because the form shows them next to it.
 */

/** Campaign themes are the segments' themes: a win-back campaign targets a win-back segment. */
export const CAMPAIGN_THEMES = SEGMENT_THEMES;
export type CampaignTheme = (typeof CAMPAIGN_THEMES)[number];

/** Placeholders a message may carry; each is filled per recipient when the send is built. */
export const MERGE_FIELDS = ["name", "coupon", "points", "tier", "store"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const CAMPAIGN_LIMITS = {
  nameMax: 100,
  descriptionMax: 2_000,
  // Characters, not bytes: the SMS/LMS byte count of the composed ad is checked where the ad is
  // composed (label, sender and 080 line included), and 2,000 characters is above any LMS.
  smsTextMax: 2_000,
  emailSubjectMax: 200,
  emailHtmlMax: 200_000,
  letterMax: 20_000,
  costPerContactMax: 100_000,
  pointsMax: 10_000_000,
  budgetMax: 1e12,
  responseWindowDays: { min: 1, max: 90, default: 14 },
  controlShareMax: 0.5,
} as const;

// {{ followed by anything but braces, then }}: `{{ name }}` is caught as an unknown field rather
// than rendered as literal text, so the customer never sees the braces.
const MERGE_TOKEN = /\{\{([^{}]*)\}\}/g;

/** The placeholders in a text, each once, in order of first appearance; unknown ones included. */
export function mergeFields(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(MERGE_TOKEN), (m) => m[1] ?? ""))];
}

export function isMergeField(name: string): name is MergeField {
  return (MERGE_FIELDS as readonly string[]).includes(name);
}

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max.toLocaleString("en")} characters`);

const won = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number of won` })
    .int(`${what} must be whole won`)
    .min(0, `${what} must be ≥ 0`)
    .max(max, `${what} must be at most ${max.toLocaleString("en")} won`);

const costPerContact = won("costPerContact", CAMPAIGN_LIMITS.costPerContactMax);

const channelSchemas = [
  z.object({ channel: z.literal("SMS"), text: text("SMS text", CAMPAIGN_LIMITS.smsTextMax), costPerContact }).strict(),
  z
    .object({
      channel: z.literal("EMAIL"),
      subject: text("e-mail subject", CAMPAIGN_LIMITS.emailSubjectMax),
      html: text("e-mail body", CAMPAIGN_LIMITS.emailHtmlMax),
      costPerContact,
    })
    .strict(),
  z
    .object({ channel: z.literal("DM"), template: text("DM letter", CAMPAIGN_LIMITS.letterMax), costPerContact })
    .strict(),
  z.object({ channel: z.literal("TM"), script: text("TM script", CAMPAIGN_LIMITS.letterMax), costPerContact }).strict(),
] as const;

export const campaignChannelContentSchema = z.discriminatedUnion("channel", channelSchemas, {
  error: "channel must be one of SMS, EMAIL, DM, TM",
});
export type CampaignChannelContent = z.output<typeof campaignChannelContentSchema>;
export type CampaignChannelKind = CampaignChannelContent["channel"];

/** The texts of one channel that may carry merge fields, with the form field each sits in. */
export function channelTexts(content: CampaignChannelContent): { field: string; text: string }[] {
  switch (content.channel) {
    case "SMS":
      return [{ field: "text", text: content.text }];
    case "EMAIL":
      return [
        { field: "subject", text: content.subject },
        { field: "html", text: content.html },
      ];
    case "DM":
      return [{ field: "template", text: content.template }];
    case "TM":
      return [{ field: "script", text: content.script }];
  }
}

export const campaignOfferSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("none") }).strict(),
    z
      .object({
        kind: z.literal("points"),
        points: z
          .number({ error: "offer points must be a number" })
          .int("offer points must be whole points")
          .min(1, "offer points must be at least 1")
          .max(
            CAMPAIGN_LIMITS.pointsMax,
            `offer points must be at most ${CAMPAIGN_LIMITS.pointsMax.toLocaleString("en")}`,
          ),
      })
      .strict(),
    z
      .object({
        kind: z.literal("coupon"),
        code: z
          .string({ error: "coupon code must be text" })
          .trim()
          .regex(/^[A-Za-z0-9-]{4,32}$/, "coupon code is 4–32 letters, digits or -")
          .optional(),
        uniquePerRecipient: z.boolean({ error: "uniquePerRecipient must be true or false" }),
      })
      .strict()
      // One shared code, or a code issued per recipient at launch: never both, never neither.
      .refine((o) => o.uniquePerRecipient === (o.code === undefined), {
        message: "coupon code: give one shared code, or none when each recipient gets a unique code",
        path: ["code"],
      }),
  ],
  { error: "offer kind must be none, points or coupon" },
);
export type CampaignOffer = z.output<typeof campaignOfferSchema>;

export const RECURRING_PRESETS = ["daily_morning", "weekly_monday", "monthly_first"] as const;
export type RecurringPreset = (typeof RECURRING_PRESETS)[number];
export const CAMPAIGN_TRIGGERS = ["cycle_due_today", "became_dormant_this_week", "birthday_month"] as const;
export type CampaignTrigger = (typeof CAMPAIGN_TRIGGERS)[number];
/**
 * When a triggered campaign looks for newly qualifying customers, Seoul time: after the nightly
 * analytics refresh, before the shops open. Ads found then are still held by the quiet hours until
 * 08:00 for customers without night-time consent; DM is not held.
 */
export const TRIGGER_DEFAULT_TIME = "07:00";

const hhmm = (what: string) =>
  z
    .string({ error: `${what} must be a time HH:MM` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${what} must be a time HH:MM between 00:00 and 23:59`);

export const campaignScheduleSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("once"),
        at: z.iso.datetime({ offset: true, error: "schedule at must be a date and time with its offset (ISO 8601)" }),
      })
      .strict(),
    z
      .object({
        kind: z.literal("recurring"),
        preset: z.enum(RECURRING_PRESETS, {
          error: `schedule preset must be one of ${RECURRING_PRESETS.join(", ")}`,
        }),
        time: hhmm("schedule time"),
      })
      .strict(),
    z
      .object({
        kind: z.literal("trigger"),
        trigger: z.enum(CAMPAIGN_TRIGGERS, {
          error: `schedule trigger must be one of ${CAMPAIGN_TRIGGERS.join(", ")}`,
        }),
        time: hhmm("schedule time").default(TRIGGER_DEFAULT_TIME),
      })
      .strict(),
  ],
  { error: "schedule kind must be once, recurring or trigger" },
);
export type CampaignSchedule = z.output<typeof campaignScheduleSchema>;

const OFFER_FIELDS: Partial<Record<MergeField, CampaignOffer["kind"]>> = { coupon: "coupon", points: "points" };

export const campaignDefinitionSchema = z
  .object({
    name: text("name", CAMPAIGN_LIMITS.nameMax),
    description: z
      .string({ error: "description must be text" })
      .trim()
      .max(
        CAMPAIGN_LIMITS.descriptionMax,
        `description must be at most ${CAMPAIGN_LIMITS.descriptionMax.toLocaleString("en")} characters`,
      )
      .default(""),
    theme: z.enum(CAMPAIGN_THEMES, { error: `theme must be one of ${CAMPAIGN_THEMES.join(", ")}` }),
    segmentId: z
      .string({ error: "segmentId must be a segment id" })
      .regex(/^\d{1,18}$/, "segmentId must be a segment id"),
    channels: z
      .array(campaignChannelContentSchema, { error: "channels must be a list" })
      .min(1, "channels: choose at least one channel")
      .refine(
        (list) => new Set(list.map((c) => c.channel)).size === list.length,
        "channels: each channel appears once",
      ),
    offer: campaignOfferSchema.default({ kind: "none" }),
    schedule: campaignScheduleSchema,
    budget: won("budget", CAMPAIGN_LIMITS.budgetMax).optional(),
    responseWindowDays: z
      .number({ error: "responseWindowDays must be a number of days" })
      .int("responseWindowDays must be whole days")
      .min(CAMPAIGN_LIMITS.responseWindowDays.min, "responseWindowDays must be at least 1")
      .max(CAMPAIGN_LIMITS.responseWindowDays.max, "responseWindowDays must be at most 90")
      .default(CAMPAIGN_LIMITS.responseWindowDays.default),
    controlShare: z
      .number({ error: "controlShare must be a number" })
      .min(0, "controlShare must be between 0 and 0.5")
      // Above half the campaign measures more than it sells.
      .max(CAMPAIGN_LIMITS.controlShareMax, "controlShare must be between 0 and 0.5")
      .default(DEFAULT_CONTROL_SHARE),
  })
  .strict()
  .superRefine((def, ctx) => {
    for (const [i, content] of def.channels.entries()) {
      for (const { field, text: body } of channelTexts(content)) {
        for (const name of mergeFields(body)) {
          const path = ["channels", i, field];
          if (!isMergeField(name)) {
            ctx.addIssue({
              code: "custom",
              path,
              message: `${content.channel} ${field}: unknown merge field {{${name}}} (known: ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ")})`,
            });
            continue;
          }
          // {{coupon}} without a coupon offer would reach the customer as an empty gap.
          const needs = OFFER_FIELDS[name];
          if (needs && def.offer.kind !== needs) {
            ctx.addIssue({
              code: "custom",
              path,
              message: `${content.channel} ${field}: {{${name}}} needs a ${needs} offer`,
            });
          }
        }
      }
    }
  });
export type CampaignDefinitionInput = z.input<typeof campaignDefinitionSchema>;
export type CampaignDefinition = z.output<typeof campaignDefinitionSchema>;

export type ChannelCost = { channel: CampaignChannelKind; recipients: number; costPerContact: number; cost: number };
export type CostEstimate = {
  channels: ChannelCost[];
  total: number;
  /** null when the campaign has no budget */
  budget: number | null;
  overBudget: boolean;
};

/**
 * The contact cost of a send: recipients × cost per contact, per channel in the definition's order.
 * `recipientsPerChannel` counts the contacts actually made (after the control group and consent);
 * a channel missing from it has none.
 */
export function estimatedCost(
  definition: Pick<CampaignDefinition, "channels" | "budget">,
  recipientsPerChannel: Partial<Record<CampaignChannelKind, number>>,
): CostEstimate {
  const channels = definition.channels.map(({ channel, costPerContact }) => {
    const recipients = recipientsPerChannel[channel] ?? 0;
    if (!Number.isInteger(recipients) || recipients < 0) {
      throw new RangeError(`recipients for ${channel} must be a whole number ≥ 0, got ${recipients}`);
    }
    return { channel, recipients, costPerContact, cost: recipients * costPerContact };
  });
  const total = channels.reduce((sum, c) => sum + c.cost, 0);
  const budget = definition.budget ?? null;
  return { channels, total, budget, overBudget: budget !== null && total > budget };
}
