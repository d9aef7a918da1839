/**
 * Hangul names compared letter by letter: a syllable block (민) is three jamo (ㅁ ㅣ ㄴ), so a
 * clerk's one-letter slip (민준 → 민중, 세연 → 새연) costs one edit instead of a whole syllable.
 */

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
// Conjoining jamo blocks: 초성 U+1100.., 중성 U+1161.., 종성 U+11A8.. (index 0 = no 종성).
const CHOSEONG = 0x1100;
const JUNGSEONG = 0x1161;
const JONGSEONG = 0x11a7;

/** Code points with every Hangul syllable split into 초성, 중성 and (if any) 종성. */
export function toJamo(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST) {
      const i = c - SYLLABLE_FIRST;
      out.push(CHOSEONG + Math.floor(i / 588), JUNGSEONG + Math.floor((i % 588) / 28));
      if (i % 28 !== 0) out.push(JONGSEONG + (i % 28));
    } else {
      out.push(ch.toLowerCase().codePointAt(0)!);
    }
  }
  return out;
}

/** Levenshtein distance over two code-point arrays (two rows, no matrix). */
export function editDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export function jamoDistance(a: string, b: string): number {
  return a === b ? 0 : editDistance(toJamo(a), toJamo(b));
}

/** 1 − distance / longer length, over jamo: 1 for equal names, ≈ 0.86 for one slip in 김민준. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ja = toJamo(a);
  const jb = toJamo(b);
  const longer = Math.max(ja.length, jb.length);
  return longer === 0 ? 1 : 1 - editDistance(ja, jb) / longer;
}
