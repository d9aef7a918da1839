/**
 * The masters every delivery carries: stores per division, products per division with the
 * division's own category codes, and the HQ category tree and map. Pure and seeded.
 */
import { isoDate } from "./calendar.ts";
import { Rng, WeightedTable } from "./random.ts";
import { CATEGORY_TREE, REGIONS, STORE_PREFIX } from "./reference.ts";
import { DIVISIONS, type Division, type Product, type Store } from "./types.ts";

export interface HqCategory {
  code: string;
  level: 1 | 2 | 3;
  parentCode: string;
  nameKo: string;
  nameEn: string;
}

export function hqCategories(): HqCategory[] {
  const out: HqCategory[] = [];
  for (const top of CATEGORY_TREE) {
    out.push({ code: top.code, level: 1, parentCode: "", nameKo: top.ko, nameEn: top.en });
    for (const mid of top.children) {
      out.push({ code: mid.code, level: 2, parentCode: top.code, nameKo: mid.ko, nameEn: mid.en });
      for (const leaf of mid.children) {
        out.push({ code: leaf.code, level: 3, parentCode: mid.code, nameKo: leaf.ko, nameEn: leaf.en });
      }
    }
  }
  return out;
}

const DIVISION_LETTER: Record<Division, string> = { DPT: "D", MART: "M", SM: "S" };
const DPT_TOP_LETTER: Record<string, string> = {
  "10": "F",
  "20": "G",
  "30": "H",
  "40": "W",
  "50": "E",
  "60": "B",
  "70": "S",
};

/**
 * Each division's own category codes for an HQ 소분류. The department store splits fashion by
 * season (two codes onto one HQ category), so the map is many-to-one as in real merchandising.
 */
export function divisionCategoryCodes(
  division: Division,
  leafCode: string,
  leafEn: string,
  midEn: string,
  topEn: string,
): string[] {
  const mid = leafCode.slice(2, 4);
  const leaf = leafCode.slice(4, 6);
  if (division === "DPT") {
    const code = `D${DPT_TOP_LETTER[leafCode.slice(0, 2)]}${mid}${leaf}`;
    return leafCode.startsWith("40") ? [`${code}-SS`, `${code}-FW`] : [code];
  }
  if (division === "MART") return [`MC${leafCode.slice(0, 2)}${mid}${leaf}`];
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/&/g, "and")
      .replace(/[^a-z]+/g, "-")
      .replace(/^-|-$/g, "");
  return [`${slug(topEn)}.${slug(midEn)}.${slug(leafEn)}`];
}

export interface CategoryMapRow {
  division: Division;
  sourceCode: string;
  categoryCode: string;
}

export interface Catalogue {
  products: Product[];
  /** HQ 대분류 code of each product, index-aligned with `products`. */
  topOf: string[];
  categoryMap: CategoryMapRow[];
}

const PRODUCT_COUNT: Record<Division, number> = { DPT: 480, MART: 1400, SM: 700 };
const PRICE_LEVEL: Record<Division, number> = { DPT: 1.35, MART: 1, SM: 1.12 };
const VARIANTS = [
  "",
  " 기획",
  " 대용량",
  " 프리미엄",
  " 소포장",
  " 유기농",
  " 선물용",
  " 1+1",
  " 한정판",
  " 실속형",
  " 리뉴얼",
  " 에디션",
];

function roundPrice(division: Division, price: number): number {
  if (price >= 100_000) return Math.round(price / 1000) * 1000;
  if (division === "MART") return Math.max(100, Math.round(price / 100) * 100 - 20);
  return Math.max(100, Math.round(price / 10) * 10);
}

