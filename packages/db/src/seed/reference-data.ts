/**
 * Demo reference data: the retailer's divisions, stores, HQ category tree, products and tiers.
 * Plain constants so tests and docs can import them without a database. Everything here is demo
 * data: the ETL issue replaces it with the masters the divisions deliver.
 */
import type { RetailFormat } from "../generated/prisma/enums.ts";

export type DemoDivision = "DPT" | "MART" | "SM";

export const SOURCE_SYSTEMS: readonly { code: DemoDivision; name: string; format: RetailFormat }[] = [
  { code: "DPT", name: "백화점", format: "DEPARTMENT_STORE" },
  { code: "MART", name: "할인점", format: "MART" },
  { code: "SM", name: "슈퍼마켓", format: "SUPERMARKET" },
];

export const FORMAT_OF: Record<DemoDivision, RetailFormat> = {
  DPT: "DEPARTMENT_STORE",
  MART: "MART",
  SM: "SUPERMARKET",
};

/** 시/군/구 centroids (approximate) and the first digits of their postcodes. */
// biome-ignore format: one row per line reads as a table
export const REGIONS: readonly { sido: string; sigungu: string; lat: number; lon: number; zipPrefix: string }[] = [
  { sido: "서울특별시", sigungu: "중구", lat: 37.5641, lon: 126.9979, zipPrefix: "045" },
  { sido: "서울특별시", sigungu: "강남구", lat: 37.5172, lon: 127.0473, zipPrefix: "061" },
  { sido: "서울특별시", sigungu: "성동구", lat: 37.5634, lon: 127.0371, zipPrefix: "047" },
  { sido: "서울특별시", sigungu: "마포구", lat: 37.5663, lon: 126.9019, zipPrefix: "039" },
  { sido: "서울특별시", sigungu: "송파구", lat: 37.5145, lon: 127.1059, zipPrefix: "056" },
  { sido: "서울특별시", sigungu: "노원구", lat: 37.6542, lon: 127.0568, zipPrefix: "017" },
  { sido: "경기도", sigungu: "성남시 분당구", lat: 37.3826, lon: 127.1189, zipPrefix: "135" },
  { sido: "경기도", sigungu: "수원시 영통구", lat: 37.2596, lon: 127.0465, zipPrefix: "165" },
  { sido: "경기도", sigungu: "고양시 일산동구", lat: 37.6584, lon: 126.7722, zipPrefix: "103" },
  { sido: "인천광역시", sigungu: "연수구", lat: 37.4102, lon: 126.6783, zipPrefix: "219" },
  { sido: "부산광역시", sigungu: "해운대구", lat: 35.1631, lon: 129.1636, zipPrefix: "480" },
  { sido: "부산광역시", sigungu: "수영구", lat: 35.1456, lon: 129.1132, zipPrefix: "482" },
  { sido: "대구광역시", sigungu: "수성구", lat: 35.8581, lon: 128.6306, zipPrefix: "420" },
  { sido: "대전광역시", sigungu: "유성구", lat: 36.3622, lon: 127.3562, zipPrefix: "341" },
  { sido: "광주광역시", sigungu: "서구", lat: 35.152, lon: 126.8895, zipPrefix: "619" },
];

export interface DemoStoreSpec {
  sourceCode: DemoDivision;
  code: string;
  name: string;
  sido: string;
  sigungu: string;
  openedOn: string;
  lat: number;
  lon: number;
}

