/**
 * The demo retailer: ~200 customers across DPT / MART / SM, ~2,000 receipts over the last 12
 * months, points, tiers and consents, so every screen has something to show before the first
 * real delivery. Kept apart from the users module because the ETL issue replaces all of this
 * with the real load path; every demo receipt key starts with `DEMO-` so it can find them.
 *
 * Two halves: `buildDemoRetailer` is pure (a fixed-seed PRNG, no I/O, no Math.random) and
 * `seedDemoRetailer` writes its output idempotently (upserts for reference data, natural-key
 * `skipDuplicates` for the bulk rows, and per-customer extras only for customers it created).
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ConsentChannel, CustomerStatus, Gender, PointKind } from "../generated/prisma/enums.ts";
import { Random } from "./random.ts";
import {
  DEMO_PRODUCTS,
  DEMO_STORES,
  DEMO_TIERS,
  type DemoDivision,
  type DemoProductSpec,
  type DemoStoreSpec,
  FORMAT_OF,
  flattenCategories,
  REGIONS,
  SOURCE_SYSTEMS,
} from "./reference-data.ts";

export const DEMO_SEED = 0xda9601;
export const DEMO_RECEIPT_PREFIX = "DEMO-";
const CREATED_BY = "seed:demo";

// ─── Dates (Asia/Seoul has no DST: a fixed +09:00) ─────────────────────────────────────────

const SEOUL_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;

/** The Asia/Seoul calendar day of an instant, `YYYY-MM-DD`. */
export function seoulDay(instant: Date): string {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `@db.Date` value for a `YYYY-MM-DD` day. */
export function dateOnly(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function addDays(day: string, days: number): string {
  return new Date(dateOnly(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function seoulInstant(day: string, hour: number, minute: number, second: number): Date {
  return new Date(dateOnly(day).getTime() + ((hour * 60 + minute) * 60 + second) * 1000 - SEOUL_OFFSET_MS);
}

function firstOfMonth(day: string, monthsBack = 0): string {
  const d = dateOnly(day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
}

/** Points earned on `day` expire at the end of the month 24 months later. */
export function pointsExpiryFor(day: string): string {
  const d = dateOnly(day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 25, 0)).toISOString().slice(0, 10);
}

// ─── What the builder produces ─────────────────────────────────────────────────────────────

export interface DemoLink {
  sourceCode: DemoDivision;
  memberNo: string;
  cardNo: string;
  joinedStoreCode: string | null;
  joinedOn: string | null;
  inferred: boolean;
  withdrawnAt: Date | null;
}

export interface DemoConsentEvent {
  channel: ConsentChannel;
  granted: boolean;
  changedAt: Date;
  source: string;
  sourceRef: string | null;
}

export interface DemoCustomer {
  /** Stable within the demo (`C0001`…), not stored: customers are found again by their links. */
  key: string;
  status: CustomerStatus;
  name: string | null;
  phone: string | null;
  email: string | null;
  birthDate: string | null;
  gender: Gender | null;
  zip: string | null;
  addressText: string | null;
  sido: string | null;
  sigungu: string | null;
  joinedOn: string | null;
  ciHash: string | null;
  erasedAt: Date | null;
  links: DemoLink[];
  consentEvents: DemoConsentEvent[];
  /** Survivorship trail rows (an older address another division still had). */
  attributeChanges: {
    field: string;
    oldValue: string | null;
    newValue: string | null;
    sourceCode: DemoDivision;
    changedAt: Date;
  }[];
  tiers: {
    tierCode: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    spend: bigint;
    visits: number;
    reason: string;
  }[];
}

export interface DemoLine {
  lineNo: number;
  productCode: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  amount: number;
}

export interface DemoReceipt {
  sourceCode: DemoDivision;
  key: string;
  storeCode: string;
  posNo: string;
  customerKey: string | null;
  memberNo: string | null;
  cardNo: string | null;
  soldAt: Date;
  businessDate: string;
  type: "SALE" | "RETURN";
  originalKey: string | null;
  lines: DemoLine[];
  pointsEarned: number;
  pointsUsed: number;
  couponCodes: string[];
}

export interface DemoRetailer {
  asOf: Date;
  customers: DemoCustomer[];
  receipts: DemoReceipt[];
}

export interface DemoRetailerOptions {
  /** "Today" for the demo; receipts cover the 365 days before it. Default: now. */
  asOf?: Date;
  customers?: number;
  /** Sales receipts; about 3% more are returns. */
  receipts?: number;
  seed?: number;
}

// ─── Names, phones, addresses ──────────────────────────────────────────────────────────────

// Surname frequencies (percent of the population, 2015 census), the top twenty.
// biome-ignore format: a table
const SURNAMES: readonly (readonly [string, number])[] = [
  ["김", 21.5], ["이", 14.7], ["박", 8.4], ["최", 4.7], ["정", 4.3], ["강", 2.4], ["조", 2.1], ["윤", 2.1],
  ["장", 2.0], ["임", 1.7], ["한", 1.5], ["오", 1.5], ["서", 1.5], ["신", 1.4], ["권", 1.4], ["황", 1.4],
  ["안", 1.4], ["송", 1.3], ["류", 1.2], ["홍", 1.1],
];
const GIVEN = {
  FEMALE: {
    older: ["영희", "미경", "은정", "혜진", "정숙", "순자", "지영", "미영", "현주", "수진", "경희", "선영"],
    younger: ["서연", "지우", "하은", "민서", "수아", "지민", "예린", "채원", "서윤", "유진", "다은", "소연"],
  },
  MALE: {
    older: ["철수", "영수", "정호", "상훈", "성민", "동현", "재훈", "민수", "광수", "준호", "진우", "병철"],
    younger: ["민준", "도윤", "예준", "시우", "주원", "하준", "지호", "건우", "현우", "우진", "태윤", "승민"],
  },
} as const;
const ROADS = ["중앙로", "시민로", "공원로", "문화로", "대학로", "번영로", "새마을로", "학교길", "역전로", "강변로"];
const HANDLES = ["sky", "happy", "minji", "blue", "star", "sunny", "dream", "ocean", "lucky", "green", "moon", "river"];
const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"];

const STORE_HOURS: Record<DemoDivision, readonly [number, number]> = { DPT: [10, 20], MART: [10, 22], SM: [8, 22] };
const EARN_RATE: Record<DemoDivision, number> = { DPT: 0.01, MART: 0.005, SM: 0.003 };
const MEMBER_NO = {
  DPT: (n: number) => `D${String(900_000_000 + n).padStart(9, "0")}`,
  MART: (n: number) => `M${String(700_000_000 + n)}`,
  SM: (n: number) => `SM${String(50_000_000 + n)}`,
} satisfies Record<DemoDivision, (n: number) => string>;
const CARD_PREFIX: Record<DemoDivision, string> = { DPT: "9410", MART: "9420", SM: "9430" };
const CONSENT_RATE: Record<ConsentChannel, number> = { SMS: 0.65, EMAIL: 0.5, DM: 0.3, TM: 0.2, NIGHT: 0.12 };
const CHANNELS: readonly ConsentChannel[] = ["SMS", "EMAIL", "DM", "TM", "NIGHT"];

function fakeCiHash(rng: Random): string {
  // A CI is 88 characters of Base64 (66 bytes); Dangol stores only its sha-256.
  const ci = Buffer.from(rng.bytes(66)).toString("base64");
  return createHash("sha256").update(ci).digest("hex");
}

// ─── The builder ───────────────────────────────────────────────────────────────────────────

/** Generates the demo retailer deterministically (same seed and asOf → same data). */
export function buildDemoRetailer(options: DemoRetailerOptions = {}): DemoRetailer {
  const asOf = options.asOf ?? new Date();
  const today = seoulDay(asOf);
  const rng = new Random(options.seed ?? DEMO_SEED);
  const customers = buildCustomers(rng, options.customers ?? 200, today);
  const receipts = buildReceipts(rng, customers, options.receipts ?? 2000, today);
  assignTiers(customers, receipts, today);
  return { asOf, customers, receipts };
}

function buildCustomers(rng: Random, count: number, today: string): DemoCustomer[] {
  const phones = new Set<string>();
  const out: DemoCustomer[] = [];
  const counters: Record<DemoDivision, number> = { DPT: 0, MART: 0, SM: 0 };
  const storeSidos = new Set(DEMO_STORES.map((s) => s.sido));
  const regionWeights = REGIONS.map((r) => [r, storeSidos.has(r.sido) ? 3 : 1] as const);

  for (let i = 0; i < count; i++) {
    const key = `C${String(i + 1).padStart(4, "0")}`;
    const status: CustomerStatus = i % 50 === 49 ? "INFERRED" : i % 67 === 13 ? "WITHDRAWN" : "ACTIVE";
    const region = rng.weighted(regionWeights);
    const gender: Gender = rng.chance(0.56) ? "FEMALE" : "MALE";
    const birthYear = rng.int(1948, 2004);
    const birthDate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
    const given = GIVEN[gender][birthYear < 1982 ? "older" : "younger"];
    const name = `${rng.weighted(SURNAMES)}${rng.pick(given)}`;

    // Mobile numbers, unique; every 40th customer shares the last four digits with the one before
    // (so the store lookup has an ambiguous case to show).
    let phone: string | null = null;
    if (!rng.chance(0.02)) {
      const previousLast4 = out[i - 1]?.phone?.slice(-4);
      do {
        const last4 = i % 40 === 7 && previousLast4 ? previousLast4 : rng.digits(4);
        phone = `010-${rng.int(2000, 9999)}-${last4}`;
      } while (phones.has(phone));
      phones.add(phone);
    }
    const email = rng.chance(0.6) ? `${rng.pick(HANDLES)}${i + 1}${rng.digits(2)}@${rng.pick(EMAIL_DOMAINS)}` : null;
    const zip = `${region.zipPrefix}${rng.digits(2)}`;
    const addressText =
      `${region.sido} ${region.sigungu} ${rng.pick(ROADS)} ${rng.int(1, 300)}` +
      (rng.chance(0.6) ? `, ${rng.int(101, 120)}동 ${rng.int(1, 25)}0${rng.int(1, 4)}호` : "");
    const joinedOn = addDays(today, -rng.int(30, 3650));
    const ciHash = rng.chance(0.75) ? fakeCiHash(rng) : null;

    // Memberships: nearby divisions are likelier; one to three of them.
    const nearby = (["DPT", "MART", "SM"] as const).map(
      (d) => [d, DEMO_STORES.some((s) => s.sourceCode === d && s.sido === region.sido) ? 3 : 1] as const,
    );
    const divisionCount =
      status === "INFERRED"
        ? 1
        : rng.weighted([
            [1, 0.55],
            [2, 0.33],
            [3, 0.12],
          ] as const);
    const divisions: DemoDivision[] = [];
    while (divisions.length < divisionCount) {
      const d = rng.weighted(nearby.filter(([x]) => !divisions.includes(x)));
      divisions.push(d);
    }
    const withdrawnAt = status === "WITHDRAWN" ? seoulInstant(addDays(today, -rng.int(10, 150)), 11, 0, 0) : null;
    const links: DemoLink[] = divisions.map((d, n) => {
      counters[d] += 1;
      const stores = DEMO_STORES.filter((s) => s.sourceCode === d);
      const near = stores.filter((s) => s.sido === region.sido);
      return {
        sourceCode: d,
        memberNo: MEMBER_NO[d](counters[d]),
        cardNo: `${CARD_PREFIX[d]}${String(100_000_000_000 + i * 3 + n).slice(0, 12)}`,
        joinedStoreCode: status === "INFERRED" ? null : rng.pick(near.length ? near : stores).code,
        joinedOn: status === "INFERRED" ? null : n === 0 ? joinedOn : addDays(joinedOn, rng.int(0, 900)),
        inferred: status === "INFERRED",
        withdrawnAt,
      };
    });
    for (const link of links) if (link.joinedOn && link.joinedOn > today) link.joinedOn = today;

    const consentEvents: DemoConsentEvent[] = [];
    const attributeChanges: DemoCustomer["attributeChanges"] = [];
    if (status === "ACTIVE") {
      const first = links[0]!;
      const at = seoulInstant(first.joinedOn!, rng.int(10, 20), rng.int(0, 59), rng.int(0, 59));
      for (const channel of CHANNELS) {
        if (channel === "EMAIL" && !email) continue;
        const granted = rng.chance(CONSENT_RATE[channel]);
        consentEvents.push({ channel, granted, changedAt: at, source: first.sourceCode, sourceRef: first.memberNo });
      }
      // Some later changes: an unsubscribe link, a 080 opt-out call, a change at the counter.
      if (rng.chance(0.2)) {
        const channel = rng.pick(["SMS", "EMAIL", "NIGHT"] as const);
        if (channel !== "EMAIL" || email) {
          const later = seoulInstant(addDays(today, -rng.int(1, 200)), rng.int(9, 21), rng.int(0, 59), 0);
          const source = channel === "EMAIL" ? "UNSUBSCRIBE" : rng.pick(["OPTOUT_080", "DANGOL_STORE"]);
          const granted = source === "DANGOL_STORE";
          if (later > at) consentEvents.push({ channel, granted, changedAt: later, source, sourceRef: null });
        }
      }
      if (links.length > 1 && rng.chance(0.3)) {
        const old = REGIONS[rng.int(0, REGIONS.length - 1)]!;
        attributeChanges.push({
          field: "addressText",
          oldValue: `${old.sido} ${old.sigungu} ${rng.pick(ROADS)} ${rng.int(1, 300)}`,
          newValue: addressText,
          sourceCode: links[1]!.sourceCode,
          changedAt: seoulInstant(links[1]!.joinedOn ?? today, 3, 0, 0),
        });
      }
    }

    const active = status === "ACTIVE";
    out.push({
      key,
      status,
      name: active ? name : null,
      phone: active ? phone : null,
      email: active ? email : null,
      birthDate: active && rng.chance(0.9) ? birthDate : null,
      gender: active ? gender : null,
      zip: active ? zip : null,
      addressText: active ? addressText : null,
      sido: active ? region.sido : null,
      sigungu: active ? region.sigungu : null,
      joinedOn: active ? joinedOn : null,
      ciHash: active ? ciHash : null,
      erasedAt: withdrawnAt,
      links,
      consentEvents,
      attributeChanges,
      tiers: [],
    });
  }
  return out;
}

function productsOf(division: DemoDivision): DemoProductSpec[] {
  return DEMO_PRODUCTS.filter((p) => p.sourceCode === division);
}

function buildLines(rng: Random, division: DemoDivision): DemoLine[] {
  const products = productsOf(division);
  const [minLines, maxLines] = division === "DPT" ? [1, 3] : division === "MART" ? [3, 8] : [1, 6];
  // Big-ticket items (appliances) are in one basket in ten.
  const ceiling = division === "DPT" ? 1_500_000 : 100_000;
  const chosen = rng.sample(
    division !== "SM" && rng.chance(0.9) ? products.filter((p) => p.listPrice < ceiling) : products,
    rng.int(minLines, maxLines),
  );
  return chosen.map((product, n) => {
    const bulky = product.listPrice >= 100_000;
    const quantity =
      division === "DPT" ? (bulky ? 1 : rng.int(1, 2)) : bulky ? 1 : rng.int(1, division === "MART" ? 4 : 3);
    const gross = quantity * product.listPrice;
    let discount = 0;
    if (division === "DPT" && rng.chance(0.3)) discount = Math.round((gross * rng.int(5, 20)) / 100 / 1000) * 1000;
    else if (division === "MART" && rng.chance(0.2)) discount = Math.round((gross * 0.1) / 10) * 10;
    else if (division === "SM" && rng.chance(0.1)) discount = Math.min(gross - 100, rng.int(1, 5) * 100);
    return {
      lineNo: n + 1,
      productCode: product.code,
      quantity,
      unitPrice: product.listPrice,
      discount,
      amount: gross - discount,
    };
  });
}

function buildReceipts(rng: Random, customers: DemoCustomer[], salesCount: number, today: string): DemoReceipt[] {
  const byDivision = new Map<DemoDivision, DemoCustomer[]>();
  for (const division of ["DPT", "MART", "SM"] as const) {
    byDivision.set(
      division,
      customers.filter((c) => c.links.some((l) => l.sourceCode === division)),
    );
  }
  type Draft = Omit<DemoReceipt, "key" | "originalKey"> & { original?: Draft; key?: string };
  const drafts: Draft[] = [];

  for (let i = 0; i < salesCount; i++) {
    const division = rng.weighted([
      ["DPT", 0.22],
      ["MART", 0.4],
      ["SM", 0.38],
    ] as const);
    const member = rng.chance(0.85) ? rng.pick(byDivision.get(division)!) : null;
    const stores = DEMO_STORES.filter((s) => s.sourceCode === division);
    const near = member?.sido ? stores.filter((s) => s.sido === member.sido) : [];
    const store: DemoStoreSpec = near.length && rng.chance(0.75) ? rng.pick(near) : rng.pick(stores);
    const day = addDays(today, -rng.int(1, 365));
    const [open, close] = STORE_HOURS[division];
    const soldAt = seoulInstant(day, rng.int(open, close - 1), rng.int(0, 59), rng.int(0, 59));
    const link = member?.links.find((l) => l.sourceCode === division);
    // A withdrawn member's earlier sales are kept anonymous; none after the withdrawal.
    const identified = member && link && member.status !== "WITHDRAWN" ? { member, link } : null;
    drafts.push({
      sourceCode: division,
      storeCode: store.code,
      posNo:
        division === "DPT"
          ? String(rng.int(1, 40)).padStart(3, "0")
          : division === "MART"
            ? String(rng.int(1, 30)).padStart(2, "0")
            : String(rng.int(1, 6)),
      customerKey: identified?.member.key ?? null,
      memberNo: identified && division !== "SM" ? identified.link.memberNo : null,
      cardNo: identified && division === "SM" ? identified.link.cardNo : null,
      soldAt,
      businessDate: seoulDay(soldAt),
      type: "SALE",
      lines: buildLines(rng, division),
      pointsEarned: 0,
      pointsUsed: 0,
      couponCodes: rng.chance(0.05) ? [rng.pick(["CPN-WELCOME5", "CPN-SEASON10", "CPN-BIRTHDAY"])] : [],
    });
  }

  // Returns: about 3% of sales come back within ten days, whole lines at a time.
  for (const sale of [...drafts]) {
    if (!rng.chance(0.03)) continue;
    const returnedAt = new Date(sale.soldAt.getTime() + rng.int(1, 10) * DAY_MS + rng.int(-3, 3) * 3600_000);
    if (seoulDay(returnedAt) >= today) continue;
    const lines = rng.chance(0.5) ? sale.lines : [rng.pick(sale.lines)];
    drafts.push({
      ...sale,
      soldAt: returnedAt,
      businessDate: seoulDay(returnedAt),
      type: "RETURN",
      original: sale,
      lines: lines.map((l, n) => ({
        lineNo: n + 1,
        productCode: l.productCode,
        quantity: -l.quantity,
        unitPrice: l.unitPrice,
        discount: -l.discount,
        amount: -l.amount,
      })),
      couponCodes: [],
    });
  }

  // Chronological order: keys, then points (a burn needs the balance earned before it).
  drafts.sort(
    (a, b) => a.soldAt.getTime() - b.soldAt.getTime() || (a.type === b.type ? 0 : a.type === "SALE" ? -1 : 1),
  );
  const seq: Record<DemoDivision, number> = { DPT: 0, MART: 0, SM: 0 };
  const balance = new Map<string, number>();
  for (const draft of drafts) {
    seq[draft.sourceCode] += 1;
    draft.key = `${DEMO_RECEIPT_PREFIX}${draft.sourceCode}-${String(seq[draft.sourceCode]).padStart(6, "0")}`;
    if (!draft.customerKey) continue;
    const net = draft.lines.reduce((sum, l) => sum + l.amount, 0);
    let current = balance.get(draft.customerKey) ?? 0;
    if (draft.type === "SALE") {
      if (current >= 1000 && rng.chance(0.12)) {
        draft.pointsUsed = Math.min(current, rng.int(10, 50) * 100);
        current -= draft.pointsUsed;
      }
      draft.pointsEarned = Math.floor(net * EARN_RATE[draft.sourceCode]);
      current += draft.pointsEarned;
    } else {
      const original = draft.original!;
      const originalNet = original.lines.reduce((sum, l) => sum + l.amount, 0);
      draft.pointsEarned = originalNet > 0 ? -Math.floor((original.pointsEarned * -net) / originalNet) : 0;
      current += draft.pointsEarned;
    }
    balance.set(draft.customerKey, current);
  }

  return drafts.map(({ original, key, ...rest }) => ({ ...rest, key: key!, originalKey: original?.key ?? null }));
}

function assignTiers(customers: DemoCustomer[], receipts: DemoReceipt[], today: string): void {
  const tiersByRank = [...DEMO_TIERS].sort((a, b) => b.rank - a.rank);
  const evaluate = (customerKey: string, periodStart: string) => {
    const windowStart = addDays(periodStart, -365);
    let spend = 0n;
    const days = new Set<string>();
    for (const r of receipts) {
      if (r.customerKey !== customerKey || r.businessDate < windowStart || r.businessDate >= periodStart) continue;
      spend += BigInt(r.lines.reduce((sum, l) => sum + l.amount, 0));
      if (r.type === "SALE") days.add(r.businessDate);
    }
    const tier = tiersByRank.find((t) => spend >= t.minSpend && days.size >= t.minVisits) ?? tiersByRank.at(-1)!;
    return { tierCode: tier.code, spend, visits: days.size };
  };
  const previous = firstOfMonth(today, 6);
  const current = firstOfMonth(today);
  const reason = (from: string) => `demo evaluation: spend and visits in the 12 months before ${from}`;
  for (const customer of customers) {
    if (customer.status !== "ACTIVE") continue;
    const a = evaluate(customer.key, previous);
    const b = evaluate(customer.key, current);
    if (a.tierCode === b.tierCode) {
      customer.tiers = [{ ...a, effectiveFrom: previous, effectiveTo: null, reason: reason(previous) }];
    } else {
      customer.tiers = [
        { ...a, effectiveFrom: previous, effectiveTo: addDays(current, -1), reason: reason(previous) },
        { ...b, effectiveFrom: current, effectiveTo: null, reason: reason(current) },
      ];
    }
  }
}

// ─── Points: oldest earns first ────────────────────────────────────────────────────────────

export interface LedgerEntry {
  id: bigint;
  customerId: bigint;
  kind: PointKind;
  points: number;
  occurredOn: Date;
  expiresOn: Date | null;
  /** For a return's take-back: the earn entry it takes back first. */
  preferredEarnId?: bigint | null;
}

/**
 * Allocates every negative entry to the earns it consumes: the preferred earn first (a return
 * takes back its own sale's points), then the oldest unexpired earns. What cannot be allocated
 * stays unallocated (a negative balance). Demo helper; the points job owns the real rule.
 */
export function allocatePointsFifo(
  entries: LedgerEntry[],
): { debitEntryId: bigint; earnEntryId: bigint; points: number }[] {
  const out: { debitEntryId: bigint; earnEntryId: bigint; points: number }[] = [];
  const byCustomer = new Map<bigint, LedgerEntry[]>();
  for (const e of entries) byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e]);
  for (const list of byCustomer.values()) {
    list.sort((a, b) => a.occurredOn.getTime() - b.occurredOn.getTime() || Number(a.id - b.id));
    const lots: { id: bigint; remaining: number; expiresOn: Date | null }[] = [];
    for (const entry of list) {
      if (entry.points > 0) {
        lots.push({ id: entry.id, remaining: entry.points, expiresOn: entry.expiresOn });
        continue;
      }
      let need = -entry.points;
      const usable = lots.filter((l) => l.remaining > 0 && (!l.expiresOn || l.expiresOn >= entry.occurredOn));
      const preferred = usable.find((l) => l.id === entry.preferredEarnId);
      for (const lot of preferred ? [preferred, ...usable.filter((l) => l !== preferred)] : usable) {
        if (need === 0) break;
        const take = Math.min(need, lot.remaining);
        lot.remaining -= take;
        need -= take;
        out.push({ debitEntryId: entry.id, earnEntryId: lot.id, points: take });
      }
    }
  }
  return out;
}

// ─── The writer ────────────────────────────────────────────────────────────────────────────

export interface SeedDemoRetailerResult {
  storeIds: Map<string, number>;
  customersCreated: number;
  receiptsCreated: number;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function reserveIds(prisma: PrismaClient, table: "customer" | "receipt", count: number): Promise<bigint[]> {
  if (count === 0) return [];
  // Table names are constants, not input; $queryRawUnsafe only because a table name cannot be a parameter.
  const rows = await prisma.$queryRawUnsafe<{ id: bigint }[]>(
    `SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id FROM generate_series(1, $1::int)`,
    count,
  );
  return rows.map((r) => BigInt(r.id));
}

export const storeRefKey = (sourceCode: string, code: string) => `${sourceCode}:${code}`;

/** Source systems, regions, stores, categories, products and tiers (all upserts). */
export async function seedReferenceData(prisma: PrismaClient): Promise<Map<string, number>> {
  for (const s of SOURCE_SYSTEMS) {
    await prisma.sourceSystem.upsert({
      where: { code: s.code },
      create: { code: s.code, name: s.name, format: s.format },
      update: { name: s.name, format: s.format },
    });
  }
  await prisma.region.createMany({
    data: REGIONS.map(({ sido, sigungu, lat, lon }) => ({ sido, sigungu, lat, lon })),
    skipDuplicates: true,
  });
  const storeIds = new Map<string, number>();
  for (const s of DEMO_STORES) {
    const data = {
      name: s.name,
      format: FORMAT_OF[s.sourceCode],
      sido: s.sido,
      sigungu: s.sigungu,
      openedOn: dateOnly(s.openedOn),
      lat: s.lat,
      lon: s.lon,
    };
    const store = await prisma.store.upsert({
      where: { sourceCode_code: { sourceCode: s.sourceCode, code: s.code } },
      create: { sourceCode: s.sourceCode, code: s.code, ...data },
      update: data,
      select: { id: true },
    });
    storeIds.set(storeRefKey(s.sourceCode, s.code), store.id);
  }
  for (const c of flattenCategories()) {
    await prisma.category.upsert({ where: { code: c.code }, create: c, update: c });
  }
  const maps = new Map<string, DemoProductSpec>();
  for (const p of DEMO_PRODUCTS) maps.set(`${p.sourceCode}|${p.sourceCategoryCode}`, p);
  for (const p of maps.values()) {
    await prisma.categoryMap.upsert({
      where: { sourceCode_sourceCategoryCode: { sourceCode: p.sourceCode, sourceCategoryCode: p.sourceCategoryCode } },
      create: { sourceCode: p.sourceCode, sourceCategoryCode: p.sourceCategoryCode, categoryCode: p.categoryCode },
      update: { categoryCode: p.categoryCode },
    });
  }
  for (const p of DEMO_PRODUCTS) {
    const data = {
      name: p.name,
      brand: p.brand,
      sourceCategoryCode: p.sourceCategoryCode,
      listPrice: p.listPrice,
      categoryCode: p.categoryCode,
    };
    await prisma.product.upsert({
      where: { sourceCode_code: { sourceCode: p.sourceCode, code: p.code } },
      create: { sourceCode: p.sourceCode, code: p.code, ...data },
      update: data,
    });
  }
  for (const t of DEMO_TIERS) {
    const { code, ...data } = t;
    await prisma.tier.upsert({ where: { code }, create: t, update: data });
  }
  return storeIds;
}

/**
 * Writes the demo retailer. Idempotent: reference data is upserted; customers are recognised by
 * their (division, member number) links and only missing ones are created (with their consents,
 * history and tiers); receipts, lines, point entries and allocations use their natural keys
 * with skipDuplicates. Running it again on a later day adds nothing.
 */
export async function seedDemoRetailer(
  prisma: PrismaClient,
  options: DemoRetailerOptions & { log?: (line: string) => void } = {},
): Promise<SeedDemoRetailerResult> {
  const log = options.log ?? (() => {});
  const demo = buildDemoRetailer(options);
  const storeIds = await seedReferenceData(prisma);
  log(`reference data: ${SOURCE_SYSTEMS.length} divisions, ${storeIds.size} stores, ${DEMO_PRODUCTS.length} products`);

  // Customers, found again through their first link.
  const firstLinks = demo.customers.map((c) => c.links[0]!);
  const existing = await prisma.customerSourceLink.findMany({
    where: { memberNo: { in: firstLinks.map((l) => l.memberNo) } },
    select: { sourceCode: true, memberNo: true, customerId: true },
  });
  const existingByLink = new Map(existing.map((l) => [`${l.sourceCode}|${l.memberNo}`, l.customerId]));
  const customerIds = new Map<string, bigint>();
  const fresh: DemoCustomer[] = [];
  for (const c of demo.customers) {
    const id = existingByLink.get(`${c.links[0]!.sourceCode}|${c.links[0]!.memberNo}`);
    if (id === undefined) fresh.push(c);
    else customerIds.set(c.key, id);
  }
  const freshIds = await reserveIds(prisma, "customer", fresh.length);
  for (const [n, c] of fresh.entries()) customerIds.set(c.key, freshIds[n]!);
  const idOf = (key: string) => customerIds.get(key)!;

  if (fresh.length > 0) {
    await prisma.customer.createMany({
      data: fresh.map((c) => ({
        id: idOf(c.key),
        status: c.status,
        name: c.name,
        phone: c.phone,
        phoneLast4: c.phone ? c.phone.replace(/\D/g, "").slice(-4) : null,
        email: c.email,
        birthDate: c.birthDate ? dateOnly(c.birthDate) : null,
        gender: c.gender,
        zip: c.zip,
        addressText: c.addressText,
        sido: c.sido,
        sigungu: c.sigungu,
        joinedOn: c.joinedOn ? dateOnly(c.joinedOn) : null,
        ciHash: c.ciHash,
        erasedAt: c.erasedAt,
      })),
    });
  }
  await prisma.customerSourceLink.createMany({
    data: demo.customers.flatMap((c) =>
      c.links.map((l) => {
        const profile = c.status === "ACTIVE";
        return {
          sourceCode: l.sourceCode,
          memberNo: l.memberNo,
          cardNo: l.cardNo,
          customerId: idOf(c.key),
          joinedStoreId: l.joinedStoreCode ? storeIds.get(storeRefKey(l.sourceCode, l.joinedStoreCode)) : null,
          joinedOn: l.joinedOn ? dateOnly(l.joinedOn) : null,
          name: profile ? c.name : null,
          phone: profile ? c.phone : null,
          email: profile ? c.email : null,
          birthDate: profile && c.birthDate ? dateOnly(c.birthDate) : null,
          gender: profile ? c.gender : null,
          zip: profile ? c.zip : null,
          addressText: profile ? c.addressText : null,
          ciHash: profile ? c.ciHash : null,
          inferred: l.inferred,
          withdrawnAt: l.withdrawnAt,
        };
      }),
    ),
    skipDuplicates: true,
  });

  // Append-only rows without a natural key: only for customers created in this run.
  const consentRows = fresh.flatMap((c) => c.consentEvents.map((e) => ({ customerId: idOf(c.key), ...e })));
  if (consentRows.length > 0) await prisma.consentEvent.createMany({ data: consentRows });
  const current = new Map<string, (typeof consentRows)[number]>();
  for (const e of consentRows) {
    const k = `${e.customerId}|${e.channel}`;
    const seen = current.get(k);
    if (!seen || seen.changedAt <= e.changedAt) current.set(k, e);
  }
  if (current.size > 0)
    await prisma.customerConsent.createMany({
      data: [...current.values()].map((e) => ({
        customerId: e.customerId,
        channel: e.channel,
        granted: e.granted,
        changedAt: e.changedAt,
        source: e.source,
      })),
      skipDuplicates: true,
    });
  const historyRows = fresh.flatMap((c) => c.attributeChanges.map((h) => ({ customerId: idOf(c.key), ...h })));
  if (historyRows.length > 0) await prisma.customerAttributeHistory.createMany({ data: historyRows });
  await prisma.customerTierHistory.createMany({
    data: fresh.flatMap((c) =>
      c.tiers.map((t) => ({
        customerId: idOf(c.key),
        tierCode: t.tierCode,
        effectiveFrom: dateOnly(t.effectiveFrom),
        effectiveTo: t.effectiveTo ? dateOnly(t.effectiveTo) : null,
        evaluatedAt: seoulInstant(t.effectiveFrom, 2, 0, 0),
        spend: t.spend,
        visits: t.visits,
        reason: t.reason,
      })),
    ),
    skipDuplicates: true,
  });
  log(`customers: ${fresh.length} created, ${demo.customers.length - fresh.length} already there`);

  // Receipts: keep the ids of those already loaded, reserve ids for the rest.
  const known = await prisma.receipt.findMany({
    where: { sourceReceiptKey: { startsWith: DEMO_RECEIPT_PREFIX } },
    select: { id: true, sourceCode: true, sourceReceiptKey: true },
  });
  const receiptIds = new Map(known.map((r) => [`${r.sourceCode}|${r.sourceReceiptKey}`, r.id]));
  const newReceipts = demo.receipts.filter((r) => !receiptIds.has(`${r.sourceCode}|${r.key}`));
  const newIds = await reserveIds(prisma, "receipt", newReceipts.length);
  for (const [n, r] of newReceipts.entries()) receiptIds.set(`${r.sourceCode}|${r.key}`, newIds[n]!);
  const receiptId = (r: { sourceCode: string; key: string }) => receiptIds.get(`${r.sourceCode}|${r.key}`)!;

  const products = await prisma.product.findMany({
    where: { sourceCode: { in: ["DPT", "MART", "SM"] } },
    select: { id: true, sourceCode: true, code: true, categoryCode: true },
  });
  const productByCode = new Map(products.map((p) => [`${p.sourceCode}|${p.code}`, p]));

  // Chronological order puts every original sale in an earlier (or the same) statement.
  for (const batch of chunks(newReceipts, 1000)) {
    await prisma.receipt.createMany({
      data: batch.map((r) => ({
        id: receiptId(r),
        sourceCode: r.sourceCode,
        sourceReceiptKey: r.key,
        storeId: storeIds.get(storeRefKey(r.sourceCode, r.storeCode))!,
        posNo: r.posNo,
        customerId: r.customerKey ? idOf(r.customerKey) : null,
        sourceMemberNo: r.memberNo,
        sourceCardNo: r.cardNo,
        soldAt: r.soldAt,
        businessDate: dateOnly(r.businessDate),
        type: r.type,
        originalReceiptKey: r.originalKey,
        originalReceiptId: r.originalKey ? receiptId({ sourceCode: r.sourceCode, key: r.originalKey }) : null,
        netAmount: r.lines.reduce((sum, l) => sum + l.amount, 0),
        discountAmount: r.lines.reduce((sum, l) => sum + l.discount, 0),
        declaredTotal: r.sourceCode === "SM" ? r.lines.reduce((sum, l) => sum + l.amount, 0) : null,
        pointsEarned: r.pointsEarned,
        pointsUsed: r.pointsUsed,
        couponCodes: r.couponCodes,
        lineCount: r.lines.length,
      })),
      skipDuplicates: true,
    });
  }
  const lineRows = demo.receipts.flatMap((r) =>
    r.lines.map((l) => {
      const product = productByCode.get(`${r.sourceCode}|${l.productCode}`);
      return {
        receiptId: receiptId(r),
        lineNo: l.lineNo,
        sourceProductCode: l.productCode,
        productId: product?.id ?? null,
        categoryCode: product?.categoryCode ?? null,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discount: l.discount,
        amount: l.amount,
        // MART reports points per line; put the receipt's points on its first line.
        pointsEarned: r.sourceCode === "MART" ? (l.lineNo === 1 ? r.pointsEarned : 0) : null,
        pointsUsed: r.sourceCode === "MART" ? (l.lineNo === 1 ? r.pointsUsed : 0) : null,
        soldAt: r.soldAt,
        businessDate: dateOnly(r.businessDate),
      };
    }),
  );
  for (const batch of chunks(lineRows, 3000))
    await prisma.receiptLine.createMany({ data: batch, skipDuplicates: true });
  log(
    `receipts: ${newReceipts.length} created (${lineRows.length} lines in the demo), ${demo.receipts.length - newReceipts.length} already there`,
  );

  // Points ledger: one earn / one burn per receipt (unique receipt_id + kind).
  const pointRows: {
    customerId: bigint;
    kind: PointKind;
    points: number;
    originSourceCode: string;
    receiptId: bigint;
    occurredOn: Date;
    expiresOn: Date | null;
    reason: string;
    createdBy: string;
  }[] = [];
  for (const r of demo.receipts) {
    if (!r.customerKey) continue;
    const base = {
      customerId: idOf(r.customerKey),
      originSourceCode: r.sourceCode,
      receiptId: receiptId(r),
      occurredOn: dateOnly(r.businessDate),
      createdBy: CREATED_BY,
    };
    // The burn first: points used at a till come out of the balance before this receipt's earn.
    if (r.pointsUsed > 0)
      pointRows.push({ ...base, kind: "BURN", points: -r.pointsUsed, expiresOn: null, reason: "used at purchase" });
    if (r.pointsEarned > 0) {
      pointRows.push({
        ...base,
        kind: "EARN",
        points: r.pointsEarned,
        expiresOn: dateOnly(pointsExpiryFor(r.businessDate)),
        reason: "purchase",
      });
    } else if (r.pointsEarned < 0) {
      pointRows.push({
        ...base,
        kind: "EARN",
        points: r.pointsEarned,
        expiresOn: null,
        reason: `return of ${r.originalKey}`,
      });
    }
  }
  for (const batch of chunks(pointRows, 3000))
    await prisma.pointEntry.createMany({ data: batch, skipDuplicates: true });

  const demoCustomerIds = [...customerIds.values()];
  const ledger = await prisma.pointEntry.findMany({
    where: { customerId: { in: demoCustomerIds } },
    select: {
      id: true,
      customerId: true,
      kind: true,
      points: true,
      occurredOn: true,
      expiresOn: true,
      receiptId: true,
      receipt: { select: { originalReceiptId: true } },
    },
  });
  const earnByReceipt = new Map(
    ledger.filter((e) => e.kind === "EARN" && e.points > 0 && e.receiptId).map((e) => [e.receiptId!, e.id]),
  );
  const allocations = allocatePointsFifo(
    ledger.map((e) => ({
      ...e,
      preferredEarnId: e.receipt?.originalReceiptId ? (earnByReceipt.get(e.receipt.originalReceiptId) ?? null) : null,
    })),
  );
  for (const batch of chunks(allocations, 3000))
    await prisma.pointAllocation.createMany({ data: batch, skipDuplicates: true });
  log(`points: ${pointRows.length} ledger entries in the demo, ${allocations.length} allocations`);

  return { storeIds, customersCreated: fresh.length, receiptsCreated: newReceipts.length };
}
