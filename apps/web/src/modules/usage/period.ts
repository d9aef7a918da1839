import { z } from "zod";

/** The periods the usage page offers, in days; the URL's ?days= picks one (30 when absent or odd). */
export const USAGE_PERIODS = [7, 30, 90] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

export const usagePeriodSchema = z
  .enum(USAGE_PERIODS.map(String) as ["7", "30", "90"])
  .catch("30")
  .transform((days) => Number(days) as UsagePeriod);

export function usagePeriodOf(params: Record<string, string | string[] | undefined>): UsagePeriod {
  return usagePeriodSchema.parse(params.days);
}
