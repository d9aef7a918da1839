/**
 * Constant Korean reference data the generated feeds are built from: real 시/도 and 시/군/구
 * with approximate centroids and postcode prefixes, the HQ category tree (a superset of the demo
 * seed's codes, so a generated delivery and the demo seed agree on HQ categories), product
 * templates, names and roads. The demo seed's own tables are too small for a million customers.
 */
import type { Division, Region } from "./types.ts";

// biome-ignore format: one row per line reads as a table
export const REGIONS: readonly Region[] = [
  { sido: "서울특별시", sigungu: "종로구", lat: 37.573, lon: 126.9794, zipPrefix: "030", weight: 14 },
  { sido: "서울특별시", sigungu: "중구", lat: 37.5641, lon: 126.9979, zipPrefix: "045", weight: 12 },
  { sido: "서울특별시", sigungu: "용산구", lat: 37.5326, lon: 126.9905, zipPrefix: "043", weight: 21 },
  { sido: "서울특별시", sigungu: "성동구", lat: 37.5634, lon: 127.0371, zipPrefix: "047", weight: 28 },
  { sido: "서울특별시", sigungu: "광진구", lat: 37.5385, lon: 127.0823, zipPrefix: "050", weight: 34 },
  { sido: "서울특별시", sigungu: "동대문구", lat: 37.5744, lon: 127.0396, zipPrefix: "024", weight: 34 },
  { sido: "서울특별시", sigungu: "성북구", lat: 37.5894, lon: 127.0167, zipPrefix: "027", weight: 43 },
  { sido: "서울특별시", sigungu: "노원구", lat: 37.6542, lon: 127.0568, zipPrefix: "017", weight: 50 },
  { sido: "서울특별시", sigungu: "은평구", lat: 37.6027, lon: 126.9291, zipPrefix: "034", weight: 47 },
  { sido: "서울특별시", sigungu: "마포구", lat: 37.5663, lon: 126.9019, zipPrefix: "039", weight: 37 },
  { sido: "서울특별시", sigungu: "양천구", lat: 37.517, lon: 126.8665, zipPrefix: "080", weight: 44 },
  { sido: "서울특별시", sigungu: "강서구", lat: 37.5509, lon: 126.8495, zipPrefix: "077", weight: 57 },
  { sido: "서울특별시", sigungu: "구로구", lat: 37.4955, lon: 126.8875, zipPrefix: "082", weight: 40 },
  { sido: "서울특별시", sigungu: "영등포구", lat: 37.5264, lon: 126.8962, zipPrefix: "072", weight: 38 },
  { sido: "서울특별시", sigungu: "관악구", lat: 37.4784, lon: 126.9516, zipPrefix: "088", weight: 49 },
  { sido: "서울특별시", sigungu: "서초구", lat: 37.4837, lon: 127.0324, zipPrefix: "065", weight: 41 },
  { sido: "서울특별시", sigungu: "강남구", lat: 37.5172, lon: 127.0473, zipPrefix: "061", weight: 53 },
  { sido: "서울특별시", sigungu: "송파구", lat: 37.5145, lon: 127.1059, zipPrefix: "056", weight: 65 },
  { sido: "서울특별시", sigungu: "강동구", lat: 37.5301, lon: 127.1238, zipPrefix: "052", weight: 46 },
  { sido: "경기도", sigungu: "수원시 영통구", lat: 37.2596, lon: 127.0465, zipPrefix: "165", weight: 37 },
  { sido: "경기도", sigungu: "성남시 분당구", lat: 37.3826, lon: 127.1189, zipPrefix: "135", weight: 48 },
  { sido: "경기도", sigungu: "고양시 일산동구", lat: 37.6584, lon: 126.7722, zipPrefix: "103", weight: 30 },
  { sido: "경기도", sigungu: "용인시 수지구", lat: 37.322, lon: 127.0975, zipPrefix: "168", weight: 38 },
  { sido: "경기도", sigungu: "부천시", lat: 37.5034, lon: 126.766, zipPrefix: "145", weight: 79 },
  { sido: "경기도", sigungu: "안양시 동안구", lat: 37.3925, lon: 126.9512, zipPrefix: "140", weight: 31 },
  { sido: "경기도", sigungu: "화성시", lat: 37.1995, lon: 126.8312, zipPrefix: "183", weight: 93 },
  { sido: "경기도", sigungu: "남양주시", lat: 37.636, lon: 127.2165, zipPrefix: "121", weight: 73 },
  { sido: "경기도", sigungu: "김포시", lat: 37.6152, lon: 126.7156, zipPrefix: "100", weight: 48 },
  { sido: "경기도", sigungu: "하남시", lat: 37.5393, lon: 127.2149, zipPrefix: "129", weight: 33 },
  { sido: "인천광역시", sigungu: "연수구", lat: 37.4102, lon: 126.6783, zipPrefix: "219", weight: 39 },
  { sido: "인천광역시", sigungu: "남동구", lat: 37.4473, lon: 126.7314, zipPrefix: "215", weight: 49 },
  { sido: "인천광역시", sigungu: "부평구", lat: 37.507, lon: 126.7219, zipPrefix: "213", weight: 48 },
  { sido: "부산광역시", sigungu: "해운대구", lat: 35.1631, lon: 129.1636, zipPrefix: "480", weight: 39 },
  { sido: "부산광역시", sigungu: "수영구", lat: 35.1456, lon: 129.1132, zipPrefix: "482", weight: 17 },
  { sido: "부산광역시", sigungu: "부산진구", lat: 35.1628, lon: 129.0531, zipPrefix: "472", weight: 36 },
  { sido: "부산광역시", sigungu: "동래구", lat: 35.2049, lon: 129.0837, zipPrefix: "478", weight: 27 },
  { sido: "대구광역시", sigungu: "수성구", lat: 35.8581, lon: 128.6306, zipPrefix: "420", weight: 41 },
  { sido: "대구광역시", sigungu: "달서구", lat: 35.8299, lon: 128.5327, zipPrefix: "426", weight: 53 },
  { sido: "대전광역시", sigungu: "유성구", lat: 36.3622, lon: 127.3562, zipPrefix: "341", weight: 35 },
  { sido: "대전광역시", sigungu: "서구", lat: 36.3554, lon: 127.3838, zipPrefix: "352", weight: 46 },
  { sido: "광주광역시", sigungu: "서구", lat: 35.152, lon: 126.8895, zipPrefix: "619", weight: 28 },
  { sido: "광주광역시", sigungu: "북구", lat: 35.1742, lon: 126.912, zipPrefix: "612", weight: 42 },
  { sido: "울산광역시", sigungu: "남구", lat: 35.5439, lon: 129.3302, zipPrefix: "446", weight: 31 },
  { sido: "세종특별자치시", sigungu: "세종시", lat: 36.4801, lon: 127.289, zipPrefix: "300", weight: 39 },
  { sido: "강원특별자치도", sigungu: "춘천시", lat: 37.8813, lon: 127.7298, zipPrefix: "243", weight: 29 },
  { sido: "충청북도", sigungu: "청주시 흥덕구", lat: 36.6424, lon: 127.4291, zipPrefix: "287", weight: 27 },
  { sido: "충청남도", sigungu: "천안시 서북구", lat: 36.878, lon: 127.1387, zipPrefix: "310", weight: 40 },
  { sido: "전북특별자치도", sigungu: "전주시 완산구", lat: 35.812, lon: 127.1198, zipPrefix: "549", weight: 35 },
  { sido: "전라남도", sigungu: "순천시", lat: 34.9506, lon: 127.4872, zipPrefix: "579", weight: 28 },
  { sido: "경상북도", sigungu: "포항시 남구", lat: 36.0089, lon: 129.359, zipPrefix: "376", weight: 24 },
  { sido: "경상남도", sigungu: "창원시 성산구", lat: 35.1983, lon: 128.7025, zipPrefix: "515", weight: 24 },
  { sido: "경상남도", sigungu: "김해시", lat: 35.2285, lon: 128.8894, zipPrefix: "509", weight: 53 },
  { sido: "제주특별자치도", sigungu: "제주시", lat: 33.4996, lon: 126.5312, zipPrefix: "632", weight: 49 },
];

