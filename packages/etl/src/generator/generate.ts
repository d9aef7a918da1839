/**
 * `generate()`: a whole delivery, streamed day by day. Per day and division: the member delta
 * (joins, updates, withdrawals), then the sales (member visits due today, anonymous shoppers,
 * returns), written and forgotten — only compact per-person arrays, a ring of recent sales and
 * the few late receipts still to deliver outlive the day.
 */
import { mkdirSync, readdirSync } from "node:fs";
import { BasketMaker } from "./baskets.ts";
import { DEFAULT_END, dayFromIso, isoDate, ymdOf } from "./calendar.ts";
import { Delivery, type FileFault, type ManifestEntry, nightlyArrival, REDELIVERED } from "./delivery.ts";
import { UserInputError } from "./errors.ts";
import { FAULT_KINDS, FAULTS, type FaultKind, FileTally, Planter } from "./faults.ts";
import { HQ_FILES, hqCategoriesLines, hqCategoryMapLines, hqRegionsLines } from "./formats/hq.ts";
import { FORMATS } from "./formats/index.ts";
import { cardNumber, memberNumber, personId, personOf } from "./identity.ts";
import { buildCatalogue, buildStores, type Catalogue, hqCategories, nearestStores } from "./masters.ts";
import { MemberBook, variantOf } from "./members.ts";
import {
  FORMAT_MIX,
  Population,
  randomConsents,
  SlotState,
  YEARLY_UPDATE_RATE,
  YEARLY_WITHDRAW_RATE,
} from "./people.ts";
import { Rng } from "./random.ts";
import {
  ANONYMOUS_RATIO,
  missingOriginal,
  numberReceipts,
  RETURN_RATE,
  RETURN_WINDOW_DAYS,
  RecentSales,
  RING_SIZE,
  returnReceipt,
  saleReceipt,
  timeOfDay,
} from "./receipts.ts";
import { resolveScale, type ScaleName } from "./scale.ts";
import { FileSink } from "./sink.ts";
import { IdentityWriter, writePlanted } from "./truth.ts";
import { DIVISIONS, type Division, type Receipt, type Store } from "./types.ts";
import { DivisionWriter } from "./writers.ts";

export interface GenerateOptions {
  scale: ScaleName | number;
  seed: number;
  /** Business days; the scale's default when absent. */
  days?: number;
  /** Last business day, YYYY-MM-DD; DEFAULT_END when absent. */
  end?: string;
  out: string;
  fileFaults?: boolean;
  progress?: (line: string) => void;
}

export interface GenerateSummary {
  out: string;
  people: number;
  firstDay: string;
  lastDay: string;
  files: number;
  rows: number;
  bytes: number;
  members: number;
  receipts: number;
  saleRows: number;
  seconds: number;
}

/** Where --file-faults damages files, as fractions of the window (so every window size has them). */
const FILE_FAULT_PLAN: readonly { division: Division; kind: "members" | "sales"; at: number; fault: FileFault }[] = [
  { division: "DPT", kind: "sales", at: 0.3, fault: "truncated" },
  { division: "MART", kind: "sales", at: 0.4, fault: "truncated" },
  { division: "DPT", kind: "members", at: 0.5, fault: "wrong_trailer" },
  { division: "MART", kind: "members", at: 0.6, fault: "wrong_md5" },
  { division: "SM", kind: "sales", at: 0.7, fault: "cut_mid_line" },
];

