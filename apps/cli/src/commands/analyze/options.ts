import { z } from "zod";
import { CliError } from "../../errors.ts";
import { parseIsoDay } from "./dates.ts";

/** Parses commander's options with a zod schema; the first problem becomes `--flag: message`. */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.infer<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = String(issue.path[0]).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  throw new CliError(`--${flag}: ${issue.message}`);
}

/** A `--flag YYYY-MM-DD` option as a day number. */
export const isoDayOption = z.string().transform((text, context) => {
  const day = parseIsoDay(text);
  if (day !== undefined) return day;
  context.addIssue({ code: "custom", message: `"${text}" is not a date as YYYY-MM-DD` });
  return z.NEVER;
});
