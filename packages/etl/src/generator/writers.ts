/**
 * Writes one division's files in its format, planting the row-level problems as it goes and
 * the file-level ones (late, twice, damaged) when a daily file closes.
 */
import { writeFileSync } from "node:fs";
import { ymdOf } from "./calendar.ts";
import { type Delivery, type FileFault, type FileKind, nightlyArrival } from "./delivery.ts";
import {
  emailWithoutAt,
  type FaultKind,
  type FileTally,
  impossibleBirthDate,
  invalidDate,
  type Planter,
  shortPhone,
} from "./faults.ts";
import type { FeedFormat, Row } from "./formats/index.ts";
import type { Rng } from "./random.ts";
import { FileSink, type Written } from "./sink.ts";
import type { Division, MemberRecord, Product, Receipt, SaleLine, Store } from "./types.ts";

/** Codes no master lists (the caps on store counts and product numbering keep them unissued). */
const UNKNOWN_STORE: Record<Division, string> = { DPT: "D99", MART: "M999", SM: "S999" };
const UNKNOWN_PRODUCT: Record<Division, (rng: Rng) => string> = {
  DPT: (rng) => `D999${rng.digits(3)}`,
  MART: (rng) => `8809999${rng.digits(6)}`,
  SM: (rng) => `SM-9${rng.digits(4)}`,
};

export interface DivisionWriterOptions {
  root: string;
  delivery: Delivery;
  planter: Planter;
  tally: FileTally;
  rng: Rng;
  /** Daily files to damage (by file name), with --file-faults only. */
  damage: Map<string, FileFault>;
  lastDay: number;
  referenceYear: number;
}

export class DivisionWriter {
  private sink: FileSink | undefined;
  private current: { kind: FileKind; day: number } | undefined;

  constructor(
    readonly format: FeedFormat,
    private readonly o: DivisionWriterOptions,
  ) {}

  private open(path: string, header: string | undefined): FileSink {
    const sink = new FileSink(this.o.root, `${this.format.folder}/${path}`, this.format.encoding, this.format.eol);
    if (header !== undefined) sink.text(header);
    return sink;
  }

  /** Trailer or control file; returns what was written and the control file's path. */
  private finish(sink: FileSink): { written: Written; control: string | null } {
    if (this.format.control === "trailer") sink.text(`EOF,${sink.rows}`);
    const written = sink.close();
    if (this.format.control !== "ctl") return { written, control: null };
    const control = `${written.path}.ctl`;
    writeFileSync(`${this.o.root}/${control}`, `row_count=${written.rows}|md5=${written.md5}\n`);
    return { written, control };
  }

  writeMasters(stores: readonly Store[], products: readonly Product[], day: number): void {
    const at = nightlyArrival(this.format.division, day - 1, "stores");
    for (const [kind, path, rows] of [
      ["stores", this.format.files.stores, stores.map(this.format.storeRow)],
      ["products", this.format.files.products, products.map(this.format.productRow)],
    ] as const) {
      const sink = this.open(path, this.format.headers[kind]);
      for (const row of rows) sink.row(this.format.render(row));
      const { written, control } = this.finish(sink);
      this.o.delivery.add(written, { division: this.format.division, kind, day: null, control }, at);
    }
  }

  openDaily(kind: "members" | "sales", day: number): void {
    const name = kind === "members" ? this.format.files.members(day) : this.format.files.sales(day);
    this.sink = this.open(name, this.format.headers[kind]);
    this.current = { kind, day };
  }

  private tallyRow(kind: FaultKind, rows = 1): void {
    this.o.tally.add(this.sink!.path, kind, 1, rows);
  }

  /** A fault decided by the caller about the next row (e.g. an update whose insert was lost). */
  noteFault(kind: FaultKind): void {
    this.tallyRow(kind);
  }

  member(record: MemberRecord): void {
    const sink = this.sink!;
    const { planter, rng } = this.o;
    const kinds: FaultKind[] = ["duplicate_member_row", this.format.brokenRowKind];
    if (record.change !== "withdraw") {
      if (record.email) kinds.push("email_without_at");
      if (record.phone) kinds.push("short_phone");
      if (record.birth) kinds.push("impossible_birth_date");
      if (this.format.encoding === "cp949") kinds.push("wrong_encoding_row");
    }
    const fault = planter.pickOne(kinds);
    let row: Row;
    switch (fault) {
      case "email_without_at":
        row = this.format.memberRow({ ...record, email: emailWithoutAt(record.email, rng) });
        break;
      case "short_phone":
        row = this.format.memberRow({ ...record, phone: shortPhone(record.phone, rng) });
        break;
      case "impossible_birth_date":
        row = this.format.memberRow({
          ...record,
          birth: impossibleBirthDate(record.birth!, this.o.referenceYear, rng),
        });
        break;
      default:
        row = this.format.memberRow(record);
    }
    if (fault) this.tallyRow(fault);
    if (fault === "wrong_encoding_row") sink.rawUtf8Row(this.format.render(row));
    else if (fault === this.format.brokenRowKind) sink.row(this.format.renderBroken(row, rng));
    else sink.row(this.format.render(row));
    if (fault === "duplicate_member_row") sink.row(this.format.render(row));
  }