export function generate(options: GenerateOptions): GenerateSummary {
  const started = performance.now();
  const log = options.progress ?? (() => {});
  const scale = resolveScale(options.scale);
  const days = options.days ?? scale.defaultDays;
  if (!Number.isInteger(days) || days < 7)
    throw new UserInputError(`days must be a whole number of at least 7, not ${days}`);
  const lastDay = dayFromIso(options.end ?? DEFAULT_END);
  const firstDay = lastDay - days + 1;
  const referenceYear = ymdOf(lastDay).y;
  const { seed } = options;
  const root = options.out;
  mkdirSync(root, { recursive: true });
  if (readdirSync(root).length > 0) throw new UserInputError(`${root} is not empty; give a new or empty directory`);

  // ─── Masters ────────────────────────────────────────────────────────────────────────────
  const stores = Object.fromEntries(DIVISIONS.map((d) => [d, buildStores(d, scale.stores[d], seed)])) as Record<
    Division,
    Store[]
  >;
  const catalogues = Object.fromEntries(DIVISIONS.map((d) => [d, buildCatalogue(d, seed)])) as Record<
    Division,
    Catalogue
  >;
  const delivery = new Delivery(root);
  writeHq(root, delivery, catalogues, firstDay);

  const planter = new Planter(new Rng(seed, 0xfa017), firstDay + Math.floor(days / 2));
  const tally = new FileTally();
  const damage = new Map<string, FileFault>();
  if (options.fileFaults) {
    for (const plan of FILE_FAULT_PLAN) {
      const day = firstDay + Math.max(1, Math.floor(days * plan.at));
      const files = FORMATS[plan.division].files;
      damage.set(plan.kind === "members" ? files.members(day) : files.sales(day), plan.fault);
    }
  }
  const writerRng = new Rng(seed, 0x3e17e);
  const writers = Object.fromEntries(
    DIVISIONS.map((d) => [
      d,
      new DivisionWriter(FORMATS[d], {
        root,
        delivery,
        planter,
        tally,
        rng: writerRng,
        damage,
        lastDay,
        referenceYear,
      }),
    ]),
  ) as Record<Division, DivisionWriter>;
  for (const d of DIVISIONS) writers[d].writeMasters(stores[d], catalogues[d].products, firstDay);

  // ─── People ─────────────────────────────────────────────────────────────────────────────
  log(
    `generating ${scale.people.toLocaleString("en-US")} people over ${days} days (${isoDate(firstDay)} … ${isoDate(lastDay)})`,
  );
  const nearest = Object.fromEntries(DIVISIONS.map((d) => [d, nearestStores(stores[d])])) as Record<
    Division,
    number[][]
  >;
  const population = new Population(scale.people, firstDay, days, nearest, seed);
  const book = new MemberBook(seed, population, stores, referenceYear);
  const baskets = Object.fromEntries(DIVISIONS.map((d) => [d, new BasketMaker(d, catalogues[d])])) as Record<
    Division,
    BasketMaker
  >;
  const recent = Object.fromEntries(DIVISIONS.map((d) => [d, new RecentSales()])) as Record<Division, RecentSales>;
  const late = Object.fromEntries(DIVISIONS.map((d) => [d, new Map<number, Receipt[]>()])) as Record<
    Division,
    Map<number, Receipt[]>
  >;
  const tags = new Map<Receipt, FaultKind[]>();
  const tag = (receipt: Receipt, kind: FaultKind) => tags.set(receipt, [...(tags.get(receipt) ?? []), kind]);
  const activeCount = DIVISIONS.map(() => 0);
  for (let slot = 0; slot < population.state.length; slot++)
    if (population.state[slot] === SlotState.Active) activeCount[slot % 3]!++;

  const rng = new Rng(seed, 0xd41);
  let unknownMembers = 0;
  let members = 0;
  let receiptsWritten = 0;
  let saleRows = 0;
  const progressEvery = Math.max(1, Math.floor(days / 20));

  for (let day = firstDay; day <= lastDay; day++) {
    planter.startDay(day);
    for (const division of DIVISIONS) {
      const d = DIVISIONS.indexOf(division);
      const writer = writers[division];

      // ── Member delta ──
      writer.openDaily("members", day);
      const withdrawnToday: { slot: number; at: number }[] = [];
      if (day === firstDay) {
        // The first delivery: every existing member as an insert, stamped with their join.
        for (let slot = d; slot < population.state.length; slot += 3) {
          if (population.state[slot] !== SlotState.Active) continue;
          writer.member(book.record(slot, "insert", population.joinDay[slot]! * 86_400 + timeOfDay(division, 0, rng)));
          members++;
        }
      }
      const changes: { slot: number; at: number; kind: "join" | "update" | "withdraw" }[] = [];
      for (const slot of population.takeJoins(day, division))
        changes.push({ slot, at: timeOfDay(division, day, rng), kind: "join" });
      for (let n = rng.poisson((activeCount[d]! * YEARLY_UPDATE_RATE) / 365); n > 0; n--) {
        const slot = population.randomActiveSlot(division, rng);
        if (slot >= 0) changes.push({ slot, at: timeOfDay(division, day, rng), kind: "update" });
      }
      for (let n = rng.poisson((activeCount[d]! * YEARLY_WITHDRAW_RATE) / 365); n > 0; n--) {
        const slot = population.randomActiveSlot(division, rng);
        if (slot >= 0) changes.push({ slot, at: timeOfDay(division, day, rng), kind: "withdraw" });
      }
      changes.sort((a, b) => a.at - b.at);
      for (const change of changes) {
        const { slot, at } = change;
        if (change.kind === "join") {
          population.activate(slot, day, rng);
          activeCount[d]!++;
          members++;
          const lostInsert = planter.roll("update_without_insert");
          if (lostInsert) writer.noteFault("update_without_insert");
          writer.member(book.record(slot, lostInsert ? "update" : "insert", at));
        } else if (change.kind === "update") {
          if (population.state[slot] !== SlotState.Active) continue;
          applyUpdate(population, slot, day, rng);
          writer.member(book.record(slot, "update", at));
        } else {
          if (population.state[slot] !== SlotState.Active) continue;
          population.state[slot] = SlotState.Withdrawn;
          activeCount[d]!--;
          withdrawnToday.push({ slot, at });
          writer.member(book.record(slot, "withdraw", at));
        }
      }
      writer.closeDaily();

      // ── Sales ──
      const basket = baskets[division];
      const today: Receipt[] = [];
      for (const slot of population.takeVisits(day, division, rng)) {
        const store = stores[division][population.visitStore(slot, division, rng)]!;
        const shopper = {
          slot,
          memberNo: book.memberNo(slot),
          cardNo: book.cardNo(slot),
          affluence: population.affluence[Math.floor(slot / 3)]!,
        };
        const receipt = saleReceipt(basket, store, shopper, timeOfDay(division, day, rng), day, rng);
        if (planter.roll("unknown_member")) {
          const index = scale.people + 1000 + unknownMembers++;
          receipt.memberNo = memberNumber(division, index, seed);
          receipt.cardNo = cardNumber(division, index, seed);
          tag(receipt, "unknown_member");
        }
        today.push(receipt);
      }
      for (const { slot, at } of withdrawnToday) {
        // Bought earlier that day, delivered the night after the withdrawal.
        if (day + 1 > lastDay || !planter.roll("sale_after_withdrawal")) continue;
        const store = stores[division][population.store[slot]!]!;
        const shopper = { slot, memberNo: book.memberNo(slot), cardNo: book.cardNo(slot), affluence: 1 };
        const saleAt = Math.max(day * 86_400 + 8 * 3600, at - rng.int(600, 3 * 3600));
        const receipt = saleReceipt(basket, store, shopper, saleAt, day, rng);
        tag(receipt, "sale_after_withdrawal");
        today.push(receipt);
      }
      const memberSales = today.length;
      for (let n = rng.poisson(memberSales * ANONYMOUS_RATIO[division]); n > 0; n--) {
        const store = rng.pick(stores[division]);
        today.push(
          saleReceipt(
            basket,
            store,
            { slot: -1, memberNo: null, cardNo: null, affluence: 1 },
            timeOfDay(division, day, rng),
            day,
            rng,
          ),
        );
      }
      const sales = today.length;
      for (let n = rng.poisson(sales * RETURN_RATE[division]); n > 0; n--) {
        const original = recent[division].takeForReturn(day, rng);
        if (!original) break;
        const memberLeft = original.memberSlot >= 0 && population.state[original.memberSlot] !== SlotState.Active;
        const receipt = returnReceipt(original, memberLeft, timeOfDay(division, day, rng), day, rng);
        if (planter.roll("return_original_missing")) {
          receipt.original = missingOriginal(division, original.ref, rng);
          tag(receipt, "return_original_missing");
        }
        today.push(receipt);
      }
      numberReceipts(division, today);
      // Keep a sample of sales so the ring spans the whole return window at any scale.
      const keep = Math.min(1, RING_SIZE / Math.max(1, sales * RETURN_WINDOW_DAYS));
      const onTime: Receipt[] = [];
      for (const receipt of today) {
        // Receipts with a planted problem are never returned: a return would repeat the problem uncounted.
        if (receipt.type === "sale" && !tags.has(receipt) && rng.chance(keep)) recent[division].add(receipt);
        let lateBy = 0;
        if (tags.get(receipt)?.includes("sale_after_withdrawal")) lateBy = 1;
        else if (day + 3 <= lastDay && planter.roll("late_receipt")) {
          lateBy = rng.int(1, 3);
          tag(receipt, "late_receipt");
        }
        if (lateBy === 0) {
          onTime.push(receipt);
          continue;
        }
        const bucket = late[division].get(day + lateBy) ?? [];
        bucket.push(receipt);
        late[division].set(day + lateBy, bucket);
      }
      const delivered = [...(late[division].get(day) ?? []), ...onTime].sort((a, b) => a.at - b.at);
      late[division].delete(day);
      writer.openDaily("sales", day);
      writer.sales(delivered, tags);
      writer.closeDaily();
      for (const receipt of delivered) {
        tags.delete(receipt);
        receiptsWritten++;
        saleRows += receipt.lines.length;
      }
    }
    if ((day - firstDay + 1) % progressEvery === 0 || day === lastDay) {
      const elapsed = (performance.now() - started) / 1000;
      log(
        `${isoDate(day)}  day ${day - firstDay + 1}/${days}  receipts ${receiptsWritten.toLocaleString("en-US")}  lines ${saleRows.toLocaleString("en-US")}  ${elapsed.toFixed(1)} s  rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`,
      );
    }
  }

  // ─── Manifest and truth ─────────────────────────────────────────────────────────────────
  const header = {
    seed,
    people: scale.people,
    firstDay: isoDate(firstDay),
    lastDay: isoDate(lastDay),
    days,
    fileFaults: Boolean(options.fileFaults),
  };
  const manifest = delivery.writeManifest(header);
  writeIdentities(root, population, book, seed, referenceYear);
  writePlanted(root, plantedReport(header, planter, tally, manifest, population, seed));

  const files = manifest.length;
  return {
    out: root,
    people: scale.people,
    firstDay: isoDate(firstDay),
    lastDay: isoDate(lastDay),
    files,
    rows: manifest.reduce((sum, e) => sum + e.rows, 0),
    bytes: manifest.reduce((sum, e) => sum + e.bytes, 0),
    members,
    receipts: receiptsWritten,
    saleRows,
    seconds: (performance.now() - started) / 1000,
  };
}

