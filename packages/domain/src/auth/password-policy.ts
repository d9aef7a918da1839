export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * Length is the one rule that measurably helps (NIST SP 800-63B); composition rules only
 * push staff towards "Password1!". The upper bound keeps argon2 input sizes sane.
 */
export function checkPasswordPolicy(password: string): { ok: true } | { ok: false; error: string } {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, error: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, error: `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.` };
  }
  if (password.trim().length === 0) return { ok: false, error: "The password cannot be only spaces." };
  return { ok: true };
}
