import { CAMPAIGN_CHANNELS, type CampaignSettings, campaignSettingsSchema } from "@dangol/domain";

/*
 * The campaign settings form is flat strings (it posts without JavaScript too); this turns it into
 * the domain's CampaignSettings and lets campaignSettingsSchema decide. Refusals come back per form
 * field as message keys (plan-i18n settings.errors), so they read in the reader's language.
 * Margin rates are typed as percentages and stored as fractions (25 → 0.25).
 */

export const MAX_CAP_ROWS = 20;
export const MAX_MARGIN_ROWS = 200;

export type SettingsErrorKey =
  | "approvalThreshold"
  | "senderName"
  | "senderPhone"
  | "optOut080"
  | "batchSize"
  | "maxAttempts"
  | "ratePerSecond"
  | "capChannel"
  | "capMax"
  | "capDays"
  | "caps"
  | "rate"
  | "categoryCode"
  | "duplicateCode"
  | "number";

export type SettingsFormResult =
  | { ok: true; settings: CampaignSettings }
  | { ok: false; fieldErrors: Record<string, SettingsErrorKey[]> };

/** "1,000" and " 25 " read as numbers; anything else (empty too) is NaN. */
function num(v: string | undefined): number {
  const s = (v ?? "").replace(/[,\s₩%]/g, "");
  return s === "" ? Number.NaN : Number(s);
}

const rowIndices = (fields: Record<string, string>, prefix: string, max: number) =>
  [
    ...new Set(
      Object.keys(fields).flatMap((k) => {
        const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(k);
        return m && Number(m[1]) < max ? [Number(m[1])] : [];
      }),
    ),
  ].sort((a, b) => a - b);

/** The form's fields for stored settings (what the form shows when it opens). */
export function settingsToForm(s: CampaignSettings): Record<string, string> {
  const out: Record<string, string> = {
    approvalThreshold: String(s.approvalThreshold),
    senderName: s.senderName,
    senderPhone: s.senderPhone,
    optOut080: s.optOut080,
    batchSize: String(s.batchSize),
    maxAttempts: String(s.maxAttempts),
    "margin.default": percent(s.marginRates.defaultRate),
  };
  for (const c of CAMPAIGN_CHANNELS) out[`rate.${c}`] = String(s.ratePerSecond[c]);
  s.frequencyCaps.forEach((cap, i) => {
    out[`caps.${i}.channel`] = cap.channel ?? "ALL";
    out[`caps.${i}.max`] = String(cap.max);
    out[`caps.${i}.days`] = String(cap.days);
  });
  Object.entries(s.marginRates.rates).forEach(([code, rate], i) => {
    out[`margin.${i}.code`] = code;
    out[`margin.${i}.rate`] = percent(rate);
  });
  return out;
}

function percent(rate: number): string {
  return String(Math.round(rate * 1e6) / 1e4);
}

export function parseSettingsForm(fields: Record<string, string>): SettingsFormResult {
  const errors: Record<string, SettingsErrorKey[]> = {};
  const add = (field: string, key: SettingsErrorKey) => {
    const list = errors[field] ?? [];
    if (!list.includes(key)) errors[field] = [...list, key];
  };

  const capRows = rowIndices(fields, "caps", MAX_CAP_ROWS).filter(
    (i) => (fields[`caps.${i}.max`] ?? "").trim() !== "" || (fields[`caps.${i}.days`] ?? "").trim() !== "",
  );
  const frequencyCaps = capRows.map((i) => {
    const channel = fields[`caps.${i}.channel`] || "ALL";
    return { channel, max: num(fields[`caps.${i}.max`]), days: num(fields[`caps.${i}.days`]) };
  });

  const marginRows = rowIndices(fields, "margin", MAX_MARGIN_ROWS).filter(
    (i) => (fields[`margin.${i}.code`] ?? "").trim() !== "" || (fields[`margin.${i}.rate`] ?? "").trim() !== "",
  );
  const rates: Record<string, number> = {};
  const rowOfCode = new Map<string, number>();
  for (const i of marginRows) {
    const code = (fields[`margin.${i}.code`] ?? "").trim();
    const pct = num(fields[`margin.${i}.rate`]);
    if (code === "") {
      add(`margin.${i}.code`, "categoryCode");
      continue;
    }
    if (rowOfCode.has(code)) {
      add(`margin.${i}.code`, "duplicateCode");
      continue;
    }
    rowOfCode.set(code, i);
    rates[code] = Number.isNaN(pct) ? pct : Number((pct / 100).toFixed(6));
  }
  const defaultPct = num(fields["margin.default"]);

  const candidate = {
    approvalThreshold: num(fields.approvalThreshold),
    frequencyCaps,
    senderName: fields.senderName ?? "",
    senderPhone: (fields.senderPhone ?? "").trim(),
    optOut080: (fields.optOut080 ?? "").trim(),
    batchSize: num(fields.batchSize),
    ratePerSecond: Object.fromEntries(CAMPAIGN_CHANNELS.map((c) => [c, num(fields[`rate.${c}`])])),
    maxAttempts: num(fields.maxAttempts),
    marginRates: {
      defaultRate: Number.isNaN(defaultPct) ? defaultPct : Number((defaultPct / 100).toFixed(6)),
      rates,
    },
  };
  const parsed = campaignSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, second, third] = issue.path as (string | number)[];
      switch (head) {
        case "frequencyCaps": {
          if (typeof second !== "number") {
            add("caps", "caps");
            break;
          }
          const row = capRows[second] ?? second;
          if (third === "max") add(`caps.${row}.max`, "capMax");
          else if (third === "days") add(`caps.${row}.days`, "capDays");
          else add(`caps.${row}.channel`, "capChannel");
          break;
        }
        case "ratePerSecond":
          add(`rate.${String(second)}`, "ratePerSecond");
          break;
        case "marginRates":
          if (second === "defaultRate") add("margin.default", "rate");
          else if (second === "rates" && typeof third === "string") {
            const row = rowOfCode.get(third);
            const badCode = issue.code === "invalid_key" || /카테고리 코드|category code/.test(issue.message);
            add(`margin.${row}.${badCode ? "code" : "rate"}`, badCode ? "categoryCode" : "rate");
          } else add("margin.default", "rate");
          break;
        case "approvalThreshold":
        case "senderName":
        case "senderPhone":
        case "optOut080":
        case "batchSize":
        case "maxAttempts":
          add(head, head);
          break;
        default:
          add("_", "number");
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, fieldErrors: errors };
  return { ok: true, settings: parsed.data };
}