/** One update: a move, a new phone or e-mail, or changed consents (the row carries the full record). */
function applyUpdate(population: Population, slot: number, day: number, rng: Rng): void {
  const roll = rng.next();
  const bump = (array: Uint8Array) => {
    array[slot] = Math.min(99, array[slot]! + 1);
  };
  if (roll < 0.35) bump(population.addressRev);
  else if (roll < 0.55) bump(population.phoneRev);
  else if (roll < 0.65) bump(population.emailRev);
  else {
    population.consentBits[slot] = randomConsents(rng);
    population.consentDay[slot] = day;
  }
}

function writeHq(root: string, delivery: Delivery, catalogues: Record<Division, Catalogue>, firstDay: number): void {
  const files: [string, string[]][] = [
    [HQ_FILES.categories, hqCategoriesLines(hqCategories())],
    [HQ_FILES.categoryMap, hqCategoryMapLines(DIVISIONS.flatMap((d) => catalogues[d].categoryMap))],
    [HQ_FILES.regions, hqRegionsLines()],
  ];
  for (const [name, lines] of files) {
    const sink = new FileSink(root, `hq/${name}`, "utf8", "\n");
    const [head, ...rows] = lines;
    sink.text(head!);
    for (const row of rows) sink.row(row);
    delivery.add(
      sink.close(),
      { division: "HQ", kind: "hq", day: null, control: null },
      nightlyArrival("HQ", firstDay - 1, "hq"),
    );
  }
}

