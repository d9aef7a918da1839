/**
 * Store counters show just enough to confirm the person in front of them (김*훈, 010-****-5678):
 * the full name and number never reach a store-staff screen.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 1 ? "*" : "";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, "");
}

/** 010-1234-5678 (or 01012345678) → 010-****-5678; anything else keeps only its last four digits. */
export function maskPhone(phone: string): string {
  const digits = phoneDigits(phone);
  if (digits.length < 4) return "*".repeat(digits.length);
  const last4 = digits.slice(-4);
  if (digits.length >= 10) return `${digits.slice(0, 3)}-****-${last4}`;
  return `****-${last4}`;
}

/** 01012345678 → 010-1234-5678, for screens allowed to show the full number. */
export function formatPhone(phone: string): string {
  const digits = phoneDigits(phone);
  if (digits.length === 11) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  if (digits.length === 10) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return phone;
}
