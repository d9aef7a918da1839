import { blank, type Cleansed } from "./result.ts";
import { normaliseText } from "./text.ts";

const HANGUL_WITH_SPACES = /^[\uac00-\ud7a3 ]+$/;
// Digits, control characters and most punctuation never belong in a person's name.
const NOT_A_NAME = /[\d\p{Cc}!"#$%&()*+,/:;<=>?@[\\\]^_{|}~]/u;

/**
 * Names as one form per person: NFC, half-width, single inner spaces, and Hangul names without
 * spaces (Korean names are written solid; "김 민준" is a data-entry habit, not another name).
 * Latin names keep their single spaces.
 */
export function cleanseName(raw: string | null | undefined): Cleansed<string> {
  if (blank(raw)) return { value: null };
  let name = normaliseText(raw);
  if (HANGUL_WITH_SPACES.test(name)) name = name.replace(/ /g, "");
  if (name === "") return { value: null };
  if (NOT_A_NAME.test(name) || name.length > 100) return { finding: { kind: "invalid_name", raw } };
  return { value: name };
}
