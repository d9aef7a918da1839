import { z } from "zod";
import { RowDeduper } from "./dedupe.ts";
import { parseIsoTimestamp } from "./fields.ts";
import { checkSomethingDecoded, decodeUtf8 } from "./file-checks.ts";
import { readLines } from "./lines.ts";
import { toProduct, toStore } from "./masters.ts";
import { type MemberDialect, toMember } from "./members.ts";
import { type SaleDialect, toSale } from "./sales.ts";
import type { Accepted, FeedEvent, FeedKind, ReadOptions, Rejected } from "./types.ts";

/** JSON scalars as the text the shared row builders validate (so a bad value is a finding, not a crash). */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const object = z.record(z.string(), z.unknown());
/** Only the shape is checked here; values are judged by the row builders against the data policy. */
const smMember = z.object({
  memberId: z.string(),
  address: object.nullish(),
  consents: object.nullish(),
});
const smItem = z.object({ line: z.unknown(), sku: z.unknown(), qty: z.unknown(), amount: z.unknown() });
const smReceipt = z.object({
  receiptId: z.string(),
  storeCode: z.string(),
  issuedAt: z.string(),
  items: z.array(object.pipe(smItem.loose())),
  points: object.nullish(),
  coupons: z.array(z.string()).nullish(),
});

const member: MemberDialect = {
  division: "SM",
  memberNo: /^\S{1,32}$/,
  genders: { M: "M", F: "F" },
  changeTypes: { UPSERT: "upsert", WITHDRAW: "withdraw" },
  yes: "true",
  no: "false",
  timestamp: parseIsoTimestamp,
};

const sale: SaleDialect = {
  division: "SM",
  trxTypes: { SALE: "SALE", RETURN: "RETURN" },
  timestamp: parseIsoTimestamp,
  amountSeparators: false,
};

type Obj = Record<string, unknown>;
type Builder = (o: Obj, lineNo: number, raw: string, options: ReadOptions) => Accepted | Rejected;

function shapeError(error: z.ZodError, lineNo: number, raw: string): Rejected {
  const issue = error.issues[0];
  return {
    type: "reject",
    lineNo,
    reason: `invalid record: ${issue?.path.join(".") || "line"}: ${issue?.message}`,
    raw,
  };
}

const BUILDERS: Partial<Record<FeedKind, Builder>> = {
  store: (o, lineNo, raw) =>
    toStore("SM", [o.storeCode, o.name, o.sido, o.sigungu, o.openedOn, o.lat, o.lon].map(text), lineNo, raw),
  product: (o, lineNo, raw) => toProduct("SM", [o.sku, o.name, o.brand, o.smCategory, o.price].map(text), lineNo, raw),
  member: (o, lineNo, raw, options) => {
    const parsed = smMember.safeParse(o);
    if (!parsed.success) return shapeError(parsed.error, lineNo, raw);
    const address = parsed.data.address ?? {};
    const consents = parsed.data.consents ?? {};
    return toMember(
      {
        memberNo: parsed.data.memberId,
        cardNo: text(o.cardNo),
        name: text(o.name),
        gender: text(o.gender),
        birthDate: text(o.birthDate),
        phone: text(o.phone),
        email: text(o.email),
        zip: text(address.zip),
        address1: text(address.line1),
        address2: text(address.line2),
        joinDate: text(o.joinedAt),
        joinStore: text(o.joinStore),
        ci: text(o.ci),
        consents: [
          text(consents.sms),
          text(consents.email),
          text(consents.dm),
          text(consents.tm),
          text(consents.night),
        ],
        consentAt: text(consents.updatedAt),
        changeType: text(o.change),
        changedAt: text(o.changedAt),
      },
      member,
      lineNo,
      raw,
      options.businessDate,
    );
  },
  sales: (o, lineNo, raw, options) => {
    const parsed = smReceipt.safeParse(o);
    if (!parsed.success) return shapeError(parsed.error, lineNo, raw);
    const r = parsed.data;
    return toSale(
      {
        receiptKey: r.receiptId,
        storeCode: r.storeCode,
        posNo: text(o.posNo),
        trxAt: r.issuedAt,
        trxType: text(o.type),
        originalKey: text(o.originalReceiptId),
        memberNo: "",
        cardNo: text(o.cardNo),
        receiptEarn: text(r.points?.earned),
        receiptUse: text(r.points?.used),
        coupons: r.coupons ?? [],
        total: text(o.total),
        items: r.items.map((item) => ({
          itemLine: text(item.line),
          productCode: text(item.sku),
          qty: text(item.qty),
          unitPrice: text(item.unitPrice),
          discount: text(item.discount),
          amount: text(item.amount),
          lineEarn: "",
          lineUse: "",
        })),
      },
      sale,
      options.reference!,
      lineNo,
      raw,
    );
  },
};

/**
 * The rows an SM receipt line stands for: one per item when its `items` can be read, else 1 (a
 * line that is not JSON tells nothing more).
 */
export function receiptRows(value: unknown): number {
  const items = typeof value === "object" && value !== null ? (value as Obj).items : undefined;
  return Array.isArray(items) && items.length > 0 ? items.length : 1;
}

function parsedRows(text: string): number {
  try {
    return receiptRows(JSON.parse(text));
  } catch {
    return 1;
  }
}

/**
 * SM JSON Lines: no header, trailer or control file. A line that is not a JSON object (a cut
 * last line included) is one rejected row; the file is refused only when nothing decodes. In a
 * receipts file every item is a row, so a rejected or repeated receipt counts its items.
 */
export async function* readSm(path: string, kind: FeedKind, options: ReadOptions): AsyncGenerator<FeedEvent[]> {
  const build = BUILDERS[kind];
  if (!build) throw new Error(`SM has no ${kind} feed`);
  const dedupe = new RowDeduper();
  let rows = 0;
  let decoded = 0;
  for await (const batch of readLines(path, (chunk) => options.onBytes?.(chunk.length))) {
    const events: FeedEvent[] = [];
    for (const { lineNo, bytes } of batch) {
      rows++;
      if (dedupe.repeat(bytes)) {
        const countsAs = kind === "sales" ? parsedRows(bytes.toString("utf8")) : 1;
        events.push(countsAs === 1 ? { type: "skip", lineNo } : { type: "skip", lineNo, countsAs });
        continue;
      }
      const line = decodeUtf8(bytes);
      if ("error" in line) {
        events.push({ type: "reject", lineNo, reason: line.error, raw: line.raw });
        continue;
      }
      decoded++;
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (error) {
        events.push({ type: "reject", lineNo, reason: `bad JSON: ${(error as Error).message}`, raw: line.text });
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        events.push({ type: "reject", lineNo, reason: "bad JSON: not an object", raw: line.text });
        continue;
      }
      const event = build(value as Obj, lineNo, line.text, options);
      if (event.type === "reject" && kind === "sales" && receiptRows(value) > 1) event.countsAs = receiptRows(value);
      events.push(event);
    }
    if (events.length > 0) yield events;
  }
  checkSomethingDecoded(rows, decoded);
}