// biome-ignore format: one row per line reads as a table
export const DEMO_STORES: readonly DemoStoreSpec[] = [
  { sourceCode: "DPT", code: "D01", name: "단골백화점 본점", sido: "서울특별시", sigungu: "중구", openedOn: "1985-11-01", lat: 37.5608, lon: 126.981 },
  { sourceCode: "DPT", code: "D02", name: "단골백화점 강남점", sido: "서울특별시", sigungu: "강남구", openedOn: "2000-09-15", lat: 37.5045, lon: 127.0049 },
  { sourceCode: "DPT", code: "D03", name: "단골백화점 판교점", sido: "경기도", sigungu: "성남시 분당구", openedOn: "2015-08-21", lat: 37.3925, lon: 127.1122 },
  { sourceCode: "DPT", code: "D04", name: "단골백화점 센텀시티점", sido: "부산광역시", sigungu: "해운대구", openedOn: "2009-03-03", lat: 35.169, lon: 129.129 },
  { sourceCode: "MART", code: "M001", name: "단골마트 성수점", sido: "서울특별시", sigungu: "성동구", openedOn: "1994-06-10", lat: 37.5447, lon: 127.0557 },
  { sourceCode: "MART", code: "M002", name: "단골마트 분당점", sido: "경기도", sigungu: "성남시 분당구", openedOn: "1997-12-05", lat: 37.3786, lon: 127.1145 },
  { sourceCode: "MART", code: "M003", name: "단골마트 해운대점", sido: "부산광역시", sigungu: "해운대구", openedOn: "2002-04-19", lat: 35.1695, lon: 129.1747 },
  { sourceCode: "MART", code: "M004", name: "단골마트 수성점", sido: "대구광역시", sigungu: "수성구", openedOn: "2005-10-28", lat: 35.8562, lon: 128.6309 },
  { sourceCode: "SM", code: "S001", name: "단골슈퍼 역삼점", sido: "서울특별시", sigungu: "강남구", openedOn: "2012-02-14", lat: 37.5006, lon: 127.0364 },
  { sourceCode: "SM", code: "S002", name: "단골슈퍼 망원점", sido: "서울특별시", sigungu: "마포구", openedOn: "2016-07-01", lat: 37.5561, lon: 126.9016 },
  { sourceCode: "SM", code: "S003", name: "단골슈퍼 일산점", sido: "경기도", sigungu: "고양시 일산동구", openedOn: "2014-05-23", lat: 37.6584, lon: 126.7722 },
  { sourceCode: "SM", code: "S004", name: "단골슈퍼 상무점", sido: "광주광역시", sigungu: "서구", openedOn: "2018-11-09", lat: 35.1516, lon: 126.8524 },
];

/** HQ tree: 대분류 (2 digits) → 중분류 (4) → 소분류 (6). */
// biome-ignore format: one row per line reads as a table
export const CATEGORY_TREE: readonly {
  code: string;
  ko: string;
  en: string;
  children: readonly { code: string; ko: string; en: string; children: readonly { code: string; ko: string; en: string }[] }[];
}[] = [
  {
    code: "10", ko: "신선식품", en: "Fresh food",
    children: [
      { code: "1010", ko: "과일", en: "Fruit", children: [
        { code: "101010", ko: "사과/배", en: "Apples & pears" },
        { code: "101020", ko: "감귤/만감류", en: "Citrus" },
      ] },
      { code: "1020", ko: "채소", en: "Vegetables", children: [
        { code: "102010", ko: "엽채류", en: "Leafy vegetables" },
        { code: "102020", ko: "근채류", en: "Root vegetables" },
      ] },
      { code: "1030", ko: "정육/수산", en: "Meat & seafood", children: [
        { code: "103010", ko: "육류", en: "Meat" },
        { code: "103020", ko: "수산", en: "Seafood" },
      ] },
    ],
  },
  {
    code: "20", ko: "가공식품", en: "Processed food",
    children: [
      { code: "2010", ko: "라면/면류", en: "Noodles", children: [
        { code: "201010", ko: "봉지라면", en: "Packet ramyeon" },
        { code: "201020", ko: "컵라면", en: "Cup ramyeon" },
      ] },
      { code: "2020", ko: "음료", en: "Beverages", children: [
        { code: "202010", ko: "생수", en: "Bottled water" },
        { code: "202020", ko: "커피/차", en: "Coffee & tea" },
      ] },
      { code: "2030", ko: "과자/간식", en: "Snacks", children: [
        { code: "203010", ko: "스낵", en: "Chips" },
        { code: "203020", ko: "초콜릿/파이", en: "Chocolate & pies" },
      ] },
    ],
  },
  {
    code: "30", ko: "생활용품", en: "Household goods",
    children: [
      { code: "3010", ko: "세제/청소", en: "Detergents & cleaning", children: [
        { code: "301010", ko: "세탁세제", en: "Laundry detergent" },
        { code: "301020", ko: "주방세제", en: "Dish soap" },
      ] },
      { code: "3020", ko: "화장지/위생", en: "Paper & hygiene", children: [
        { code: "302010", ko: "화장지", en: "Toilet paper" },
        { code: "302020", ko: "물티슈", en: "Wet wipes" },
      ] },
    ],
  },
  {
    code: "40", ko: "패션", en: "Fashion",
    children: [
      { code: "4010", ko: "여성의류", en: "Womenswear", children: [
        { code: "401010", ko: "원피스", en: "Dresses" },
        { code: "401020", ko: "아우터", en: "Outerwear" },
      ] },
      { code: "4020", ko: "남성의류", en: "Menswear", children: [
        { code: "402010", ko: "정장", en: "Suits" },
        { code: "402020", ko: "캐주얼", en: "Casual wear" },
      ] },
      { code: "4030", ko: "잡화", en: "Accessories", children: [
        { code: "403010", ko: "핸드백", en: "Handbags" },
        { code: "403020", ko: "구두", en: "Shoes" },
      ] },
    ],
  },
  {
    code: "50", ko: "가전", en: "Electronics",
    children: [
      { code: "5010", ko: "대형가전", en: "Large appliances", children: [
        { code: "501010", ko: "냉장고", en: "Refrigerators" },
        { code: "501020", ko: "세탁기", en: "Washing machines" },
      ] },
      { code: "5020", ko: "소형가전", en: "Small appliances", children: [
        { code: "502010", ko: "주방가전", en: "Kitchen appliances" },
        { code: "502020", ko: "생활가전", en: "Home appliances" },
      ] },
    ],
  },
  {
    code: "60", ko: "뷰티", en: "Beauty",
    children: [
      { code: "6010", ko: "스킨케어", en: "Skincare", children: [
        { code: "601010", ko: "기초화장품", en: "Basic skincare" },
        { code: "601020", ko: "선케어", en: "Sun care" },
      ] },
      { code: "6020", ko: "메이크업", en: "Makeup", children: [
        { code: "602010", ko: "립", en: "Lips" },
        { code: "602020", ko: "베이스", en: "Base makeup" },
      ] },
    ],
  },
];

