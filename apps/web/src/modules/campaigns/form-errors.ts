import type { CampaignsWords } from "./i18n.ts";

// The app's `fill`, inline: this module stays importable by the unit tests, which have no "@/" alias.
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/**
 * The definition schema's messages are English and name the field; the form shows a sentence in
 * the reader's language beside that field. Unknown merge fields keep the offending {{…}} visible.
 * Returns the form's key for the field (channels by kind, not by position) and the sentence.
 */
export function localizeIssue(
  path: readonly (string | number)[],
  message: string,
  channelKinds: readonly string[],
  errors: CampaignsWords["errors"],
): { key: string; text: string } {
  const parts = path.map(String);
  if (parts[0] === "channels" && parts.length > 1) parts[1] = channelKinds[Number(parts[1])] ?? parts[1] ?? "";
  const key = parts.join(".") || "_";
  const last = parts[parts.length - 1] ?? "";
  const unknown = message.match(/unknown merge field (\{\{[^}]*\}\})/);
  if (unknown) return { key, text: fill(errors.unknownMerge, { field: unknown[1] ?? "" }) };
  const needs = message.match(/(\{\{\w+\}\}) needs a/);
  if (needs) return { key, text: fill(errors.needsOffer, { field: needs[1] ?? "" }) };
  if (parts[0] === "schedule") return { key, text: /passed/.test(message) ? errors.schedulePassed : errors.schedule };
  if (parts[0] === "offer") return { key, text: last === "code" ? errors.code : errors.points };
  if (last in errors) return { key, text: errors[last as keyof CampaignsWords["errors"]] };
  return { key, text: message };
}