function productCode(division: Division, index: number): string {
  if (division === "DPT") return `D${100001 + index}`;
  if (division === "SM") return `SM-${String(10001 + index)}`;
  // Korean barcodes start with 880; the 13th digit is the EAN check digit.
  const body = `880${String(1_000_000 + index * 37).padStart(9, "0")}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function buildCatalogue(division: Division, seed: number): Catalogue {
  const rng = new Rng(seed, 0x5eed, DIVISIONS.indexOf(division));
  const templates: { name: string; brand: string; price: number; top: string; sourceCodes: string[] }[] = [];
  const categoryMap: CategoryMapRow[] = [];
  for (const top of CATEGORY_TREE) {
    for (const mid of top.children) {
      for (const leaf of mid.children) {
        if (!leaf.sold.includes(DIVISION_LETTER[division])) continue;
        const sourceCodes = divisionCategoryCodes(division, leaf.code, leaf.en, mid.en, top.en);
        for (const sourceCode of sourceCodes) categoryMap.push({ division, sourceCode, categoryCode: leaf.code });
        for (const [name, brand, price] of leaf.items)
          templates.push({ name, brand, price, top: top.code, sourceCodes });
      }
    }
  }
  const products: Product[] = [];
  const topOf: string[] = [];
  for (let i = 0; i < PRODUCT_COUNT[division]; i++) {
    const template = templates[i % templates.length]!;
    const variant = VARIANTS[Math.floor(i / templates.length) % VARIANTS.length]!;
    const generation = Math.floor(i / (templates.length * VARIANTS.length));
    products.push({
      division,
      code: productCode(division, i),
      name: `${template.name}${variant}${generation > 0 ? ` ${generation + 1}차` : ""}`,
      brand: template.brand,
      categoryCode: rng.pick(template.sourceCodes),
      price: roundPrice(division, template.price * PRICE_LEVEL[division] * rng.logNormal(0, 0.18)),
    });
    topOf.push(template.top);
  }
  return { products, topOf, categoryMap };
}

export function buildStores(division: Division, count: number, seed: number): Store[] {
  const rng = new Rng(seed, 0x5703e, DIVISIONS.indexOf(division));
  // Department stores go where the people are; marts and supermarkets spread out.
  const weights = REGIONS.map((r) => (division === "DPT" ? r.weight ** 2 : r.weight));
  const table = new WeightedTable(
    REGIONS.map((_, i) => i),
    weights,
  );
  const perRegion = new Map<number, number>();
  const stores: Store[] = [];
  const width = division === "DPT" ? 2 : 3;
  for (let i = 0; i < count; i++) {
    // Every region gets a store before any gets a second, as long as there are stores to give.
    const region = i < REGIONS.length && count >= REGIONS.length ? i : table.pick(rng);
    const nth = (perRegion.get(region) ?? 0) + 1;
    perRegion.set(region, nth);
    const place = REGIONS[region]!.sigungu.split(" ")
      .at(-1)!
      .replace(/[시구군]$/, "");
    const openedYear =
      division === "DPT" ? rng.int(1980, 2018) : division === "MART" ? rng.int(1993, 2020) : rng.int(2005, 2023);
    stores.push({
      division,
      code: `${DIVISION_LETTER[division]}${String(i + 1).padStart(width, "0")}`,
      name: `${STORE_PREFIX[division]} ${place}${nth > 1 ? `${nth}호` : ""}점`,
      region,
      sido: REGIONS[region]!.sido,
      sigungu: REGIONS[region]!.sigungu,
      openedOn: isoDate(Date.UTC(openedYear, rng.int(0, 11), rng.int(1, 28)) / 86_400_000),
      lat: Math.round((REGIONS[region]!.lat + (rng.next() - 0.5) * 0.04) * 1e6) / 1e6,
      lon: Math.round((REGIONS[region]!.lon + (rng.next() - 0.5) * 0.04) * 1e6) / 1e6,
    });
  }
  return stores;
}

function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/** For each region, the division's store indices nearest first (people shop near home). */
export function nearestStores(stores: readonly Store[]): number[][] {
  return REGIONS.map((region) =>
    stores
      .map((store, index) => ({ index, km: distanceKm(region.lat, region.lon, store.lat, store.lon) }))
      .sort((a, b) => a.km - b.km || a.index - b.index)
      .map((s) => s.index),
  );
}
