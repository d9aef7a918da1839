import { campaignSettingsSchema } from "@dangol/domain";
import { describe, expect, it } from "vitest";
import { parseSettingsForm, settingsToForm } from "./settings-form.ts";

const defaults = campaignSettingsSchema.parse({});

describe("campaign settings form", () => {
  it("reads back what it shows: the stored settings round-trip through the form", () => {
    const stored = campaignSettingsSchema.parse({
      frequencyCaps: [
        { channel: "ALL", max: 2, days: 7 },
        { channel: "SMS", max: 4, days: 30 },
      ],
      marginRates: { defaultRate: 0.25, rates: { A01: 0.305, "B-2": 0.1 } },
    });
    expect(parseSettingsForm(settingsToForm(stored))).toEqual({ ok: true, settings: stored });
  });

  it("takes amounts with commas, percentages as fractions, and drops blank rows", () => {
    const form = {
      ...settingsToForm(defaults),
      approvalThreshold: "7,000,000",
      "margin.default": "30",
      "margin.0.code": "F10",
      "margin.0.rate": "12.5",
      "margin.1.code": "",
      "margin.1.rate": "",
      "caps.1.channel": "EMAIL",
      "caps.1.max": "",
      "caps.1.days": "",
    };
    const r = parseSettingsForm(form);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.approvalThreshold).toBe(7_000_000);
    expect(r.settings.marginRates).toEqual({ defaultRate: 0.3, rates: { F10: 0.125 } });
    expect(r.settings.frequencyCaps).toEqual([{ channel: "ALL", max: 2, days: 7 }]);
  });

  it("reports each refusal beside its own field", () => {
    const form = {
      ...settingsToForm(defaults),
      approvalThreshold: "많이",
      senderPhone: "12345",
      optOut080: "02-123-4567",
      batchSize: "5",
      "rate.SMS": "0",
      "caps.0.days": "400",
      "caps.2.channel": "SMS",
      "caps.2.max": "-1",
      "caps.2.days": "7",
      "margin.default": "150",
      "margin.0.code": "A 1",
      "margin.0.rate": "10",
      "margin.1.code": "B1",
      "margin.1.rate": "200",
      "margin.2.code": "B1",
      "margin.2.rate": "10",
    };
    const r = parseSettingsForm(form);
    expect(r).toEqual({
      ok: false,
      fieldErrors: {
        approvalThreshold: ["approvalThreshold"],
        senderPhone: ["senderPhone"],
        optOut080: ["optOut080"],
        batchSize: ["batchSize"],
        "rate.SMS": ["ratePerSecond"],
        "caps.0.days": ["capDays"],
        "caps.2.max": ["capMax"],
        "margin.default": ["rate"],
        "margin.0.code": ["categoryCode"],
        "margin.1.rate": ["rate"],
        "margin.2.code": ["duplicateCode"],
      },
    });
  });
});
