import { campaignDefinitionSchema } from "@dangol/domain";
import { describe, expect, it } from "vitest";
import { localizeIssue } from "./form-errors.ts";
import { campaignsEn, campaignsKo } from "./i18n.ts";

function issues(input: Record<string, unknown>) {
  const parsed = campaignDefinitionSchema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  const kinds = ((input.channels as { channel: string }[]) ?? []).map((c) => c.channel);
  return parsed.error.issues.map((i) =>
    localizeIssue(i.path as (string | number)[], i.message, kinds, campaignsKo.errors),
  );
}

const base = {
  name: "봄맞이",
  theme: "win_back",
  segmentId: "1",
  channels: [{ channel: "SMS", text: "안녕하세요", costPerContact: 20 }],
  schedule: { kind: "recurring", preset: "daily_morning", time: "10:00" },
};

describe("the editor's field errors", () => {
  it("puts each schema refusal beside its field, in Korean, channels keyed by kind", () => {
    expect(issues({ ...base, name: "" })).toEqual([{ key: "name", text: campaignsKo.errors.name }]);
    expect(
      issues({
        ...base,
        channels: [
          { channel: "DM", template: "x", costPerContact: 1 },
          { channel: "SMS", text: "", costPerContact: 1 },
        ],
      }),
    ).toEqual([{ key: "channels.SMS.text", text: campaignsKo.errors.text }]);
    expect(issues({ ...base, channels: [{ channel: "SMS", text: "{{nme}}님", costPerContact: 1 }] })).toEqual([
      { key: "channels.SMS.text", text: "알 수 없는 치환 항목이 있습니다: {{nme}}" },
    ]);
    expect(issues({ ...base, channels: [{ channel: "SMS", text: "쿠폰 {{coupon}}", costPerContact: 1 }] })).toEqual([
      { key: "channels.SMS.text", text: "{{coupon}}를 쓰려면 그 혜택을 골라야 합니다." },
    ]);
    expect(issues({ ...base, budget: -1 })).toEqual([{ key: "budget", text: campaignsKo.errors.budget }]);
    expect(issues({ ...base, controlShare: 0.9 })).toEqual([
      { key: "controlShare", text: campaignsKo.errors.controlShare },
    ]);
    expect(issues({ ...base, schedule: { kind: "once", at: "" } })[0]).toEqual({
      key: "schedule.at",
      text: campaignsKo.errors.schedule,
    });
  });

  it("keeps the English dictionary's keys in step with the Korean one", () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === "object" && !Array.isArray(v) ? keys(v).map((s) => `${k}.${s}`) : [k],
      );
    expect(keys(campaignsEn).sort()).toEqual(keys(campaignsKo).sort());
  });
});