export const ROADS: readonly string[] = [
  "중앙로",
  "시청로",
  "문화로",
  "희망로",
  "평화로",
  "은행나무길",
  "대학로",
  "번영로",
  "공원로",
  "역전로",
  "새마을로",
  "남부순환로",
  "동서대로",
  "한빛로",
  "푸른길",
  "솔빛로",
  "하늘길",
  "장미로",
  "벚꽃로",
  "상가길",
];

export const STORE_PREFIX: Record<Division, string> = { DPT: "단골백화점", MART: "단골마트", SM: "단골슈퍼" };

/** Which divisions sell a 소분류: D = department store, M = mart, S = supermarket. */
type Leaf = {
  code: string;
  ko: string;
  en: string;
  sold: string;
  items: readonly (readonly [string, string, number])[];
};
type Mid = { code: string; ko: string; en: string; children: readonly Leaf[] };
type Top = { code: string; ko: string; en: string; children: readonly Mid[] };

// Items are [name, brand, typical mart price in KRW].
// biome-ignore format: nested data reads best hand-aligned
export const CATEGORY_TREE: readonly Top[] = [
  { code: "10", ko: "신선식품", en: "Fresh food", children: [
    { code: "1010", ko: "과일", en: "Fruit", children: [
      { code: "101010", ko: "사과/배", en: "Apples & pears", sold: "DMS", items: [["부사 사과 3kg", "산지직송", 24900], ["신고배 5kg", "나주배원협", 32900], ["청송 꿀사과 2kg", "청송농협", 19900]] },
      { code: "101020", ko: "감귤/만감류", en: "Citrus", sold: "DMS", items: [["제주 감귤 2kg", "제주농협", 9900], ["한라봉 3kg", "제주농협", 29900]] },
      { code: "101030", ko: "수입과일", en: "Imported fruit", sold: "DMS", items: [["바나나 1송이", "돌", 3980], ["칠레산 적포도 1kg", "델몬트", 12900], ["뉴질랜드 키위 1kg", "제스프리", 11900]] },
    ] },
    { code: "1020", ko: "채소", en: "Vegetables", children: [
      { code: "102010", ko: "엽채류", en: "Leafy vegetables", sold: "MS", items: [["양상추 1통", "산지직송", 2480], ["깻잎 100g", "산지직송", 1980], ["시금치 1단", "산지직송", 2980]] },
      { code: "102020", ko: "근채류", en: "Root vegetables", sold: "MS", items: [["흙당근 1kg", "산지직송", 3980], ["감자 2kg", "산지직송", 6980], ["양파 3kg", "산지직송", 5980]] },
      { code: "102030", ko: "버섯", en: "Mushrooms", sold: "MS", items: [["새송이버섯 400g", "산지직송", 2980], ["표고버섯 300g", "산지직송", 5980]] },
    ] },
    { code: "1030", ko: "정육/수산", en: "Meat & seafood", children: [
      { code: "103010", ko: "육류", en: "Meat", sold: "DMS", items: [["국내산 삼겹살 1kg", "도드람", 26900], ["한우 불고기 300g", "단골정육", 15900], ["닭가슴살 1kg", "하림", 9900]] },
      { code: "103020", ko: "수산", en: "Seafood", sold: "DMS", items: [["노르웨이 고등어 2손", "바다마을", 9900], ["생물 오징어 2마리", "바다마을", 8900], ["손질 새우 500g", "바다마을", 14900]] },
      { code: "103030", ko: "계란", en: "Eggs", sold: "MS", items: [["무항생제 계란 30구", "풀무원", 8980], ["유정란 15구", "가농", 6480]] },
    ] },
  ] },
  { code: "20", ko: "가공식품", en: "Processed food", children: [
    { code: "2010", ko: "라면/면류", en: "Noodles", children: [
      { code: "201010", ko: "봉지라면", en: "Packet ramyeon", sold: "MS", items: [["신라면 5입", "농심", 4480], ["진라면 매운맛 5입", "오뚜기", 3980], ["짜파게티 5입", "농심", 4980]] },
      { code: "201020", ko: "컵라면", en: "Cup ramyeon", sold: "MS", items: [["육개장 사발면", "농심", 1300], ["진라면 컵 6입", "오뚜기", 5980]] },
    ] },
    { code: "2020", ko: "음료", en: "Beverages", children: [
      { code: "202010", ko: "생수", en: "Bottled water", sold: "MS", items: [["제주 삼다수 2L×6", "제주개발공사", 5880], ["아이시스 500ml", "롯데칠성", 600]] },
      { code: "202020", ko: "커피/차", en: "Coffee & tea", sold: "DMS", items: [["맥심 모카골드 100T", "동서식품", 15900], ["캔커피 175ml", "레쓰비", 1200], ["녹차 티백 50입", "오설록", 12000]] },
      { code: "202030", ko: "주스/탄산", en: "Juice & soda", sold: "MS", items: [["오렌지 주스 1.5L", "델몬트", 4280], ["콜라 1.5L", "코카콜라", 2980], ["사이다 1.5L", "칠성", 2780]] },
    ] },
    { code: "2030", ko: "과자/간식", en: "Snacks", children: [
      { code: "203010", ko: "스낵", en: "Chips", sold: "MS", items: [["포카칩 오리지널", "오리온", 2980], ["새우깡", "농심", 1500]] },
      { code: "203020", ko: "초콜릿/파이", en: "Chocolate & pies", sold: "DMS", items: [["초코파이 12입", "오리온", 4800], ["수제 초콜릿 박스", "쇼콜라티에", 32000]] },
    ] },
    { code: "2040", ko: "유제품", en: "Dairy", children: [
      { code: "204010", ko: "우유", en: "Milk", sold: "MS", items: [["서울우유 1L", "서울우유", 2980], ["저지방 우유 900ml", "매일유업", 2780]] },
      { code: "204020", ko: "요거트", en: "Yogurt", sold: "MS", items: [["플레인 요거트 4입", "빙그레", 3480], ["그릭요거트 400g", "풀무원", 6980]] },
    ] },
    { code: "2050", ko: "주류", en: "Alcohol", children: [
      { code: "205010", ko: "맥주", en: "Beer", sold: "MS", items: [["카스 500ml×6", "오비맥주", 11900], ["테라 355ml×6", "하이트진로", 9900]] },
      { code: "205020", ko: "와인", en: "Wine", sold: "DMS", items: [["칠레 까베르네 소비뇽", "몬테스", 19900], ["프랑스 보르도 레드", "샤토 라 로즈", 69000]] },
    ] },
  ] },
  { code: "30", ko: "생활용품", en: "Household goods", children: [
    { code: "3010", ko: "세제/청소", en: "Detergents & cleaning", children: [
      { code: "301010", ko: "세탁세제", en: "Laundry detergent", sold: "MS", items: [["액체세제 3L", "퍼실", 18900], ["섬유유연제 2.5L", "다우니", 12900]] },
      { code: "301020", ko: "주방세제", en: "Dish soap", sold: "MS", items: [["트리오 주방세제 1L", "애경", 4500], ["자연퐁 490ml", "LG생활건강", 3200]] },
    ] },
    { code: "3020", ko: "화장지/위생", en: "Paper & hygiene", children: [
      { code: "302010", ko: "화장지", en: "Toilet paper", sold: "MS", items: [["3겹 화장지 30롤", "깨끗한나라", 17900], ["키친타월 6롤", "유한킴벌리", 7900]] },
      { code: "302020", ko: "물티슈", en: "Wet wipes", sold: "MS", items: [["물티슈 100매", "몽드드", 2500], ["아기 물티슈 10팩", "베베숲", 19900]] },
    ] },
    { code: "3030", ko: "주방/리빙", en: "Kitchen & living", children: [
      { code: "303010", ko: "조리도구", en: "Cookware", sold: "DM", items: [["스테인리스 냄비 3종", "휘슬러", 189000], ["코팅 프라이팬 28cm", "해피콜", 39900]] },
      { code: "303020", ko: "침구", en: "Bedding", sold: "DM", items: [["구스다운 이불 Q", "알레르망", 459000], ["면 베개커버 2입", "데코뷰", 19900]] },
    ] },
  ] },
  { code: "40", ko: "패션", en: "Fashion", children: [
    { code: "4010", ko: "여성의류", en: "Womenswear", children: [
      { code: "401010", ko: "원피스", en: "Dresses", sold: "D", items: [["실크 플라워 원피스", "르봉", 459000], ["니트 원피스", "시스템", 329000]] },
      { code: "401020", ko: "아우터", en: "Outerwear", sold: "D", items: [["캐시미어 롱코트", "르봉", 1290000], ["트렌치코트", "타임", 690000]] },
    ] },
    { code: "4020", ko: "남성의류", en: "Menswear", children: [
      { code: "402010", ko: "정장", en: "Suits", sold: "D", items: [["울 싱글 정장", "마에스트로", 798000], ["네이비 수트", "갤럭시", 890000]] },
      { code: "402020", ko: "캐주얼", en: "Casual wear", sold: "DM", items: [["남성 기능성 티셔츠", "데이즈", 19900], ["옥스포드 셔츠", "빈폴", 129000]] },
    ] },
    { code: "4030", ko: "잡화", en: "Accessories", children: [
      { code: "403010", ko: "핸드백", en: "Handbags", sold: "D", items: [["레더 토트백", "루시엘", 890000], ["14\" 노트북 파우치", "쌤소나이트", 89000]] },
      { code: "403020", ko: "구두", en: "Shoes", sold: "D", items: [["여성 로퍼", "소노", 329000], ["남성 더비슈즈", "금강제화", 289000]] },
    ] },
  ] },
  { code: "50", ko: "가전", en: "Electronics", children: [
    { code: "5010", ko: "대형가전", en: "Large appliances", children: [
      { code: "501010", ko: "냉장고", en: "Refrigerators", sold: "DM", items: [["4도어 냉장고 870L", "삼성전자", 2890000], ["김치냉장고 490L", "딤채", 1890000]] },
      { code: "501020", ko: "세탁기", en: "Washing machines", sold: "DM", items: [["드럼 세탁기 24kg", "LG전자", 1590000], ["의류건조기 20kg", "삼성전자", 1390000]] },
    ] },
    { code: "5020", ko: "소형가전", en: "Small appliances", children: [
      { code: "502010", ko: "주방가전", en: "Kitchen appliances", sold: "DM", items: [["전기밥솥 6인용", "쿠쿠", 159000], ["에어프라이어 5.5L", "필립스", 129000]] },
      { code: "502020", ko: "생활가전", en: "Home appliances", sold: "DM", items: [["무선 청소기", "다이슨", 899000], ["가습기", "위닉스", 149000]] },
    ] },
  ] },
  { code: "60", ko: "뷰티", en: "Beauty", children: [
    { code: "6010", ko: "스킨케어", en: "Skincare", children: [
      { code: "601010", ko: "기초화장품", en: "Basic skincare", sold: "DM", items: [["윤조에센스 90ml", "설화수", 150000], ["수분크림 50ml", "라네즈", 38000]] },
      { code: "601020", ko: "선케어", en: "Sun care", sold: "DMS", items: [["선크림 SPF50+", "니베아", 12900], ["톤업 선크림", "헤라", 42000]] },
    ] },
    { code: "6020", ko: "메이크업", en: "Makeup", children: [
      { code: "602010", ko: "립", en: "Lips", sold: "D", items: [["루즈 홀릭 립스틱", "헤라", 45000], ["립 틴트", "입생로랑", 52000]] },
      { code: "602020", ko: "베이스", en: "Base makeup", sold: "D", items: [["블랙 쿠션 파운데이션", "헤라", 68000], ["더블웨어 파운데이션", "에스티로더", 85000]] },
    ] },
  ] },
  { code: "70", ko: "선물세트", en: "Gift sets", children: [
    { code: "7010", ko: "명절선물", en: "Holiday gift sets", children: [
      { code: "701010", ko: "정육선물", en: "Meat gift sets", sold: "DM", items: [["한우 1++ 등심 선물세트", "단골명품한우", 198000], ["한돈 구이 선물세트", "도드람", 79000]] },
      { code: "701020", ko: "과일선물", en: "Fruit gift sets", sold: "DM", items: [["나주 배 선물세트 7.5kg", "나주배원협", 89000], ["제주 한라봉 선물세트 3kg", "제주농협", 69000]] },
      { code: "701030", ko: "생활선물", en: "Household gift sets", sold: "MS", items: [["샴푸 선물세트", "LG생활건강", 29900], ["참치 선물세트", "동원", 39900], ["스팸 선물세트", "CJ제일제당", 45900]] },
    ] },
  ] },
];

