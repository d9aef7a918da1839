import type { Locale } from "@dangol/domain";

/**
 * The migration writes view and column comments as "한국어 / English". Only a " / " outside
 * parentheses separates the two: "ACTIVE, INFERRED (매출로만 알려짐 / known only from sales)" is
 * one bilingual text and is shown whole, as is a comment with no separator at all.
 */
export function commentFor(comment: string | null, locale: Locale): string | null {
  if (!comment) return null;
  const separators: number[] = [];
  let depth = 0;
  for (let i = 0; i < comment.length; i++) {
    const ch = comment[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && comment.startsWith(" / ", i)) separators.push(i);
  }
  if (separators.length !== 1) return comment;
  const at = separators[0] as number;
  return (locale === "en" ? comment.slice(at + 3) : comment.slice(0, at)).trim();
}