function writeIdentities(
  root: string,
  population: Population,
  book: MemberBook,
  seed: number,
  referenceYear: number,
): void {
  const writer = new IdentityWriter(root);
  for (let slot = 0; slot < population.state.length; slot++) {
    if (population.state[slot] === SlotState.None) continue;
    const person = Math.floor(slot / 3);
    const variant = variantOf(seed, slot, population.formats[person]!);
    writer.add({
      division: DIVISIONS[slot % 3]!,
      member_no: book.memberNo(slot),
      card_no: book.cardNo(slot),
      person_id: personId(person),
      recorded_name: book.recordedName(slot),
      true_name: personOf(seed, person, referenceYear).name,
      has_ci: variant.hasCi,
      name_typo: variant.nameTypo,
      old_address: variant.oldAddress,
      other_phone: variant.otherPhone,
    });
  }
  writer.close();
}

function plantedReport(
  header: Record<string, unknown>,
  planter: Planter,
  tally: FileTally,
  manifest: readonly ManifestEntry[],
  population: Population,
  seed: number,
) {
  const totals = Object.fromEntries(
    FAULT_KINDS.map((kind) => [
      kind,
      {
        planted: planter.planted.get(kind) ?? 0,
        eligible: planter.eligible.get(kind) ?? 0,
        rate: FAULTS[kind].rate,
        per: FAULTS[kind].per,
      },
    ]),
  );
  const files = manifest.map((entry) => {
    // A correction is the undamaged original: its rows carry the original's planted problems.
    const source = entry.event === "correction" ? entry.path.slice(REDELIVERED.length + 1) : entry.path;
    const planted = entry.event === "duplicate_file" ? {} : tally.of(source);
    const rejected = entry.event === "duplicate_file" ? 0 : tally.rejectedRowsOf(source);
    return {
      path: entry.path,
      event: entry.event,
      rows: entry.rows,
      planted,
      expected:
        entry.event === "damaged" && entry.division !== "SM"
          ? { refused: true }
          : entry.event === "duplicate_file"
            ? { duplicateFile: true }
            : {
                // An SM file cut mid-line is not refused: its cut last line is one more rejected row.
                rejectedRows: rejected + (entry.event === "damaged" ? 1 : 0),
                duplicateRows: planted.duplicate_member_row ?? 0,
              },
    };
  });
  let multiFormat = 0;
  const identity = {
    nameTypos: 0,
    oldAddresses: 0,
    otherPhones: 0,
    withCi: { DPT: 0, MART: 0, SM: 0 },
    members: { DPT: 0, MART: 0, SM: 0 },
  };
  for (let person = 0; person < population.people; person++) {
    const formats = population.formats[person]!;
    if (formats !== 1 && formats !== 2 && formats !== 4) multiFormat++;
    for (let d = 0; d < 3; d++) {
      const slot = person * 3 + d;
      if (population.state[slot] === SlotState.None) continue;
      const variant = variantOf(seed, slot, formats);
      const division = DIVISIONS[d]!;
      identity.members[division]++;
      if (variant.hasCi) identity.withCi[division]++;
      if (variant.nameTypo) identity.nameTypos++;
      if (variant.oldAddress) identity.oldAddresses++;
      if (variant.otherPhone) identity.otherPhones++;
    }
  }
  return {
    generator: header,
    formatMix: FORMAT_MIX.map(([, share, label]) => ({ formats: label, share })),
    totals,
    identity: { people: population.people, multiFormatPeople: multiFormat, ...identity },
    files,
  };
}
