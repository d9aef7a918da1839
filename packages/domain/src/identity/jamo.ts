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

// Two reusable rows: resolution compares hundreds of thousands of name pairs, and allocating
// rows per pair made the garbage collector the bottleneck.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance over two code-point arrays (two rows, no matrix). */
export function editDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length < b.length) [a, b] = [b, a];
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
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

// Names repeat a lot (김민준 is everywhere), so each name is decomposed once. Bounded, so a
// long-running worker does not grow it without limit.
const JAMO_CACHE_LIMIT = 200_000;
const jamoCache = new Map<string, number[]>();

function cachedJamo(name: string): number[] {
  let jamo = jamoCache.get(name);
  if (!jamo) {
    if (jamoCache.size >= JAMO_CACHE_LIMIT) jamoCache.clear();
    jamo = toJamo(name);
    jamoCache.set(name, jamo);
  }
  return jamo;
}

export function jamoDistance(a: string, b: string): number {
  return a === b ? 0 : editDistance(cachedJamo(a), cachedJamo(b));
}

/** 1 − distance / longer length, over jamo: 1 for equal names, ≈ 0.86 for one slip in 김민준. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ja = cachedJamo(a);
  const jb = cachedJamo(b);
  const longer = Math.max(ja.length, jb.length);
  return longer === 0 ? 1 : 1 - editDistance(ja, jb) / longer;
}
