/**
 * Full-width ASCII (Ａ, ０, ＠, U+FF01–FF5E) and the ideographic space to their ordinary forms.
 * Deliberately not NFKC: NFKC would also turn Hangul compatibility jamo (ㄱ) into conjoining
 * jamo, which no Korean system expects back.
 */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Zero-width space/joiners and the BOM: invisible, but they break equality.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** NFC (composes decomposed Hangul), half-width, no invisible characters, one space between words. */
export function normaliseText(s: string): string {
  return halfWidth(s.normalize("NFC")).replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}
