import { describe, expect, expectTypeOf, it } from "vitest";
import { CAMPAIGN_CHANNELS, type CampaignChannel } from "./channels.ts";
import {
  CAMPAIGN_THEMES,
  type CampaignChannelKind,
  type CampaignDefinitionInput,
  campaignChannelContentSchema,
  campaignDefinitionSchema,
  campaignScheduleSchema,
  channelTexts,
  estimatedCost,
  isMergeField,
  mergeFields,
} from "./model.ts";

const valid: CampaignDefinitionInput = {
  name: "봄맞이 휴면 고객 재방문",
  theme: "win_back",
  segmentId: "42",
  channels: [{ channel: "SMS", text: "{{name}}님, 다시 만나요", costPerContact: 20 }],
  schedule: { kind: "once", at: "2026-03-02T10:00:00+09:00" },
};

function messages(input: unknown): string[] {
  const result = campaignDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

function paths(input: unknown): string[] {
  const result = campaignDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("campaignDefinitionSchema", () => {
  it("accepts a minimal campaign and fills the defaults: no offer, 14-day window, 10% control", () => {
    const def = campaignDefinitionSchema.parse(valid);
    expect(def.offer).toEqual({ kind: "none" });
    expect(def.responseWindowDays).toBe(14);
    expect(def.controlShare).toBe(0.1);
    expect(def.description).toBe("");
    expect(def.budget).toBeUndefined();
  });

  it("offers exactly the channels whose send rules channels.ts holds", () => {
    expectTypeOf<CampaignChannelKind>().toEqualTypeOf<CampaignChannel>();
    const accepted = CAMPAIGN_CHANNELS.filter(
      (channel) =>
        campaignChannelContentSchema.safeParse({ channel }).error?.issues[0]?.message !==
        "channel must be one of SMS, EMAIL, DM, TM",
    );
    expect(accepted).toEqual(CAMPAIGN_CHANNELS);
  });

  it("accepts every channel with its own content", () => {
    const def = campaignDefinitionSchema.parse({
      ...valid,
      channels: [
        { channel: "SMS", text: "hi", costPerContact: 20 },
        { channel: "EMAIL", subject: "(광고) 봄 세일", html: "<p>{{name}}</p>", costPerContact: 1 },
        { channel: "DM", template: "{{name}} 고객님께", costPerContact: 800 },
        { channel: "TM", script: "안녕하세요 {{name}} 고객님", costPerContact: 1500 },
      ],
    });
    expect(def.channels.map((c) => c.channel)).toEqual(["SMS", "EMAIL", "DM", "TM"]);
  });

  it("shares the segments' theme list", () => {
    expect(CAMPAIGN_THEMES).toContain("tier_down_prevention");
    expect(messages({ ...valid, theme: "black_friday" })[0]).toMatch(/^theme must be one of win_back/);
  });

  it("takes the name between 1 and 100 characters, trimmed", () => {
    expect(messages({ ...valid, name: "   " })).toEqual(["name must not be empty"]);
    expect(messages({ ...valid, name: "가".repeat(100) })).toEqual([]);
    expect(messages({ ...valid, name: "가".repeat(101) })).toEqual(["name must be at most 100 characters"]);
    expect(campaignDefinitionSchema.parse({ ...valid, name: "  봄  " }).name).toBe("봄");
  });

  it("takes a segment id as digits only", () => {
    expect(messages({ ...valid, segmentId: "12a" })).toEqual(["segmentId must be a segment id"]);
    expect(messages({ ...valid, segmentId: 12 })).toEqual(["segmentId must be a segment id"]);
  });

  it("refuses an empty channel list, a repeated channel and an unknown channel", () => {
    expect(messages({ ...valid, channels: [] })).toEqual(["channels: choose at least one channel"]);
    const sms = { channel: "SMS", text: "a", costPerContact: 1 };
    expect(messages({ ...valid, channels: [sms, sms] })).toEqual(["channels: each channel appears once"]);
    expect(messages({ ...valid, channels: [{ channel: "KAKAO", text: "a", costPerContact: 1 }] })).toEqual([
      "channel must be one of SMS, EMAIL, DM, TM",
    ]);
  });

  it("names the missing content of a channel", () => {
    expect(
      messages({ ...valid, channels: [{ channel: "EMAIL", subject: "s", html: " ", costPerContact: 1 }] }),
    ).toEqual(["e-mail body must not be empty"]);
    expect(paths({ ...valid, channels: [{ channel: "DM", costPerContact: 1 }] })).toEqual(["channels.0.template"]);
  });

  it("takes the cost per contact as whole won ≥ 0", () => {
    const cost = (costPerContact: unknown) =>
      messages({ ...valid, channels: [{ channel: "SMS", text: "a", costPerContact }] });
    expect(cost(0)).toEqual([]);
    expect(cost(-1)).toEqual(["costPerContact must be ≥ 0"]);
    expect(cost(9.5)).toEqual(["costPerContact must be whole won"]);
    expect(cost("20")).toEqual(["costPerContact must be a number of won"]);
  });

  it("refuses an unknown merge field and names the channel, field and the known ones", () => {
    const input = {
      ...valid,
      channels: [{ channel: "EMAIL", subject: "{{name}}", html: "<p>{{nmae}}</p>", costPerContact: 1 }],
    };
    expect(messages(input)).toEqual([
      "EMAIL html: unknown merge field {{nmae}} (known: {{name}}, {{coupon}}, {{points}}, {{tier}}, {{store}})",
    ]);
    expect(paths(input)).toEqual(["channels.0.html"]);
  });

  it("treats a padded placeholder like {{ name }} as unknown rather than leave braces in the text", () => {
    expect(messages({ ...valid, channels: [{ channel: "SMS", text: "{{ name }}", costPerContact: 1 }] })[0]).toMatch(
      /^SMS text: unknown merge field \{\{ name \}\}/,
    );
  });

  it("refuses {{coupon}} or {{points}} in a text when the offer does not give one", () => {
    const withText = (text: string, offer?: unknown) =>
      messages({ ...valid, offer, channels: [{ channel: "SMS", text, costPerContact: 1 }] });
    expect(withText("쿠폰 {{coupon}}")).toEqual(["SMS text: {{coupon}} needs a coupon offer"]);
    expect(withText("{{points}}P", { kind: "coupon", uniquePerRecipient: true })).toEqual([
      "SMS text: {{points}} needs a points offer",
    ]);
    expect(withText("쿠폰 {{coupon}}", { kind: "coupon", uniquePerRecipient: true })).toEqual([]);
    expect(withText("{{points}}P 적립", { kind: "points", points: 3000 })).toEqual([]);
  });

  it("takes a coupon as one shared code or a unique code per recipient, not both and not neither", () => {
    const offer = (o: unknown) => messages({ ...valid, offer: o });
    expect(offer({ kind: "coupon", code: "SPRING26", uniquePerRecipient: false })).toEqual([]);
    expect(offer({ kind: "coupon", uniquePerRecipient: true })).toEqual([]);
    const both = "coupon code: give one shared code, or none when each recipient gets a unique code";
    expect(offer({ kind: "coupon", code: "SPRING26", uniquePerRecipient: true })).toEqual([both]);
    expect(offer({ kind: "coupon", uniquePerRecipient: false })).toEqual([both]);
    expect(offer({ kind: "coupon", code: "a b", uniquePerRecipient: false })).toEqual([
      "coupon code is 4–32 letters, digits or -",
    ]);
  });

  it("takes points as a whole number of at least 1", () => {
    expect(messages({ ...valid, offer: { kind: "points", points: 0 } })).toEqual(["offer points must be at least 1"]);
    expect(messages({ ...valid, offer: { kind: "points", points: 1.5 } })).toEqual([
      "offer points must be whole points",
    ]);
    expect(messages({ ...valid, offer: { kind: "gift" } })).toEqual(["offer kind must be none, points or coupon"]);
  });

  it("takes the budget as whole won ≥ 0, or none", () => {
    expect(messages({ ...valid, budget: 0 })).toEqual([]);
    expect(messages({ ...valid, budget: -1 })).toEqual(["budget must be ≥ 0"]);
    expect(messages({ ...valid, budget: 10.5 })).toEqual(["budget must be whole won"]);
  });

  it("takes the response window from 1 to 90 whole days", () => {
    expect(messages({ ...valid, responseWindowDays: 1 })).toEqual([]);
    expect(messages({ ...valid, responseWindowDays: 90 })).toEqual([]);
    expect(messages({ ...valid, responseWindowDays: 0 })).toEqual(["responseWindowDays must be at least 1"]);
    expect(messages({ ...valid, responseWindowDays: 91 })).toEqual(["responseWindowDays must be at most 90"]);
    expect(messages({ ...valid, responseWindowDays: 7.5 })).toEqual(["responseWindowDays must be whole days"]);
  });

  it("takes the control share from 0 to 0.5", () => {
    expect(messages({ ...valid, controlShare: 0 })).toEqual([]);
    expect(messages({ ...valid, controlShare: 0.5 })).toEqual([]);
    expect(messages({ ...valid, controlShare: 0.51 })).toEqual(["controlShare must be between 0 and 0.5"]);
    expect(messages({ ...valid, controlShare: -0.1 })).toEqual(["controlShare must be between 0 and 0.5"]);
  });

  it("refuses fields it does not know, so a typo is not silently dropped", () => {
    expect(paths({ ...valid, budgett: 100 })).toEqual([""]);
  });
});

describe("campaignScheduleSchema", () => {
  it("takes a one-off instant with its offset and refuses one without", () => {
    expect(campaignScheduleSchema.safeParse({ kind: "once", at: "2026-03-02T01:00:00Z" }).success).toBe(true);
    const local = campaignScheduleSchema.safeParse({ kind: "once", at: "2026-03-02T10:00:00" });
    expect(local.error?.issues[0]?.message).toBe("schedule at must be a date and time with its offset (ISO 8601)");
  });

  it("takes a recurring preset at HH:MM, 00:00 to 23:59", () => {
    const at = (time: string) => campaignScheduleSchema.safeParse({ kind: "recurring", preset: "daily_morning", time });
    expect(at("00:00").success).toBe(true);
    expect(at("23:59").success).toBe(true);
    expect(at("24:00").error?.issues[0]?.message).toBe("schedule time must be a time HH:MM between 00:00 and 23:59");
    expect(at("7:00").success).toBe(false);
    expect(
      campaignScheduleSchema.safeParse({ kind: "recurring", preset: "hourly", time: "07:00" }).error?.issues[0]
        ?.message,
    ).toBe("schedule preset must be one of daily_morning, weekly_monday, monthly_first");
  });

  it("evaluates a trigger at 07:00 Seoul time unless told otherwise", () => {
    expect(campaignScheduleSchema.parse({ kind: "trigger", trigger: "birthday_month" })).toEqual({
      kind: "trigger",
      trigger: "birthday_month",
      time: "07:00",
    });
    expect(campaignScheduleSchema.parse({ kind: "trigger", trigger: "cycle_due_today", time: "09:30" })).toMatchObject({
      time: "09:30",
    });
    expect(campaignScheduleSchema.safeParse({ kind: "trigger", trigger: "anniversary" }).success).toBe(false);
  });

  it("names the schedule kinds when the kind is unknown", () => {
    expect(campaignScheduleSchema.safeParse({ kind: "cron" }).error?.issues[0]?.message).toBe(
      "schedule kind must be once, recurring or trigger",
    );
  });
});

describe("mergeFields", () => {
  it("lists each placeholder once in order of first appearance, unknown ones included", () => {
    expect(mergeFields("{{name}}님 {{tier}} 등급 {{name}} {{foo}}")).toEqual(["name", "tier", "foo"]);
  });

  it("finds nothing in plain text, in an empty text and in unclosed braces", () => {
    expect(mergeFields("")).toEqual([]);
    expect(mergeFields("안녕하세요")).toEqual([]);
    expect(mergeFields("{{name} and {name}}")).toEqual([]);
  });

  it("keeps the inside of a placeholder as written, spaces included", () => {
    expect(mergeFields("{{ name }}{{}}")).toEqual([" name ", ""]);
  });
});

describe("isMergeField", () => {
  it("knows the five fields and nothing else, case-sensitively", () => {
    expect(["name", "coupon", "points", "tier", "store"].every(isMergeField)).toBe(true);
    expect(isMergeField("Name")).toBe(false);
    expect(isMergeField("birthday")).toBe(false);
  });
});

describe("channelTexts", () => {
  it("gives both the subject and the body of an e-mail", () => {
    expect(channelTexts({ channel: "EMAIL", subject: "s", html: "h", costPerContact: 0 })).toEqual([
      { field: "subject", text: "s" },
      { field: "html", text: "h" },
    ]);
    expect(channelTexts({ channel: "TM", script: "x", costPerContact: 0 })).toEqual([{ field: "script", text: "x" }]);
  });
});

describe("estimatedCost", () => {
  const def = {
    budget: 100_000,
    channels: [
      { channel: "SMS" as const, text: "a", costPerContact: 20 },
      { channel: "DM" as const, template: "b", costPerContact: 800 },
    ],
  };

  it("multiplies recipients by the cost per contact per channel and adds them up", () => {
    expect(estimatedCost(def, { SMS: 1_000, DM: 100 })).toEqual({
      channels: [
        { channel: "SMS", recipients: 1_000, costPerContact: 20, cost: 20_000 },
        { channel: "DM", recipients: 100, costPerContact: 800, cost: 80_000 },
      ],
      total: 100_000,
      budget: 100_000,
      overBudget: false,
    });
  });

  it("is over budget only when the total exceeds it", () => {
    expect(estimatedCost(def, { SMS: 1_001, DM: 100 }).overBudget).toBe(true);
    expect(estimatedCost({ ...def, budget: undefined }, { SMS: 1e6 })).toMatchObject({
      budget: null,
      overBudget: false,
    });
  });

  it("counts a channel without recipients as zero and ignores channels not in the campaign", () => {
    const estimate = estimatedCost(def, { SMS: 10, EMAIL: 5_000 });
    expect(estimate.channels.map((c) => c.cost)).toEqual([200, 0]);
    expect(estimate.total).toBe(200);
  });

  it("refuses negative or fractional recipient counts", () => {
    expect(() => estimatedCost(def, { SMS: -1 })).toThrow(RangeError);
    expect(() => estimatedCost(def, { DM: 1.5 })).toThrow(/DM/);
  });
});