export interface DemoCategory {
  code: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  nameKo: string;
  nameEn: string;
}

/** The tree flattened parents-first (insert order). */
export function flattenCategories(): DemoCategory[] {
  const out: DemoCategory[] = [];
  for (const l1 of CATEGORY_TREE) {
    out.push({ code: l1.code, level: 1, parentCode: null, nameKo: l1.ko, nameEn: l1.en });
    for (const l2 of l1.children) {
      out.push({ code: l2.code, level: 2, parentCode: l1.code, nameKo: l2.ko, nameEn: l2.en });
      for (const l3 of l2.children) {
        out.push({ code: l3.code, level: 3, parentCode: l2.code, nameKo: l3.ko, nameEn: l3.en });
      }
    }
  }
  return out;
}

export interface DemoProductSpec {
  sourceCode: DemoDivision;
  code: string;
  name: string;
  brand: string;
  /** The division's own category code (what its product master carries). */
  sourceCategoryCode: string;
  /** The HQ 소분류 that code maps to. */
  categoryCode: string;
  listPrice: number;
}

const p = (
  sourceCode: DemoDivision,
  code: string,
  name: string,
  brand: string,
  sourceCategoryCode: string,
  categoryCode: string,
  listPrice: number,
): DemoProductSpec => ({ sourceCode, code, name, brand, sourceCategoryCode, categoryCode, listPrice });