/** Surnames with their share of the population (통계청) and a romanisation for e-mail handles. */
// biome-ignore format: table
export const SURNAMES: readonly (readonly [string, string, number])[] = [
  ["김", "kim", 21.5], ["이", "lee", 14.7], ["박", "park", 8.4], ["최", "choi", 4.7], ["정", "jung", 4.3],
  ["강", "kang", 2.4], ["조", "cho", 2.1], ["윤", "yoon", 2.1], ["장", "jang", 2.0], ["임", "lim", 1.7],
  ["한", "han", 1.5], ["오", "oh", 1.5], ["서", "seo", 1.5], ["신", "shin", 1.5], ["권", "kwon", 1.4],
  ["황", "hwang", 1.4], ["안", "ahn", 1.4], ["송", "song", 1.3], ["전", "jeon", 1.1], ["홍", "hong", 1.1],
  ["유", "yoo", 1.1], ["고", "ko", 0.9], ["문", "moon", 0.9], ["양", "yang", 0.8], ["손", "son", 0.9],
  ["배", "bae", 0.8], ["백", "baek", 0.7], ["허", "heo", 0.6], ["남", "nam", 0.6], ["노", "noh", 0.5],
];

// biome-ignore format: table
export const GIVEN_NAMES: Record<"M" | "F", readonly (readonly [string, string])[]> = {
  M: [
    ["민준", "minjun"], ["서준", "seojun"], ["도윤", "doyun"], ["예준", "yejun"], ["시우", "siwoo"], ["하준", "hajun"],
    ["지호", "jiho"], ["주원", "juwon"], ["지훈", "jihoon"], ["준서", "junseo"], ["건우", "gunwoo"], ["현우", "hyunwoo"],
    ["성민", "sungmin"], ["영수", "youngsoo"], ["영호", "youngho"], ["정훈", "junghoon"], ["상철", "sangchul"], ["동현", "donghyun"],
    ["재원", "jaewon"], ["승현", "seunghyun"], ["태희", "taehee"], ["병철", "byungchul"], ["광수", "kwangsoo"], ["진우", "jinwoo"],
  ],
  F: [
    ["서연", "seoyeon"], ["서윤", "seoyun"], ["지우", "jiwoo"], ["하은", "haeun"], ["민서", "minseo"], ["지유", "jiyu"],
    ["수빈", "subin"], ["지민", "jimin"], ["예은", "yeeun"], ["은지", "eunji"], ["혜진", "hyejin"], ["미영", "miyoung"],
    ["영희", "younghee"], ["정숙", "jungsook"], ["순자", "soonja"], ["미경", "mikyung"], ["은정", "eunjung"], ["소연", "soyeon"],
    ["유진", "yujin"], ["다은", "daeun"], ["수진", "sujin"], ["현정", "hyunjung"], ["경희", "kyunghee"], ["나래", "narae"],
  ],
};

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ["naver.com", 45],
  ["gmail.com", 25],
  ["daum.net", 12],
  ["kakao.com", 8],
  ["hanmail.net", 7],
  ["nate.com", 3],
];
