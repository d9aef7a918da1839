import { blank, type Cleansed } from "./result.ts";
import { normaliseText } from "./text.ts";

/** The 17 시/도 by their official names since 2024 (강원 2023, 전북 2024 became 특별자치도). */
export const SIDO = [
  "서울특별시",
  "부산광역시",
  "대구광역시",
  "인천광역시",
  "광주광역시",
  "대전광역시",
  "울산광역시",
  "세종특별자치시",
  "경기도",
  "강원특별자치도",
  "충청북도",
  "충청남도",
  "전북특별자치도",
  "전라남도",
  "경상북도",
  "경상남도",
  "제주특별자치도",
] as const;
export type Sido = (typeof SIDO)[number];

// Short forms, 시/도 suffix variants, the pre-2023/2024 names and common romanisations.
// Keys are compared without spaces and lower-cased.
const ALIASES: Record<Sido, readonly string[]> = {
  서울특별시: ["서울", "서울시", "서울특별시", "seoul"],
  부산광역시: ["부산", "부산시", "부산광역시", "busan", "pusan"],
  대구광역시: ["대구", "대구시", "대구광역시", "daegu"],
  인천광역시: ["인천", "인천시", "인천광역시", "incheon"],
  광주광역시: ["광주", "광주시", "광주광역시", "gwangju"],
  대전광역시: ["대전", "대전시", "대전광역시", "daejeon"],
  울산광역시: ["울산", "울산시", "울산광역시", "ulsan"],
  세종특별자치시: ["세종", "세종시", "세종특별시", "세종특별자치시", "sejong"],
  경기도: ["경기", "경기도", "gyeonggi", "gyeonggido", "gyeonggi-do"],
  강원특별자치도: ["강원", "강원도", "강원특별자치도", "gangwon", "gangwondo", "gangwon-do"],
  충청북도: ["충북", "충청북도", "chungbuk", "chungcheongbukdo", "chungcheongbuk-do"],
  충청남도: ["충남", "충청남도", "chungnam", "chungcheongnamdo", "chungcheongnam-do"],
  전북특별자치도: ["전북", "전라북도", "전북도", "전북특별자치도", "jeonbuk", "jeollabukdo", "jeollabuk-do"],
  전라남도: ["전남", "전라남도", "jeonnam", "jeollanamdo", "jeollanam-do"],
  경상북도: ["경북", "경상북도", "gyeongbuk", "gyeongsangbukdo", "gyeongsangbuk-do"],
  경상남도: ["경남", "경상남도", "gyeongnam", "gyeongsangnamdo", "gyeongsangnam-do"],
  제주특별자치도: ["제주", "제주도", "제주특별자치도", "jeju", "jejudo", "jeju-do"],
};

const key = (s: string) => normaliseText(s).replace(/ /g, "").toLowerCase();

const SIDO_BY_ALIAS = new Map<string, Sido>(
  Object.entries(ALIASES).flatMap(([sido, aliases]) => aliases.map((a) => [key(a), sido as Sido] as const)),
);

/** 서울 / 서울시 / 서울특별시 → 서울특별시; 강원도 → 강원특별자치도. */
export function cleanseSido(raw: string | null | undefined): Cleansed<Sido> {
  if (blank(raw)) return { value: null };
  const sido = SIDO_BY_ALIAS.get(key(raw));
  return sido ? { value: sido } : { finding: { kind: "unknown_sido", raw } };
}

export interface RegionRow {
  sido: string;
  sigungu: string;
}

export interface Region {
  sido: Sido;
  sigungu: string;
}

/**
 * The HQ regions master (hq_regions.csv) as a lookup: it is data, passed in, because HQ owns the
 * list of 시/군/구 and it changes with administrative reforms.
 */
export class RegionMaster {
  private readonly exact = new Map<string, Region[]>();
  private readonly loose = new Map<string, Region[]>();

  constructor(rows: readonly RegionRow[]) {
    for (const row of rows) {
      const sido = SIDO_BY_ALIAS.get(key(row.sido));
      if (!sido) continue;
      const region: Region = { sido, sigungu: normaliseText(row.sigungu) };
      add(this.exact, key(region.sigungu), region);
      for (const variant of looseKeys(region.sigungu)) add(this.loose, variant, region);
    }
  }

  /**
   * 시/군/구 as the master spells it. Tries the exact name (spaces ignored), then the forms people
   * shorten it to (강남 → 강남구, 영통구 → 수원시 영통구, 수원 영통 → 수원시 영통구). A name that
   * exists in several 시/도 (서구, 중구, 남구 …) needs the 시/도 to decide; without one it is a finding.
   */
  sigungu(sido: Sido | null, raw: string | null | undefined): Cleansed<Region> {
    if (blank(raw)) return { value: null };
    const k = key(raw);
    for (const candidates of [this.exact.get(k), this.loose.get(k)]) {
      const inSido = (candidates ?? []).filter((r) => sido === null || r.sido === sido);
      if (inSido.length === 1) return { value: inSido[0]! };
      if (inSido.length > 1) break;
    }
    return { finding: { kind: "unknown_sigungu", raw } };
  }

  /**
   * 시/도 and 시/군/구 from the head of a free-text address ("서울 강남구 테헤란로 1",
   * "경기도 수원시 영통구 …"), or null when the address does not start with a known pair.
   */
  regionOfAddress(address: string | null | undefined): Region | null {
    if (blank(address)) return null;
    const words = normaliseText(address).replace(/,/g, " ").split(" ").filter(Boolean);
    const sido = SIDO_BY_ALIAS.get(key(words[0] ?? ""));
    if (!sido) return null;
    // Two words first: "수원시 영통구" must not stop at a one-word match of "수원시".
    for (const n of [2, 1]) {
      if (words.length < 1 + n) continue;
      const found = this.sigungu(sido, words.slice(1, 1 + n).join(" "));
      if ("value" in found && found.value) return found.value;
    }
    return null;
  }
}

function add(map: Map<string, Region[]>, k: string, region: Region): void {
  const list = map.get(k);
  if (!list) map.set(k, [region]);
  else if (!list.some((r) => r.sido === region.sido && r.sigungu === region.sigungu)) list.push(region);
}

const SUFFIX = /(시|군|구)$/;

/** 수원시 영통구 → 영통구, 영통, 수원영통, 수원시영통; 강남구 → 강남. */
function looseKeys(sigungu: string): string[] {
  const parts = sigungu.split(" ");
  const stems = parts.map((p) => (p.length > 2 ? p.replace(SUFFIX, "") : p));
  const keys = new Set<string>([stems.join("")]);
  if (parts.length > 1) {
    const last = parts.at(-1)!;
    keys.add(key(last));
    keys.add(stems.at(-1)!);
    keys.add(`${parts[0]}${stems.at(-1)}`);
  }
  keys.delete(key(sigungu));
  return [...keys].map(key);
}
