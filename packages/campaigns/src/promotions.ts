import { type AuditActor, writeAudit } from "@dangol/db/audit";
import type { PrismaClient, RetailFormat } from "@dangol/db/client";
import { z } from "zod";

/*
 * The retailer's own mass promotions (a sale week, a gift-with-purchase, a season event), kept
 * beside the campaigns so the calendar shows where a campaign overlaps one: a campaign measured in
 * a sale week measures the sale too, unless its control sits in the same week (it does: the
 * control is drawn from the same run), so the overlap is context for the reader, not a correction.
 * Days are Seoul calendar days, stored as DATE; both ends are inclusive.
 */

export const PROMOTION_KINDS = ["sale", "gift", "season", "other"] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];
export const PROMOTION_FORMATS = ["DPT", "MART", "SM"] as const;
export type PromotionFormat = (typeof PROMOTION_FORMATS)[number];

const TO_DB: Record<PromotionFormat, RetailFormat> = { DPT: "DEPARTMENT_STORE", MART: "MART", SM: "SUPERMARKET" };
const FROM_DB: Partial<Record<RetailFormat, PromotionFormat>> = {
  DEPARTMENT_STORE: "DPT",
  MART: "MART",
  SUPERMARKET: "SM",
};

const isoDay = (field: string) =>
  z
    .string({ error: `${field}: 날짜를 입력하세요` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field}: 날짜는 YYYY-MM-DD 형식입니다`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${field}: 없는 날짜입니다`);

export const promotionInputSchema = z
  .object({
    name: z
      .string({ error: "name: 이름을 입력하세요" })
      .trim()
      .min(1, "name: 이름을 입력하세요")
      .max(100, "name: 이름은 100자 이하입니다"),
    kind: z.enum(PROMOTION_KINDS, { error: "kind: 종류를 고르세요" }),
    formats: z
      .array(z.enum(PROMOTION_FORMATS, { error: "formats: 업태는 DPT, MART, SM 중에서 고르세요" }))
      .min(1, "formats: 업태를 하나 이상 고르세요")
      .transform((fs) => PROMOTION_FORMATS.filter((f) => fs.includes(f))),
    startsOn: isoDay("startsOn"),
    endsOn: isoDay("endsOn"),
    note: z.string().trim().max(500, "note: 메모는 500자 이하입니다").default(""),
  })
  .refine((p) => p.endsOn >= p.startsOn, { path: ["endsOn"], message: "endsOn: 끝나는 날이 시작일보다 빠릅니다" });
export type PromotionInput = z.input<typeof promotionInputSchema>;

export type Promotion = {
  id: string;
  name: string;
  kind: PromotionKind;
  formats: PromotionFormat[];
  /** YYYY-MM-DD, inclusive */
  startsOn: string;
  endsOn: string;
  note: string;
  createdBy: string;
  createdAt: Date;
};

export class PromotionNotFoundError extends Error {
  override name = "PromotionNotFoundError";
  constructor(id: string) {
    super(`promotion ${id} does not exist`);
  }
}

type Row = {
  id: bigint;
  name: string;
  kind: string;
  formats: RetailFormat[];
  startsOn: Date;
  endsOn: Date;
  note: string;
  createdBy: string;
  createdAt: Date;
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const dbDay = (s: string) => new Date(`${s}T00:00:00Z`);

function toPromotion(r: Row): Promotion {
  return {
    id: r.id.toString(),
    name: r.name,
    kind: (PROMOTION_KINDS as readonly string[]).includes(r.kind) ? (r.kind as PromotionKind) : "other",
    formats: r.formats.flatMap((f) => (FROM_DB[f] ? [FROM_DB[f]] : [])),
    startsOn: day(r.startsOn),
    endsOn: day(r.endsOn),
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}

function actorName(actor: AuditActor): string {
  return "system" in actor ? `system:${actor.system}` : actor.email;
}

function idOf(id: string): bigint {
  if (!/^\d{1,18}$/.test(id)) throw new PromotionNotFoundError(id);
  return BigInt(id);
}

function data(input: PromotionInput) {
  const p = promotionInputSchema.parse(input);
  return {
    name: p.name,
    kind: p.kind,
    formats: p.formats.map((f) => TO_DB[f]),
    startsOn: dbDay(p.startsOn),
    endsOn: dbDay(p.endsOn),
    note: p.note,
  };
}

/** The audit details: what the promotion says, not who wrote the note (free text stays out). */
function auditDetails(p: Promotion) {
  return { name: p.name, kind: p.kind, formats: p.formats, startsOn: p.startsOn, endsOn: p.endsOn };
}

export async function createPromotion(prisma: PrismaClient, input: PromotionInput, actor: AuditActor) {
  const values = data(input);
  return prisma.$transaction(async (tx) => {
    const row = toPromotion(await tx.promotion.create({ data: { ...values, createdBy: actorName(actor) } }));
    await writeAudit(tx, {
      actor,
      action: "promotion.create",
      targetType: "promotion",
      targetId: row.id,
      details: auditDetails(row),
    });
    return row;
  });
}

export async function updatePromotion(
  prisma: PrismaClient,
  id: string,
  input: PromotionInput,
  actor: AuditActor,
): Promise<Promotion> {
  const values = data(input);
  const key = idOf(id);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.promotion.updateMany({ where: { id: key }, data: values });
    if (updated.count === 0) throw new PromotionNotFoundError(id);
    const row = toPromotion(await tx.promotion.findUniqueOrThrow({ where: { id: key } }));
    await writeAudit(tx, {
      actor,
      action: "promotion.update",
      targetType: "promotion",
      targetId: row.id,
      details: auditDetails(row),
    });
    return row;
  });
}

export async function deletePromotion(prisma: PrismaClient, id: string, actor: AuditActor): Promise<void> {
  const key = idOf(id);
  await prisma.$transaction(async (tx) => {
    const row = await tx.promotion.findUnique({ where: { id: key } });
    if (!row) throw new PromotionNotFoundError(id);
    await tx.promotion.delete({ where: { id: key } });
    await writeAudit(tx, {
      actor,
      action: "promotion.delete",
      targetType: "promotion",
      targetId: id,
      details: auditDetails(toPromotion(row)),
    });
  });
}

export async function getPromotion(prisma: Pick<PrismaClient, "promotion">, id: string): Promise<Promotion> {
  const row = await prisma.promotion.findUnique({ where: { id: idOf(id) } });
  if (!row) throw new PromotionNotFoundError(id);
  return toPromotion(row);
}

/** Promotions with at least one day in [from, to] (YYYY-MM-DD, inclusive), earliest first. */
export async function listPromotions(
  prisma: Pick<PrismaClient, "promotion">,
  range: { from: string; to: string },
): Promise<Promotion[]> {
  const rows = await prisma.promotion.findMany({
    where: { startsOn: { lte: dbDay(range.to) }, endsOn: { gte: dbDay(range.from) } },
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
  });
  return rows.map(toPromotion);
}
