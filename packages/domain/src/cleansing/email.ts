import { blank, type Cleansed } from "./result.ts";
import { halfWidth } from "./text.ts";

// A pragmatic address check, not RFC 5322: what mail systems actually accept for customers.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** Lower-cased (Korean portals treat addresses case-insensitively) and checked for one `@`. */
export function cleanseEmail(raw: string | null | undefined): Cleansed<string> {
  if (blank(raw)) return { value: null };
  const email = halfWidth(raw.normalize("NFC")).trim().toLowerCase();
  const at = email.indexOf("@");
  const ok =
    email.length <= 254 &&
    at > 0 &&
    at === email.lastIndexOf("@") &&
    at <= 64 &&
    LOCAL.test(email.slice(0, at)) &&
    DOMAIN.test(email.slice(at + 1));
  return ok ? { value: email } : { finding: { kind: "invalid_email", raw } };
}
