/**
 * Small factories for tests and e2e fixtures: each call creates what it needs (divisions,
 * stores) and returns the rows, with unique defaults so tests sharing a database do not collide.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ConsentChannel, CustomerStatus, Gender, ReceiptType } from "../generated/prisma/enums.ts";
import { dateOnly, seoulDay } from "./demo-retailer.ts";
import { type DemoDivision, FORMAT_OF, SOURCE_SYSTEMS } from "./reference-data.ts";

const uniqueSuffix = () => randomBytes(4).toString("hex").toUpperCase();
const randomDigits = (length: number) => String(randomBytes(6).readUIntBE(0, 6) % 10 ** length).padStart(length, "0");
const randomMobile = () => `010-${2000 + (randomBytes(2).readUInt16BE(0) % 8000)}-${randomDigits(4)}`;

/** Upserts the three divisions (DPT, MART, SM). */
export async function ensureSourceSystems(prisma: PrismaClient): Promise<void> {
  for (const s of SOURCE_SYSTEMS) {
    await prisma.sourceSystem.upsert({
      where: { code: s.code },
      create: { code: s.code, name: s.name, format: s.format },
      update: {},
    });
  }
}

export interface DemoStoreInput {
  sourceCode?: DemoDivision;
  code?: string;
  name?: string;
  sido?: string;
  sigungu?: string;
  lat?: number | null;
  lon?: number | null;
  openedOn?: string;
  active?: boolean;
}

/** Creates (or updates, same division and code) a store. Defaults: a MART store in 서울 강남구. */
export async function createDemoStore(prisma: PrismaClient, input: DemoStoreInput = {}) {
  await ensureSourceSystems(prisma);
  const sourceCode = input.sourceCode ?? "MART";
  const code = input.code ?? `T${uniqueSuffix()}`;
  const data = {
    name: input.name ?? `테스트 매장 ${code}`,
    format: FORMAT_OF[sourceCode],
    sido: input.sido ?? "서울특별시",
    sigungu: input.sigungu ?? "강남구",
    openedOn: dateOnly(input.openedOn ?? "2020-01-01"),
    lat: input.lat === undefined ? 37.5172 : input.lat,
    lon: input.lon === undefined ? 127.0473 : input.lon,
    active: input.active ?? true,
  };
  return prisma.store.upsert({
    where: { sourceCode_code: { sourceCode, code } },
    create: { sourceCode, code, ...data },
    update: data,
  });
}

export interface CustomerInput {
  name?: string | null;
  /** Normalised (`010-1234-5678`); phone_last4 is derived from it. */
  phone?: string | null;
  email?: string | null;
  birthDate?: string | null;
  gender?: Gender | null;
  sido?: string | null;
  sigungu?: string | null;
  status?: CustomerStatus;
  ciHash?: string | null;
  /** A membership in one division; `false` for none. Default: a MART membership. */
  link?: { sourceCode?: DemoDivision; memberNo?: string; cardNo?: string; joinedStoreId?: number | null } | false;
  /** Current consent per channel (also written as consent events). */
  consents?: Partial<Record<ConsentChannel, boolean>>;
}

/** Creates a golden-record customer, optionally with one membership and consents. */
export async function createCustomer(prisma: PrismaClient, input: CustomerInput = {}) {
  const phone = input.phone === undefined ? randomMobile() : input.phone;
  const email = input.email === undefined ? null : (input.email?.toLowerCase() ?? null);
  const link = input.link === undefined ? {} : input.link;
  if (link) await ensureSourceSystems(prisma);
  const customer = await prisma.customer.create({
    data: {
      status: input.status ?? "ACTIVE",
      name: input.name === undefined ? "김단골" : input.name,
      phone,
      phoneLast4: phone ? phone.replace(/\D/g, "").slice(-4) : null,
      email,
      birthDate: input.birthDate ? dateOnly(input.birthDate) : null,
      gender: input.gender ?? null,
      sido: input.sido ?? null,
      sigungu: input.sigungu ?? null,
      ciHash: input.ciHash ?? null,
      joinedOn: dateOnly(seoulDay(new Date())),
      sourceLinks: link
        ? {
            create: {
              sourceCode: link.sourceCode ?? "MART",
              memberNo: link.memberNo ?? `T${uniqueSuffix()}${uniqueSuffix()}`,
              cardNo: link.cardNo ?? `9499${randomDigits(12)}`,
              joinedStoreId: link.joinedStoreId ?? null,
              name: input.name === undefined ? "김단골" : input.name,
              phone,
              email,
            },
          }
        : undefined,
    },
    include: { sourceLinks: true },
  });
  const consents = Object.entries(input.consents ?? {}) as [ConsentChannel, boolean][];
  if (consents.length > 0) {
    const changedAt = new Date();
    const source = link ? (link.sourceCode ?? "MART") : "DANGOL_STORE";
    await prisma.consentEvent.createMany({
      data: consents.map(([channel, granted]) => ({ customerId: customer.id, channel, granted, changedAt, source })),
    });
    await prisma.customerConsent.createMany({
      data: consents.map(([channel, granted]) => ({ customerId: customer.id, channel, granted, changedAt, source })),
    });
  }
  return customer;
}

export interface ReceiptInput {
  storeId: number;
  customerId?: bigint | null;
  soldAt?: Date;
  type?: ReceiptType;
  sourceReceiptKey?: string;
  originalReceiptId?: bigint | null;
  /** Amount defaults to quantity × unit price − discount. */
  lines?: {
    productCode?: string;
    productId?: number | null;
    categoryCode?: string | null;
    quantity: number;
    unitPrice: number;
    discount?: number;
    amount?: number;
  }[];
  pointsEarned?: number;
  pointsUsed?: number;
}

/** Creates a receipt with its lines in the store's division. Default: one 10,000원 line, now. */
export async function createReceipt(prisma: PrismaClient, input: ReceiptInput) {
  const store = await prisma.store.findUniqueOrThrow({ where: { id: input.storeId }, select: { sourceCode: true } });
  const soldAt = input.soldAt ?? new Date();
  const businessDate = dateOnly(seoulDay(soldAt));
  const lines = (input.lines ?? [{ quantity: 1, unitPrice: 10_000 }]).map((l, n) => {
    const discount = l.discount ?? 0;
    return {
      lineNo: n + 1,
      sourceProductCode: l.productCode ?? "TEST-ITEM",
      productId: l.productId ?? null,
      categoryCode: l.categoryCode ?? null,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount,
      amount: l.amount ?? l.quantity * l.unitPrice - discount,
      soldAt,
      businessDate,
    };
  });
  return prisma.receipt.create({
    data: {
      sourceCode: store.sourceCode,
      sourceReceiptKey: input.sourceReceiptKey ?? `TEST-${uniqueSuffix()}${uniqueSuffix()}`,
      storeId: input.storeId,
      customerId: input.customerId ?? null,
      soldAt,
      businessDate,
      type: input.type ?? "SALE",
      originalReceiptId: input.originalReceiptId ?? null,
      netAmount: lines.reduce((sum, l) => sum + l.amount, 0),
      discountAmount: lines.reduce((sum, l) => sum + l.discount, 0),
      pointsEarned: input.pointsEarned ?? 0,
      pointsUsed: input.pointsUsed ?? 0,
      lineCount: lines.length,
      lines: { create: lines },
    },
    include: { lines: true },
  });
}
