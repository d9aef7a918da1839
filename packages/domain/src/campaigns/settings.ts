import { z } from "zod";
import { CAMPAIGN_CHANNELS, type CampaignChannel } from "./channels.ts";
import { DEFAULT_FREQUENCY_CAPS, frequencyCapsSchema } from "./frequency-cap.ts";
import { marginRatesSchema } from "./gross-margin.ts";

/**
 * The campaign settings the CRM team keeps (analytics_config kind "campaigns", versioned like the
 * tier rules): who must approve, how often a customer may be contacted, who the ads name as their
 * sender, how fast each channel is fed, and the margin rates ROI is computed with.
 */

const KOREAN_PHONE = /^(0\d{1,2}-\d{3,4}-\d{4}|1[5-9]\d{2}-\d{4})$/;

const channelRates = z
  .object(
    Object.fromEntries(
      CAMPAIGN_CHANNELS.map((c) => [
        c,
        z
          .number({ error: `ratePerSecond.${c} must be a number` })
          .int(`ratePerSecond.${c} must be whole contacts`)
          .min(1, `ratePerSecond.${c} must be at least 1`)
          .max(100_000, `ratePerSecond.${c} must be at most 100,000`),
      ]),
    ) as Record<CampaignChannel, z.ZodNumber>,
  )
  .strict();

export const campaignSettingsSchema = z
  .object({
    /** budgets above this (KRW) need an ADMIN's approval */
    approvalThreshold: z.number().int().min(0).max(1e12).default(5_000_000),
    frequencyCaps: frequencyCapsSchema.default([...DEFAULT_FREQUENCY_CAPS]),
    /** the sender every ad names (정보통신망법 §50④: 전송자의 명칭) */
    senderName: z.string().trim().min(1, "senderName must not be empty").max(40).default("단골마트"),
    /** the sender's contact number the ad carries */
    senderPhone: z
      .string()
      .regex(KOREAN_PHONE, "senderPhone must be a Korean number such as 02-123-4567 or 1588-1234")
      .default("1588-0000"),
    /** free opt-out number printed in SMS ads */
    optOut080: z
      .string()
      .regex(/^080-\d{3,4}-\d{4}$/, "optOut080 must be an 080 number such as 080-123-4567")
      .default("080-000-0000"),
    /** customers per dispatch batch; a batch's first send starts its members' response window */
    batchSize: z.number().int().min(10).max(10_000).default(1_000),
    ratePerSecond: channelRates.default({ SMS: 500, EMAIL: 50, DM: 10_000, TM: 10_000 }),
    /** provider attempts per contact before it is marked FAILED (the dead-letter list) */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    marginRates: marginRatesSchema.default({ defaultRate: 0.25, rates: {} }),
  })
  .strict();
export type CampaignSettings = z.output<typeof campaignSettingsSchema>;
