/**
 * What an IdentityIndex costs per member record and per match at a given scale, on synthetic
 * records shaped like the bench's (see docs/etl.md, "Memory"):
 *
 *   pnpm exec tsx --expose-gc packages/domain/src/identity/measure-index-memory.ts 1000000
 *
 * Records are made and upserted one at a time, so the heap growth is the index alone. Typed
 * arrays live outside the V8 heap: the per-record figure counts heapUsed plus arrayBuffers.
 */
import { IdentityIndex } from "./identity-index.ts";
import type { MemberRecord } from "./types.ts";

const SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"];
const GIVEN = ["민준", "서연", "지호", "하은", "도윤", "서윤", "시우", "지우", "주원", "하준", "지민", "수아", "예준"];
const CITIES = [
  "서울특별시 강남구",
  "부산광역시 해운대구",
  "경기도 성남시 분당구",
  "인천광역시 연수구",
  "대구광역시 수성구",
];
const ROADS = ["테헤란로", "중앙로", "해운대로", "판교역로", "센텀중앙로", "달구벌대로"];
const DOMAINS = ["naver.com", "gmail.com", "daum.net", "kakao.com"];
const DIVISIONS = ["DPT", "MART", "SM"] as const;

/** mulberry32: the same records on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Feed readers hand over flat strings (not concatenation trees): measure those. */
const flat = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function person(p: number) {
  const r = rng(p * 7919 + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const name = pick(SURNAMES) + pick(GIVEN);
  const phone = `010-${pad(1000 + Math.floor(r() * 9000), 4)}-${pad(Math.floor(r() * 10000), 4)}`;
  const birthDate = `${1950 + Math.floor(r() * 55)}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`;
  const email = `user${p}${Math.floor(r() * 100)}@${pick(DOMAINS)}`;
  const zip = pad(Math.floor(r() * 63000), 5);
  const address = `${pick(CITIES)} ${pick(ROADS)} ${1 + Math.floor(r() * 300)} ${100 + Math.floor(r() * 20)}동 ${100 + Math.floor(r() * 1500)}호`;
  let ciHash: string | null = null;
  if (r() < 0.7) {
    ciHash = "";
    for (let i = 0; i < 8; i++)
      ciHash += Math.floor(r() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
  }
  const gender = r() < 0.5 ? ("M" as const) : ("F" as const);
  return { name, phone, birthDate, email, zip, address, ciHash, gender };
}

function record(p: number, division: string, memberNo: string): MemberRecord {
  return { ...flat({ division, memberNo, ...person(p) }), changedAt: new Date(1_700_000_000_000 + p) };
}

function heap(): { heapUsed: number; arrayBuffers: number } {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

const n = Number(process.argv[2] ?? 1_000_000);
const matches = Number(process.argv[3] ?? 100_000);
if (!Number.isInteger(n) || n <= 0 || !Number.isInteger(matches) || matches < 0) {
  throw new Error("usage: measure-index-memory.ts [records] [matches]");
}
if (!globalThis.gc) console.warn("run with --expose-gc for a stable figure");
const people = Math.floor(n * 0.8);

const before = heap();
const started = performance.now();
const index = new IdentityIndex();
// Person i for the first 0.8 n records, then a second membership of an earlier person.
for (let i = 0; i < n; i++) {
  const p = i < people ? i : Math.floor(rng(i)() * people);
  index.upsert(String(1_000_000 + p), record(p, DIVISIONS[(i + (i < people ? 0 : 1)) % 3]!, `M${pad(i, 9)}`));
}
const built = performance.now() - started;
const after = heap();
const heapPer = (after.heapUsed - before.heapUsed) / n;
const buffersPer = (after.arrayBuffers - before.arrayBuffers) / n;

// Probes: new memberships of known people (some with a typo'd name) and of unknown people.
const probes: MemberRecord[] = [];
for (let j = 0; j < matches; j++) {
  const p = j % 4 === 3 ? people + j : Math.floor(rng(j + 13)() * people);
  const r = record(p, DIVISIONS[j % 3]!, `P${pad(j, 9)}`);
  probes.push(j % 5 === 0 ? { ...r, name: `${r.name!.slice(0, 2)}중` } : r);
}
const links = { known: 0, link: 0, new: 0 };
const matchStart = performance.now();
for (const probe of probes) links[index.match(probe).outcome]++;
const matchMs = performance.now() - matchStart;

console.log(
  JSON.stringify({
    records: n,
    size: index.size,
    buildSeconds: Math.round(built / 100) / 10,
    heapBytesPerRecord: Math.round(heapPer),
    arrayBufferBytesPerRecord: Math.round(buffersPer),
    bytesPerRecord: Math.round(heapPer + buffersPer),
    matches,
    msPerMatch: matches ? Math.round((matchMs / matches) * 1000) / 1000 : null,
    outcomes: links,
  }),
);