  private static readonly VALUE_FAULTS: readonly FaultKind[] = [
    "invalid_sale_date",
    "unknown_store",
    "unknown_product",
    "amount_mismatch",
  ];

  /** A copy of the line carrying one value fault (the receipt itself stays clean for its return). */
  private faultyLine(line: SaleLine, fault: FaultKind, day: number): SaleLine {
    const { rng } = this.o;
    switch (fault) {
      case "invalid_sale_date":
        return { ...line, invalidDate: invalidDate(ymdOf(day).y, rng) };
      case "unknown_store":
        return { ...line, storeOverride: UNKNOWN_STORE[this.format.division] };
      case "unknown_product":
        return { ...line, productCode: UNKNOWN_PRODUCT[this.format.division](rng) };
      case "amount_mismatch":
        // A forgotten discount, or a plain keying error.
        return {
          ...line,
          amount:
            line.discount !== 0 ? line.qty * line.unitPrice : line.amount + rng.pick([-1, 1]) * rng.int(1, 50) * 100,
        };
      default:
        return line;
    }
  }

  /** SM rows are receipts: the same faults, on the receipt or one of its items. */
  private faultyReceipt(receipt: Receipt, fault: FaultKind): Receipt {
    if (fault === "invalid_sale_date")
      return { ...receipt, invalidDate: invalidDate(ymdOf(receipt.ref.day).y, this.o.rng) };
    if (fault === "unknown_store") return { ...receipt, storeOverride: UNKNOWN_STORE[this.format.division] };
    const at = this.o.rng.int(0, receipt.lines.length - 1);
    return {
      ...receipt,
      lines: receipt.lines.map((line, i) => (i === at ? this.faultyLine(line, fault, receipt.ref.day) : line)),
    };
  }

  sales(receipts: readonly Receipt[], tags: ReadonlyMap<Receipt, FaultKind[]>): void {
    const sink = this.sink!;
    const kinds = [...DivisionWriter.VALUE_FAULTS, this.format.brokenRowKind];
    for (const receipt of receipts) {
      const receiptTags = tags.get(receipt) ?? [];
      const rows = this.format.rowPerLine ? receipt.lines : [null];
      for (const line of rows) {
        const fault = this.o.planter.pickOne(kinds);
        let row: Row;
        if (fault === undefined || fault === this.format.brokenRowKind) row = this.format.saleRow(receipt, line);
        else if (line) row = this.format.saleRow(receipt, this.faultyLine(line, fault, receipt.ref.day));
        else row = this.format.saleRow(this.faultyReceipt(receipt, fault), null);
        // An SM receipt line holds one feed row per item; a broken line can only count as one.
        const feedRows = line !== null || fault === this.format.brokenRowKind ? 1 : receipt.lines.length;
        if (fault) this.tallyRow(fault, feedRows);
        for (const tag of receiptTags) this.tallyRow(tag);
        sink.row(
          fault === this.format.brokenRowKind ? this.format.renderBroken(row, this.o.rng) : this.format.render(row),
          feedRows,
        );
      }
    }
  }

  /** Closes the day's file and decides how it arrives: on time, late, twice, or damaged then corrected. */
  closeDaily(): void {
    const { kind, day } = this.current!;
    const division = this.format.division;
    const { written, control } = this.finish(this.sink!);
    this.sink = undefined;
    const meta = { division, kind, day, control };
    const onTime = nightlyArrival(division, day, kind);
    const name = written.path.split("/").at(-1)!;
    const damage = this.o.damage.get(name);
    if (damage) {
      const corrected = this.o.delivery.redeliver(written, control);
      const damaged = this.o.delivery.damage(written, control, damage, this.format.control);
      this.o.delivery.add(damaged, meta, onTime, "damaged");
      this.o.delivery.add(
        corrected.written,
        { ...meta, control: corrected.control },
        onTime + 86_400 - 3600,
        "correction",
      );
      return;
    }
    if (day + 1 <= this.o.lastDay && this.o.planter.roll("late_file")) {
      this.o.tally.add(written.path, "late_file");
      this.o.delivery.add(written, meta, onTime + 86_400 + 3 * 3600, "late_file");
      return;
    }
    this.o.delivery.add(written, meta, onTime);
    if (this.o.planter.roll("duplicate_file")) {
      const copy = this.o.delivery.redeliver(written, control);
      this.o.tally.add(written.path, "duplicate_file");
      this.o.delivery.add(
        copy.written,
        { ...meta, control: copy.control },
        onTime + 86_400 + 2 * 3600,
        "duplicate_file",
      );
    }
  }
}
