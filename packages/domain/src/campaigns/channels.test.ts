import { describe, expect, it } from "vitest";
import { CONSENT_CHANNELS } from "../segments/model.ts";
import { CAMPAIGN_CHANNEL_RULES, CAMPAIGN_CHANNELS } from "./channels.ts";

describe("CAMPAIGN_CHANNEL_RULES", () => {
  it("lists the campaign channels in the schema's order", () => {
    expect(CAMPAIGN_CHANNELS).toEqual(["SMS", "EMAIL", "DM", "TM"]);
  });

  it("asks each channel's own consent, never the night-time one", () => {
    for (const channel of CAMPAIGN_CHANNELS) {
      const { consent } = CAMPAIGN_CHANNEL_RULES[channel];
      expect(CONSENT_CHANNELS).toContain(consent);
      expect(consent).not.toBe("NIGHT");
    }
  });

  it("holds electronic ads at night but not post", () => {
    expect(CAMPAIGN_CHANNEL_RULES.SMS.quietHours).toBe(true);
    expect(CAMPAIGN_CHANNEL_RULES.TM.quietHours).toBe(true);
    expect(CAMPAIGN_CHANNEL_RULES.EMAIL.quietHours).toBe(true);
    expect(CAMPAIGN_CHANNEL_RULES.DM.quietHours).toBe(false);
  });
});