export const DEMO_PRODUCTS: readonly DemoProductSpec[] = [
  // Department store: gift sets, fashion, beauty, appliances.
  p("DPT", "D100001", "한우 1++ 등심 선물세트", "단골명품한우", "DF-MEAT", "103010", 198000),
  p("DPT", "D100002", "제주 한라봉 선물세트 3kg", "제주농협", "DF-FRUIT-CIT", "101020", 69000),
  p("DPT", "D100003", "나주 배 선물세트 7.5kg", "나주배원협", "DF-FRUIT-PEAR", "101010", 89000),
  p("DPT", "D200001", "캐시미어 롱코트", "르봉", "DW-OUTER", "401020", 1290000),
  p("DPT", "D200002", "실크 플라워 원피스", "르봉", "DW-DRESS", "401010", 459000),
  p("DPT", "D200003", "울 싱글 정장", "마에스트로", "DM-SUIT", "402010", 798000),
  p("DPT", "D200004", "레더 토트백", "루시엘", "DA-BAG", "403010", 890000),
  p("DPT", "D200005", "여성 로퍼", "소노", "DA-SHOES", "403020", 329000),
  p("DPT", "D300001", "윤조에센스 90ml", "설화수", "DB-SKIN", "601010", 150000),
  p("DPT", "D300002", "루즈 홀릭 립스틱", "헤라", "DB-LIP", "602010", 45000),
  p("DPT", "D300003", "블랙 쿠션 파운데이션", "헤라", "DB-BASE", "602020", 68000),
  p("DPT", "D400001", "4도어 냉장고 870L", "삼성전자", "DE-REF", "501010", 2890000),
  p("DPT", "D400002", "드럼 세탁기 24kg", "LG전자", "DE-WASH", "501020", 1590000),
  // Mart: weekly shop plus some hard goods.
  p("MART", "88010001", "신라면 5입", "농심", "MC0301", "201010", 4480),
  p("MART", "88010002", "진라면 컵 6입", "오뚜기", "MC0302", "201020", 5980),
  p("MART", "88010003", "제주 삼다수 2L×6", "제주개발공사", "MC0401", "202010", 5880),
  p("MART", "88010004", "맥심 모카골드 100T", "동서식품", "MC0402", "202020", 15900),
  p("MART", "88010005", "포카칩 오리지널", "오리온", "MC0501", "203010", 2980),
  p("MART", "88010006", "부사 사과 3kg", "산지직송", "MC0101", "101010", 24900),
  p("MART", "88010007", "국내산 삼겹살 1kg", "도드람", "MC0201", "103010", 26900),
  p("MART", "88010008", "노르웨이 고등어 2손", "바다마을", "MC0202", "103020", 9900),
  p("MART", "88010009", "액체세제 3L", "퍼실", "MC0601", "301010", 18900),
  p("MART", "88010010", "트리오 주방세제 1L", "애경", "MC0602", "301020", 4500),
  p("MART", "88010011", "3겹 화장지 30롤", "깨끗한나라", "MC0701", "302010", 17900),
  p("MART", "88010012", "전기밥솥 6인용", "쿠쿠", "MC0801", "502010", 159000),
  p("MART", "88010013", "남성 기능성 티셔츠", "데이즈", "MC0901", "402020", 19900),
  p("MART", "88010014", "선크림 SPF50+", "니베아", "MC1001", "601020", 12900),
  // Supermarket: small, frequent, fresh.
  p("SM", "SM-10021", "양상추 1통", "산지직송", "fresh.veg.leaf", "102010", 2480),
  p("SM", "SM-10022", "흙당근 1kg", "산지직송", "fresh.veg.root", "102020", 3980),
  p("SM", "SM-10031", "제주 감귤 2kg", "제주농협", "fresh.fruit.citrus", "101020", 9900),
  p("SM", "SM-10041", "한우 불고기 300g", "단골정육", "fresh.meat", "103010", 15900),
  p("SM", "SM-20011", "육개장 사발면", "농심", "grocery.noodle.cup", "201020", 1300),
  p("SM", "SM-20021", "생수 500ml", "아이시스", "grocery.drink.water", "202010", 600),
  p("SM", "SM-20022", "캔커피 175ml", "레쓰비", "grocery.drink.coffee", "202020", 1200),
  p("SM", "SM-20031", "초코파이 12입", "오리온", "grocery.snack.choco", "203020", 4800),
  p("SM", "SM-20032", "새우깡", "농심", "grocery.snack.chips", "203010", 1500),
  p("SM", "SM-30011", "물티슈 100매", "몽드드", "living.hygiene.wipes", "302020", 2500),
];

export const DEMO_TIERS: readonly {
  code: string;
  name: string;
  nameEn: string;
  rank: number;
  minSpend: bigint;
  minVisits: number;
}[] = [
  { code: "FAMILY", name: "패밀리", nameEn: "Family", rank: 1, minSpend: 0n, minVisits: 0 },
  { code: "SILVER", name: "실버", nameEn: "Silver", rank: 2, minSpend: 500_000n, minVisits: 4 },
  { code: "GOLD", name: "골드", nameEn: "Gold", rank: 3, minSpend: 2_000_000n, minVisits: 8 },
  { code: "VIP", name: "VIP", nameEn: "VIP", rank: 4, minSpend: 6_000_000n, minVisits: 12 },
  { code: "VVIP", name: "VVIP", nameEn: "VVIP", rank: 5, minSpend: 20_000_000n, minVisits: 12 },
];
