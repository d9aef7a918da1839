/**
 * Member batches: cleanse, resolve identities against the customers already linked, and write
 * golden records, source links, merges, held matches, consent and erasures — all in the batch's
 * transaction, every write a COPY into a temp table plus one set-based statement.
 */
import { RECOMPUTE_CUSTOMER_CONSENT_SQL } from "@dangol/db/consent";
import { cleanseName, cleanseZip, RegionMaster } from "@dangol/domain/cleansing";
import {
  buildGolden,
  type Candidate,
  IdentityIndex,
  type MatchOutcome,
  type MemberRecord,
} from "@dangol/domain/identity";
import type { PoolClient } from "pg";
import { STAGING_COLUMNS } from "../feeds/index.ts";
import type { Cell } from "../feeds/types.ts";
import { memberRecordOf, parseChangedAt } from "../identity/members.ts";
import { applyMerges, keptApartPairs, lockIdentity, pgTextArray } from "../identity/merge.ts";
import { eraseWithdrawn, type Withdrawal } from "./erase.ts";
import { LinkStates } from "./link-states.ts";
import { copyTemp } from "./temp-table.ts";

const COL = Object.fromEntries(STAGING_COLUMNS.member.map((name, i) => [name, i])) as Record<
  (typeof STAGING_COLUMNS.member)[number],
  number
>;

const key = (division: string, memberNo: string) => `${division}\u0000${memberNo}`;
const genderOf = (g: string | null): "M" | "F" | null => (g === "MALE" ? "M" : g === "FEMALE" ? "F" : null);

/** Every active, profiled source link as a MemberRecord, read page by page (keyset). */
async function* linkedRecords(
  client: PoolClient,
  where = "true",
  params: unknown[] = [],
): AsyncGenerator<{ customerId: string; record: MemberRecord; row: Record<string, unknown> }> {
  const columns = `id::text, source_code, member_no, card_no, customer_id::text, name, phone, email,
              birth_date::text AS birth_date, gender::text, zip, address_text, ci_hash, inferred, withdrawn_at, source_changed_at`;
  let after = "0";
  for (;;) {
    // A filtered read (a few customers' links) is one query; the full read goes page by page.
    const { rows } =
      params.length > 0
        ? await client.query(`SELECT ${columns} FROM customer_source_link WHERE id > $1 AND ${where}`, [
            after,
            ...params,
          ])
        : await client.query(`SELECT ${columns} FROM customer_source_link WHERE id > $1 ORDER BY id LIMIT 20000`, [
            after,
          ]);
    if (rows.length === 0) return;
    for (const r of rows) {
      yield {
        customerId: r.customer_id,
        row: r,
        record: {
          division: r.source_code,
          memberNo: r.member_no,
          name: r.name,
          phone: r.phone,
          birthDate: r.birth_date,
          email: r.email,
          zip: r.zip,
          address: r.address_text,
          ciHash: r.ci_hash,
          changedAt: r.source_changed_at ?? new Date(0),
          gender: genderOf(r.gender),
        },
      };
    }
    if (params.length > 0) return;
    after = rows[rows.length - 1].id;
  }
}

interface IdentityState {
  links: LinkStates;
  inferredByCard: Map<string, { customerId: string; memberNo: string }>;
  index: IdentityIndex;
}

/**
 * The worker loads one batch at a time, so the identity state of the last committed member batch
 * is kept in the process and reused while customer_source_link is as that batch left it (the
 * token: row count, highest id, latest update). Building it costs a full read of the links
 * (~2.5 s at 70k links); a sales batch that adds an inferred link, or any other writer, changes
 * the token and forces a rebuild. Kept only after COMMIT (promoteIdentityCache), dropped on error.
 */
let cache: (IdentityState & { token: string }) | null = null;
let pendingCache: (IdentityState & { token: string }) | null = null;

export function promoteIdentityCache(): void {
  if (pendingCache) cache = pendingCache;
  pendingCache = null;
}

export function dropIdentityCache(): void {
  cache = null;
  pendingCache = null;
}

/**
 * A sales batch adds inferred links (sales-only members): they never enter the index, so the
 * kept state is extended rather than rebuilt — when it was current before the batch's insert.
 */
export async function extendIdentityCache(
  client: PoolClient,
  tokenBefore: string,
  inferred: { division: string; member_key: string; card_no: string | null; customer_id: string }[],
): Promise<void> {
  const held = cache;
  cache = null;
  if (!held || held.token !== tokenBefore) return;
  // Only this batch's one INSERT may separate the two versions: any other write to the links or
  // merges (another writer's merge or unmerge) means the kept state is stale.
  const tokenAfter = await linksToken(client);
  if (Number(tokenAfter) !== Number(tokenBefore) + 1) return;
  for (const r of inferred) {
    held.links.set(key(r.division, r.member_key), {
      customerId: r.customer_id,
      inferred: true,
      withdrawnAt: null,
      changedAt: null,
    });
    if (r.card_no)
      held.inferredByCard.set(key(r.division, r.card_no), { customerId: r.customer_id, memberNo: r.member_key });
  }
  pendingCache = { ...held, token: tokenAfter };
}

/**
 * The identity state's version: a counter that statement-level triggers on customer_source_link
 * and customer_merge bump (migration identity_state_version), so any writer — a batch, a manual
 * merge or unmerge, an erasure — changes it, and reading it costs one row instead of a scan of
 * every link.
 */
export async function linksToken(client: PoolClient): Promise<string> {
  const { rows } = await client.query(
    `SELECT coalesce((SELECT version FROM identity_state_version WHERE id = 1), 0)::text AS token`,
  );
  return rows[0].token as string;
}

async function buildIdentityState(client: PoolClient): Promise<IdentityState> {
  const links = new LinkStates();
  const inferredByCard = new Map<string, { customerId: string; memberNo: string }>();
  // Records go into the index as they are read: collecting them first held every member record
  // twice (as objects and indexed) at the peak.
  const index = new IdentityIndex();
  for await (const { customerId, record, row } of linkedRecords(client)) {
    links.set(key(record.division, record.memberNo), {
      customerId,
      inferred: row.inferred as boolean,
      withdrawnAt: row.withdrawn_at as Date | null,
      changedAt: row.source_changed_at as Date | null,
    });
    if (row.inferred && row.card_no)
      inferredByCard.set(key(record.division, row.card_no as string), { customerId, memberNo: record.memberNo });
    if (!row.inferred && !row.withdrawn_at) index.upsert(customerId, record);
  }
  return { links, inferredByCard, index };
}

interface Pending {
  record: MemberRecord;
  lineNo: number;
  cardNo: string | null;
  joinDate: string | null;
  joinStore: string | null;
  consent: { at: string; values: (boolean | null)[] } | null;
  /** the inferred customer this record completes (by member number, or by card for SM) */
  inferredCustomer: string | null;
  inferredPlaceholder: string | null;
}

export interface MemberLoadStats {
  rows: number;
  customersCreated: number;
  links: number;
  merges: number;
  reviews: number;
  withdrawals: number;
  findings: number;
  consentEvents: number;
  stale: number;
  /** known members whose update brought a new CI or phone and were matched again */
  rematched?: number;
  identityIndex?: "reused" | "built";
}

const CHANNELS = ["SMS", "EMAIL", "DM", "TM", "NIGHT"] as const;

export async function loadMembers(client: PoolClient, batchId: string, businessDate: string): Promise<MemberLoadStats> {
  const stats: MemberLoadStats = {
    rows: 0,
    customersCreated: 0,
    links: 0,
    merges: 0,
    reviews: 0,
    withdrawals: 0,
    findings: 0,
    consentEvents: 0,
    stale: 0,
  };
  // ── the batch's rows, in file order, a chunk at a time ──
  let chunk = await stagedMemberChunk(client, batchId, 0);
  if (chunk.length === 0) return stats;
  // Manual merges / unmerges / review decisions wait for the batch, and the batch for them.
  await lockIdentity(client);
  // ── the index of everything already linked (kept between batches while the links are unchanged) ──
  const held = cache?.token === (await linksToken(client)) ? cache : null;
  cache = null;
  const { links, inferredByCard, index } = held ?? (await buildIdentityState(client));
  stats.identityIndex = held ? "reused" : "built";
  const keptApart = await keptApartPairs(client);
  const regions = await regionMaster(client);

  // Merges made in this batch, for the kept-apart pairs: a pair kept apart stays apart after
  // either side absorbed someone else.
  const survivorOf = new Map<string, string>();
  const current = (id: string): string => {
    let at = id;
    for (let hops = 0; survivorOf.has(at) && hops < 1000; hops++) at = survivorOf.get(at)!;
    return at;
  };
  const keptApartNow = (a: string, b: string) => {
    if (keptApart.size === 0) return false;
    const x = current(a);
    const y = current(b);
    for (const pair of keptApart) {
      const [p, q] = pair.split("|") as [string, string];
      const cp = current(p);
      const cq = current(q);
      if ((cp === x && cq === y) || (cp === y && cq === x)) return true;
    }
    return false;
  };

  // A first delivery at bench scale holds over half a million members: each chunk of the file is
  // applied like a small batch of its own (same transaction, same identity state), so the
  // worker's memory stays bounded by the chunk, not the file.
  const applyRows = async (rows: Cell[][]): Promise<void> => {
    // The CI and phone each known member had before this batch: an update that brings a new one
    // is matched again (see rematch below).
    const contact = new Map<string, { ci: string | null; phone: string | null }>();
    {
      const divisions: string[] = [];
      const numbers: string[] = [];
      for (const row of rows as Cell[][]) {
        const k = key(String(row[COL.division]), String(row[COL.member_no]));
        const state = links.get(k);
        if (state && !state.inferred && !state.withdrawnAt && !contact.has(k)) {
          contact.set(k, { ci: null, phone: null });
          divisions.push(String(row[COL.division]));
          numbers.push(String(row[COL.member_no]));
        }
      }
      if (numbers.length > 0) {
        const { rows: held } = await client.query(
          `SELECT l.source_code, l.member_no, l.ci_hash, l.phone FROM customer_source_link l
           JOIN unnest($1::text[], $2::text[]) AS k(source_code, member_no) USING (source_code, member_no)`,
          [divisions, numbers],
        );
        for (const r of held) contact.set(key(r.source_code, r.member_no), { ci: r.ci_hash, phone: r.phone });
      }
    }
    const freshIds: string[] = (
      await client.query(
        `SELECT nextval(pg_get_serial_sequence('customer', 'id'))::text AS id FROM generate_series(1, $1::int)`,
        [rows.length],
      )
    ).rows.map((r: { id: string }) => r.id);
    const created = new Set<string>();
    const activated = new Set<string>();
    const touched = new Set<string>();
    const mergedInto = new Map<string, string>();
    const merges: {
      survivor: string;
      merged: string;
      reason: string;
      score: number | null;
      evidence: string[];
      at: Date;
    }[] = [];
    const reviews: Cell[][] = [];
    const linkRows: Pending[] = [];
    const linkCustomer = new Map<Pending, string>();
    const findings: Cell[][] = [];
    const withdrawals: Withdrawal[] = [];
    let pending: Pending[] = [];

    const boolOf = (v: Cell | undefined) => (v === "true" ? true : v === "false" ? false : null);
    const text = (v: Cell | undefined) => (typeof v === "string" && v !== "" ? v : null);

    const reviewRow = (customerId: string, record: MemberRecord, c: Candidate, reason: string): Cell[] => [
      customerId,
      c.customerId,
      record.division,
      record.memberNo,
      c.matched.division,
      c.matched.memberNo,
      reason,
      c.score,
      pgTextArray(c.evidence),
    ];

    interface Decision {
      customerId: string;
      outcome: MatchOutcome;
      /** merges this record showed: [survivor, merged, the candidate that showed it] */
      merged: [string, string, Candidate][];
    }

    /** An insert (or an update with nothing new to match on): the daily flow of assignIncoming. */
    const assign = (p: Pending): Decision => {
      const outcome = index.match(p.record);
      let customerId: string;
      if (outcome.outcome !== "new") customerId = outcome.customerId;
      else if (p.inferredCustomer) {
        activated.add(p.inferredCustomer);
        customerId = p.inferredCustomer;
      } else {
        customerId = freshIds.pop()!;
        created.add(customerId);
      }
      index.upsert(customerId, p.record);
      const merged: Decision["merged"] = [];
      if (outcome.outcome === "link")
        for (const other of outcome.alsoStrong) {
          if (keptApartNow(customerId, other.customerId)) continue;
          if (index.mergeCustomers(customerId, other.customerId)) merged.push([customerId, other.customerId, other]);
        }
      return { customerId, outcome, merged };
    };

    /**
     * A known member whose update brings a CI or phone it did not have: matched again like an
     * insert, against everyone but its own record. Its link stays with its customer; another
     * customer it now matches strongly is merged with that customer (the older id survives) when
     * the two are consistent (no two CIs; no two birth dates unless the link is the CI itself),
     * else held for review as a conflict; review-band matches are held.
     */
    const rematch = (p: Pending, own: string): Decision => {
      const r = p.record;
      index.remove(r.division, r.memberNo);
      const outcome = index.match(r);
      index.upsert(own, r);
      const merged: Decision["merged"] = [];
      let customerId = own;
      const strong = outcome.outcome === "link" ? [outcome.link, ...outcome.alsoStrong] : [];
      const absorbed = new Set([own]);
      for (const c of strong) {
        if (absorbed.has(c.customerId) || c.customerId === customerId || keptApartNow(customerId, c.customerId))
          continue;
        // The union rule of the batch: a CI link overrides a birth-date difference, never a second CI.
        if (c.reason === "ci" || index.compatible(customerId, c.customerId)) {
          const [survivor, gone] =
            BigInt(c.customerId) < BigInt(customerId) ? [c.customerId, customerId] : [customerId, c.customerId];
          if (index.mergeCustomers(survivor, gone)) {
            merged.push([survivor, gone, c]);
            absorbed.add(gone);
            customerId = survivor;
            continue;
          }
        }
        reviews.push(reviewRow(customerId, r, c, c.reason === "ci" ? "ci_conflict" : "birth_conflict"));
      }
      if (outcome.outcome === "new")
        for (const c of outcome.review)
          if (c.customerId !== customerId && !keptApartNow(customerId, c.customerId))
            reviews.push(reviewRow(customerId, r, c, c.reason));
      return { customerId, outcome: { outcome: "known", customerId }, merged };
    };

    const flush = () => {
      for (const p of pending) {
        const r = p.record;
        const k = key(r.division, r.memberNo);
        const before = contact.get(k);
        const own = index.customerOf(r.division, r.memberNo);
        const fresh =
          before !== undefined &&
          own !== undefined &&
          ((r.ciHash !== null && r.ciHash !== before.ci) || (r.phone !== null && r.phone !== before.phone));
        const d = fresh ? rematch(p, own) : assign(p);
        if (before) contact.set(k, { ci: r.ciHash, phone: r.phone });
        if (fresh) stats.rematched = (stats.rematched ?? 0) + 1;
        linkRows.push(p);
        linkCustomer.set(p, d.customerId);
        touched.add(d.customerId);
        const at = r.changedAt;
        for (const [survivor, gone, c] of d.merged) {
          survivorOf.set(gone, survivor);
          merges.push({ survivor, merged: gone, reason: c.reason, score: c.score, evidence: c.evidence, at });
        }
        // A sales-only (inferred) customer whose member row turned out to be someone already known.
        if (d.outcome.outcome === "link" && p.inferredCustomer && p.inferredCustomer !== d.customerId)
          merges.push({
            survivor: d.customerId,
            merged: p.inferredCustomer,
            reason: "inferred_completed",
            score: d.outcome.link.score,
            evidence: d.outcome.link.evidence,
            at,
          });
        if (d.outcome.outcome === "new")
          for (const c of d.outcome.review)
            if (!keptApartNow(d.customerId, c.customerId)) reviews.push(reviewRow(d.customerId, r, c, c.reason));
      }
      pending = [];
    };

    for (const row of rows as Cell[][]) {
      const division = String(row[COL.division]);
      const memberNo = String(row[COL.member_no]);
      const lineNo = Number(row[STAGING_COLUMNS.member.length]);
      const change = String(row[COL.change_type]);
      const changedAtText = text(row[COL.changed_at]);
      const changedAt = changedAtText ? parseChangedAt(changedAtText) : new Date(`${businessDate}T00:00:00+09:00`);
      const k = key(division, memberNo);
      const state = links.get(k);
      if (change === "withdraw") {
        flush();
        if (!state) {
          findings.push([lineNo, "withdraw_unknown_member", "member_no", null, memberNo]);
          continue;
        }
        if (state.withdrawnAt && state.withdrawnAt >= changedAt) continue;
        index.remove(division, memberNo);
        withdrawals.push({ division, memberNo, at: changedAt });
        links.markWithdrawn(k, changedAt);
        continue;
      }
      // A late, older version of a member already updated (or withdrawn) changes nothing.
      if (
        state &&
        !state.inferred &&
        ((state.changedAt && state.changedAt > changedAt) || (state.withdrawnAt && state.withdrawnAt >= changedAt))
      ) {
        stats.stale++;
        continue;
      }
      if (change === "update" && (!state || state.inferred))
        findings.push([lineNo, "update_without_insert", "change_type", "U", memberNo]);
      // Cleansing findings the ingest does not judge (it checks e-mail, phone, birth date).
      const nameRaw = text(row[COL.name]);
      const name = cleanseName(nameRaw);
      if ("finding" in name) findings.push([lineNo, name.finding.kind, "name", nameRaw, memberNo]);
      const zipRaw = text(row[COL.zip]);
      const zip = cleanseZip(zipRaw);
      if ("finding" in zip) findings.push([lineNo, zip.finding.kind, "zip", zipRaw, memberNo]);

      const record = memberRecordOf(row, businessDate);
      // The region comes from the address (golden record); one the HQ master cannot place is a finding.
      if (record.address && regions && !regions.regionOfAddress(record.address))
        findings.push([lineNo, "unknown_region", "address", record.address, memberNo]);
      const cardNo = text(row[COL.card_no]);
      let inferredCustomer = state?.inferred ? state.customerId : null;
      let inferredPlaceholder: string | null = null;
      if (!inferredCustomer && cardNo) {
        const byCard = inferredByCard.get(key(division, cardNo));
        if (byCard) {
          inferredCustomer = byCard.customerId;
          inferredPlaceholder = byCard.memberNo;
          inferredByCard.delete(key(division, cardNo));
        }
      }
      const consentAt = text(row[COL.consent_changed_at]);
      pending.push({
        record,
        lineNo,
        cardNo,
        joinDate: text(row[COL.join_date]),
        joinStore: text(row[COL.join_store]),
        consent: consentAt
          ? {
              at: consentAt,
              values: [
                boolOf(row[COL.agree_sms]),
                boolOf(row[COL.agree_email]),
                boolOf(row[COL.agree_dm]),
                boolOf(row[COL.agree_tm]),
                boolOf(row[COL.agree_night]),
              ],
            }
          : null,
        inferredCustomer,
        inferredPlaceholder,
      });
      links.set(k, { customerId: "", inferred: false, withdrawnAt: null, changedAt });
    }
    flush();

    // Merge chains resolve to the final survivor.
    for (const m of merges) mergedInto.set(m.merged, m.survivor);
    const resolve = (id: string): string => {
      let at = id;
      for (let hops = 0; mergedInto.has(at) && hops < 1000; hops++) at = mergedInto.get(at)!;
      return at;
    };

    // ── writes ──
    // A new customer whose every record is in this chunk (most of a first delivery) is written once
    // with its golden values; the rest start empty and get theirs from their links below.
    const direct = await withoutCiClashes(
      client,
      customersOfOwnRecords(linkRows, linkCustomer, created, merges, withdrawals, regions),
    );
    const createdRows = [...created].filter((id) => !direct.has(id)).map((id) => [id]);
    stats.customersCreated += await copyTemp(client, "ld_new_customer", [["id", "bigint"]], createdRows);
    if (createdRows.length > 0)
      await client.query(
        `INSERT INTO customer (id, status, updated_at) SELECT id, 'ACTIVE', now() FROM ld_new_customer`,
      );
    stats.customersCreated += await insertGoldenCustomers(client, direct);
    if (activated.size > 0)
      await client.query(
        `UPDATE customer SET status = 'ACTIVE', updated_at = now() WHERE id = ANY($1::bigint[]) AND status = 'INFERRED'`,
        [[...activated]],
      );

    // Merges: snapshotted (reversibly) and applied by the one merge machinery (identity/merge.ts).
    const resolvedMerges = merges
      .map((m) => ({ ...m, survivor: resolve(m.survivor) }))
      .filter((m) => m.survivor !== m.merged);
    stats.merges += (await applyMerges(client, resolvedMerges, { mergedBy: "etl:identity", batchId })).length;
    for (const m of resolvedMerges) touched.add(m.survivor);

    // Source links: the division's current view of each member.
    const linksCopied = await copyTemp(
      client,
      "ld_link",
      [
        ["source_code", "text"],
        ["member_no", "text"],
        ["card_no", "text"],
        ["customer_id", "bigint"],
        ["join_date", "date"],
        ["join_store", "text"],
        ...PROFILE_COLUMNS,
        ["changed_at", "timestamptz"],
        ["placeholder", "text"],
        ["line_no", "int"],
      ],
      linkRows.map((p) => {
        const r = p.record;
        return [
          r.division,
          r.memberNo,
          p.cardNo,
          resolve(linkCustomer.get(p)!),
          p.joinDate,
          p.joinStore,
          r.name,
          r.phone,
          r.email,
          r.birthDate,
          r.gender === "M" ? "MALE" : r.gender === "F" ? "FEMALE" : null,
          r.zip,
          r.address,
          r.ciHash,
          r.changedAt.toISOString(),
          p.inferredPlaceholder,
          p.lineNo,
        ];
      }),
    );
    stats.links += linksCopied;
    if (linksCopied > 0) await writeLinks(client);

    // Findings the load stage judges (the ingest recorded the per-field ones it knows).
    const findingsCopied = await copyTemp(
      client,
      "ld_finding",
      [
        ["line_no", "int"],
        ["kind", "text"],
        ["field", "text"],
        ["raw_value", "text"],
        ["source_key", "text"],
      ],
      findings,
    );
    stats.findings += findingsCopied;
    if (findingsCopied > 0)
      await client.query(
        `INSERT INTO etl_finding (batch_id, line_no, kind, field, raw_value, source_key)
     SELECT $1, f.line_no, f.kind, f.field, f.raw_value, f.source_key FROM ld_finding f
      WHERE NOT EXISTS (SELECT 1 FROM etl_finding e WHERE e.batch_id = $1 AND e.line_no = f.line_no AND e.kind = f.kind)`,
        [batchId],
      );

    // Consent: every member row's state is an event; the current state is the latest event.
    const consentRows: Cell[][] = [];
    for (const p of linkRows) {
      if (!p.consent) continue;
      const customerId = resolve(linkCustomer.get(p)!);
      p.consent.values.forEach((granted, i) => {
        if (granted !== null)
          consentRows.push([customerId, CHANNELS[i]!, granted, p.consent!.at, p.record.division, p.record.memberNo]);
      });
    }
    const consentCopied = await copyTemp(
      client,
      "ld_consent",
      [
        ["customer_id", "bigint"],
        ["channel", "text"],
        ["granted", "boolean"],
        ["changed_at", "timestamptz"],
        ["source", "text"],
        ["source_ref", "text"],
      ],
      consentRows,
    );
    // The current state moves only where a new event outranks it (the order of
    // RECOMPUTE_CUSTOMER_CONSENT_SQL: later change, at the same instant the opt-out, then the later
    // event), so it is brought forward from the inserted events instead of re-read from all of them.
    if (consentCopied > 0) {
      const { rows: inserted } = await client.query(
        `WITH ins AS (
           INSERT INTO consent_event (customer_id, channel, granted, changed_at, source, source_ref)
           SELECT DISTINCT t.customer_id, t.channel::consent_channel, t.granted, t.changed_at, t.source, t.source_ref FROM ld_consent t
            WHERE NOT EXISTS (SELECT 1 FROM consent_event e WHERE e.customer_id = t.customer_id AND e.channel = t.channel::consent_channel
                                AND e.changed_at = t.changed_at AND e.source = t.source AND e.source_ref = t.source_ref
                                AND e.granted = t.granted)
           RETURNING id, customer_id, channel, granted, changed_at, source),
         latest AS (
           INSERT INTO customer_consent AS cc (customer_id, channel, granted, changed_at, source, updated_at)
           SELECT DISTINCT ON (customer_id, channel) customer_id, channel, granted, changed_at, source, now()
             FROM ins ORDER BY customer_id, channel, changed_at DESC, granted ASC, id DESC
           ON CONFLICT (customer_id, channel) DO UPDATE SET granted = excluded.granted, changed_at = excluded.changed_at,
             source = excluded.source, updated_at = now()
           WHERE (excluded.changed_at > cc.changed_at OR (excluded.changed_at = cc.changed_at AND (cc.granted OR NOT excluded.granted)))
             AND (cc.granted, cc.changed_at, cc.source) IS DISTINCT FROM (excluded.granted, excluded.changed_at, excluded.source))
         SELECT count(*)::int AS n FROM ins`,
      );
      stats.consentEvents += inserted[0].n as number;
    }

    // Withdrawals: erase personal data (see erase.ts); customers left with other links are recomputed.
    stats.withdrawals += withdrawals.length;
    const keepGolden = await eraseWithdrawn(client, withdrawals);
    for (const id of keepGolden) touched.add(id);

    // Golden records of every other touched customer, from their remaining active links; the
    // current consent of merge survivors (whose events moved) is recomputed whole.
    const touchedIds = [...new Set([...touched].map(resolve))].filter((id) => !direct.has(id));
    await recomputeGolden(client, touchedIds, { batchId, regions });
    await recomputeConsent(client, [...new Set(resolvedMerges.map((m) => m.survivor))]);

    const reviewsCopied = await copyTemp(
      client,
      "ld_review",
      [
        ["customer_id", "bigint"],
        ["candidate_customer_id", "bigint"],
        ["source_code", "text"],
        ["member_no", "text"],
        ["matched_source_code", "text"],
        ["matched_member_no", "text"],
        ["reason", "text"],
        ["score", "float8"],
        ["evidence", "text[]"],
      ],
      reviews.map((r) => [resolve(String(r[0])), resolve(String(r[1])), ...r.slice(2)]),
    );
    stats.reviews += reviewsCopied;
    if (reviewsCopied > 0)
      await client.query(
        `INSERT INTO identity_review (customer_id, candidate_customer_id, source_code, member_no, matched_source_code,
            matched_member_no, reason, score, evidence, batch_id)
     SELECT customer_id, candidate_customer_id, source_code, member_no, matched_source_code, matched_member_no, reason, score, evidence, $1
       FROM ld_review t WHERE customer_id <> candidate_customer_id
        -- a pair already held (either way round) or decided is not proposed again
        AND NOT EXISTS (SELECT 1 FROM identity_review o WHERE o.customer_id = t.candidate_customer_id
                          AND o.candidate_customer_id = t.customer_id AND o.status IN ('OPEN', 'REJECTED'))
     ON CONFLICT (customer_id, candidate_customer_id) DO NOTHING`,
        [batchId],
      );
  };
  while (chunk.length > 0) {
    stats.rows += chunk.length;
    await applyRows(chunk);
    const lastLine = Number(chunk[chunk.length - 1]![STAGING_COLUMNS.member.length]);
    chunk = chunk.length < MEMBER_CHUNK_ROWS ? [] : await stagedMemberChunk(client, batchId, lastLine);
  }
  pendingCache = { links, inferredByCard, index, token: await linksToken(client) };
  return stats;
}

const MEMBER_CHUNK_ROWS = 50_000;

/** The next chunk of a staged member batch after `afterLine`, in file order, every column as text. */
async function stagedMemberChunk(client: PoolClient, batchId: string, afterLine: number): Promise<Cell[][]> {
  const { rows } = await client.query({
    text: `SELECT ${STAGING_COLUMNS.member.map((c) => `${c}::text`).join(", ")}, line_no
             FROM staging.member WHERE batch_id = $1 AND line_no > $2 ORDER BY line_no LIMIT ${MEMBER_CHUNK_ROWS}`,
    values: [batchId, afterLine],
    rowMode: "array",
  });
  return rows;
}

/** Source links: the division's current view of each member (from ld_link). */
async function writeLinks(client: PoolClient): Promise<void> {
  await client.query(
    `DELETE FROM customer_source_link l USING ld_link t
      WHERE t.placeholder IS NOT NULL AND l.source_code = t.source_code AND l.member_no = t.placeholder AND l.inferred`,
  );
  await client.query(
    `INSERT INTO customer_source_link (source_code, member_no, card_no, customer_id, joined_store_id, joined_on, name, phone,
            email, birth_date, gender, zip, address_text, ci_hash, inferred, source_changed_at, last_seen_at, withdrawn_at, updated_at)
     SELECT DISTINCT ON (t.source_code, t.member_no) t.source_code, t.member_no, t.card_no, t.customer_id, s.id, t.join_date,
            t.name, t.phone, t.email, t.birth_date, t.gender::gender, t.zip, t.address_text, t.ci_hash, false, t.changed_at, now(), NULL, now()
       FROM ld_link t LEFT JOIN store s ON s.source_code = t.source_code AND s.code = t.join_store
      ORDER BY t.source_code, t.member_no, t.line_no DESC
     ON CONFLICT (source_code, member_no) DO UPDATE SET card_no = excluded.card_no, customer_id = excluded.customer_id,
       joined_store_id = excluded.joined_store_id, joined_on = excluded.joined_on, name = excluded.name, phone = excluded.phone,
       email = excluded.email, birth_date = excluded.birth_date, gender = excluded.gender, zip = excluded.zip,
       address_text = excluded.address_text, ci_hash = excluded.ci_hash, inferred = false,
       source_changed_at = excluded.source_changed_at, last_seen_at = now(), withdrawn_at = NULL, updated_at = now()`,
  );
}

/** The HQ region master as loaded into `region`, or null while it is empty (nothing to derive from). */
export async function regionMaster(client: PoolClient): Promise<RegionMaster | null> {
  const { rows } = await client.query(`SELECT sido, sigungu FROM region`);
  return rows.length === 0 ? null : new RegionMaster(rows);
}

export interface GoldenOptions {
  /** the member batch being applied (history rows say `batch:<id>`) */
  batchId?: string | null;
  /** overrides the history rows' source_ref (e.g. `merge:<id>` for a manual merge) */
  sourceRef?: string | null;
  /** the region master; read from `region` when not given */
  regions?: RegionMaster | null;
}

/** A member's profile as a source link and a golden record hold it (temp-table columns, in order). */
const PROFILE_COLUMNS = [
  ["name", "text"],
  ["phone", "text"],
  ["email", "text"],
  ["birth_date", "date"],
  ["gender", "text"],
  ["zip", "text"],
  ["address_text", "text"],
  // char(64) like customer.ci_hash: a text column would compare as text and keep the planner off
  // the unique index (a scan of every customer per statement).
  ["ci_hash", "char(64)"],
] as const;

const GOLDEN_COLUMNS = [["customer_id", "bigint"], ...PROFILE_COLUMNS, ["sido", "text"], ["sigungu", "text"]] as const;

/** Golden rows (GOLDEN_COLUMNS) and the losing values' history rows of each customer's records. */
function goldenRowsOf(
  recordsByCustomer: Map<string, MemberRecord[]>,
  regions: RegionMaster | null,
): { golden: Cell[][]; history: Cell[][] } {
  const golden: Cell[][] = [];
  const history: Cell[][] = [];
  for (const [customerId, records] of recordsByCustomer) {
    const g = buildGolden(records);
    const region = g.address && regions ? regions.regionOfAddress(g.address) : null;
    golden.push([
      customerId,
      g.name,
      g.phone,
      g.email,
      g.birthDate,
      g.gender === "M" ? "MALE" : g.gender === "F" ? "FEMALE" : null,
      g.zip,
      g.address,
      g.ciHash,
      region?.sido ?? null,
      region?.sigungu ?? null,
    ]);
    for (const h of g.history)
      history.push([customerId, h.field, h.value, h.division, h.memberNo, h.changedAt.toISOString()]);
  }
  return { golden, history };
}

const PHONE_LAST4_SQL = `CASE WHEN g.phone IS NULL THEN NULL ELSE right(regexp_replace(g.phone, '\\D', '', 'g'), 4) END`;

/**
 * Rebuilds golden records (buildGolden over each customer's active links) and their history;
 * 시/도 and 시/군/구 are derived from the surviving address with the HQ region master.
 */
export async function recomputeGolden(
  client: PoolClient,
  customerIds: string[],
  options: GoldenOptions = {},
): Promise<void> {
  if (customerIds.length === 0) return;
  const batchId = options.batchId ?? null;
  const sourceRef = options.sourceRef ?? (batchId === null ? null : `batch:${batchId}`);
  const regions = options.regions === undefined ? await regionMaster(client) : options.regions;
  const byCustomer = new Map<string, MemberRecord[]>();
  for (let i = 0; i < customerIds.length; i += 10000) {
    const ids = customerIds.slice(i, i + 10000);
    for await (const { customerId, record } of linkedRecords(
      client,
      "customer_id = ANY($2::bigint[]) AND NOT inferred AND withdrawn_at IS NULL",
      [ids],
    )) {
      const held = byCustomer.get(customerId);
      if (held) held.push(record);
      else byCustomer.set(customerId, [record]);
    }
  }
  const { golden, history } = goldenRowsOf(byCustomer, regions);
  if (golden.length === 0) return;
  await copyTemp(client, "ld_golden", GOLDEN_COLUMNS, golden);
  // A changed golden value is history too (old → new).
  await client.query(
    `INSERT INTO customer_attribute_history (customer_id, field, old_value, new_value, source_code, source_ref)
     SELECT c.id, v.field, v.old, v.new, NULL, $1::text
       FROM ld_golden g JOIN customer c ON c.id = g.customer_id
       CROSS JOIN LATERAL (VALUES ('name', c.name, g.name), ('phone', c.phone, g.phone), ('email', c.email, g.email),
                                  ('birthDate', c.birth_date::text, g.birth_date::text), ('gender', c.gender::text, g.gender),
                                  ('address', c.address_text, g.address_text)) AS v(field, old, new)
      WHERE c.status <> 'MERGED' AND v.old IS NOT NULL AND v.old IS DISTINCT FROM v.new`,
    [sourceRef],
  );
  // customer.ci_hash is unique and checked row by row: release CIs that move first, and never give
  // a CI another customer holds (an identity conflict the index could not see, e.g. a known member
  // whose update adds a CI) — hold that pair for review instead.
  await client.query(
    `UPDATE customer c SET ci_hash = NULL FROM ld_golden g
      WHERE c.id = g.customer_id AND c.ci_hash IS NOT NULL AND c.ci_hash IS DISTINCT FROM g.ci_hash`,
  );
  await client.query(
    `INSERT INTO identity_review (customer_id, candidate_customer_id, source_code, member_no, reason, evidence, batch_id)
     SELECT g.customer_id, o.id, l.source_code, l.member_no, 'ci_conflict', '{ci:equal}', $1::bigint
       FROM ld_golden g JOIN customer o ON o.ci_hash = g.ci_hash AND o.id <> g.customer_id
       JOIN LATERAL (SELECT source_code, member_no FROM customer_source_link
                      WHERE customer_id = g.customer_id AND ci_hash = g.ci_hash ORDER BY id LIMIT 1) l ON true
      WHERE NOT EXISTS (SELECT 1 FROM identity_review r WHERE r.customer_id = o.id AND r.candidate_customer_id = g.customer_id)
        AND NOT EXISTS (SELECT 1 FROM identity_review r WHERE r.customer_id = g.customer_id AND r.candidate_customer_id = o.id
                          AND r.status = 'REJECTED')
     ON CONFLICT (customer_id, candidate_customer_id) DO NOTHING`,
    [batchId],
  );
  await client.query(
    `UPDATE ld_golden g SET ci_hash = NULL
      WHERE g.ci_hash IS NOT NULL AND EXISTS (SELECT 1 FROM customer o WHERE o.ci_hash = g.ci_hash AND o.id <> g.customer_id)`,
  );
  await client.query(
    `UPDATE ld_golden g SET ci_hash = NULL
       FROM (SELECT customer_id, row_number() OVER (PARTITION BY ci_hash ORDER BY customer_id) AS rn
               FROM ld_golden WHERE ci_hash IS NOT NULL) d
      WHERE d.customer_id = g.customer_id AND d.rn > 1`,
  );
  await client.query(
    `UPDATE customer c SET name = g.name, phone = g.phone, phone_last4 = ${PHONE_LAST4_SQL},
            email = g.email, birth_date = g.birth_date, gender = g.gender::gender, zip = g.zip, address_text = g.address_text,
            sido = g.sido, sigungu = g.sigungu, ci_hash = g.ci_hash, status = 'ACTIVE',
            joined_on = (SELECT min(l.joined_on) FROM customer_source_link l WHERE l.customer_id = c.id AND l.withdrawn_at IS NULL),
            updated_at = now()
       FROM ld_golden g
      WHERE c.id = g.customer_id AND c.status <> 'MERGED'
        AND ((c.name, c.phone, c.email, c.birth_date, c.gender::text, c.zip, c.address_text, c.sido, c.sigungu, c.ci_hash,
              c.status::text)
             IS DISTINCT FROM (g.name, g.phone, g.email, g.birth_date, g.gender, g.zip, g.address_text, g.sido, g.sigungu,
                               g.ci_hash, 'ACTIVE'))`,
  );
  await writeGoldenHistory(client, history);
}

/** The losing values of golden records, once per customer, field, value and source. */
async function writeGoldenHistory(client: PoolClient, historyRows: Cell[][]): Promise<void> {
  const copied = await copyTemp(
    client,
    "ld_history",
    [
      ["customer_id", "bigint"],
      ["field", "text"],
      ["value", "text"],
      ["source_code", "text"],
      ["source_ref", "text"],
      ["changed_at", "timestamptz"],
    ],
    historyRows,
  );
  if (copied === 0) return;
  await client.query(
    `INSERT INTO customer_attribute_history (customer_id, field, old_value, new_value, source_code, source_ref, changed_at)
     SELECT DISTINCT ON (h.customer_id, h.field, h.value) h.customer_id, h.field, NULL, h.value, h.source_code, h.source_ref, h.changed_at
       FROM ld_history h
      WHERE NOT EXISTS (SELECT 1 FROM customer_attribute_history a WHERE a.customer_id = h.customer_id AND a.field = h.field
                          AND a.new_value = h.value AND a.source_code IS NOT DISTINCT FROM h.source_code)`,
  );
}

interface OwnRecords {
  records: MemberRecord[];
  joinedOn: string | null;
}

/**
 * The golden rows of customers created in this chunk, built from the chunk's own rows: each such
 * customer's records are the latest row of every member that ends up linked to it (as the links
 * will be written). Left out — and built from the written links as before — are customers a merge
 * touched or one of whose members withdrew in the chunk, whose links are not all in hand.
 */
function customersOfOwnRecords(
  linkRows: readonly Pending[],
  linkCustomer: Map<Pending, string>,
  created: ReadonlySet<string>,
  merges: readonly { survivor: string; merged: string }[],
  withdrawals: readonly Withdrawal[],
  regions: RegionMaster | null,
): { golden: Cell[][]; history: Cell[][] } {
  const latest = new Map<string, Pending>();
  for (const p of linkRows) latest.set(key(p.record.division, p.record.memberNo), p);
  const excluded = new Set(merges.flatMap((m) => [m.survivor, m.merged]));
  for (const w of withdrawals) {
    const p = latest.get(key(w.division, w.memberNo));
    if (p) excluded.add(linkCustomer.get(p)!);
  }
  const own = new Map<string, OwnRecords>();
  for (const p of latest.values()) {
    const customerId = linkCustomer.get(p)!;
    if (!created.has(customerId) || excluded.has(customerId)) continue;
    const held = own.get(customerId) ?? { records: [], joinedOn: null };
    held.records.push(p.record);
    if (p.joinDate !== null && (held.joinedOn === null || p.joinDate < held.joinedOn)) held.joinedOn = p.joinDate;
    own.set(customerId, held);
  }
  const { golden, history } = goldenRowsOf(new Map([...own].map(([id, o]) => [id, o.records])), regions);
  for (const row of golden) row.push(own.get(String(row[0]))!.joinedOn);
  return { golden, history };
}

/**
 * Leaves out the customers whose CI another customer holds, or another of them shares (an identity
 * conflict the index could not see): those take the path that holds the pair for review.
 */
async function withoutCiClashes(
  client: PoolClient,
  rows: { golden: Cell[][]; history: Cell[][] },
): Promise<{ golden: Cell[][]; history: Cell[][]; has(customerId: string): boolean }> {
  const CI = GOLDEN_COLUMNS.findIndex(([column]) => column === "ci_hash");
  const count = new Map<string, number>();
  for (const row of rows.golden) {
    const ci = row[CI] as string | null;
    if (ci !== null) count.set(ci, (count.get(ci) ?? 0) + 1);
  }
  const { rows: held } = await client.query(`SELECT ci_hash FROM customer WHERE ci_hash = ANY($1::char(64)[])`, [
    [...count.keys()],
  ]);
  for (const r of held) count.set(r.ci_hash, 2);
  const golden = rows.golden.filter((row) => row[CI] === null || count.get(row[CI] as string) === 1);
  const ids = new Set(golden.map((row) => String(row[0])));
  const history = rows.history.filter((row) => ids.has(String(row[0])));
  return { golden, history, has: (customerId) => ids.has(customerId) };
}

/** New customers written once, with their golden values and history. Returns how many. */
async function insertGoldenCustomers(
  client: PoolClient,
  rows: { golden: Cell[][]; history: Cell[][] },
): Promise<number> {
  const inserted = await copyTemp(client, "ld_new_golden", [...GOLDEN_COLUMNS, ["joined_on", "date"]], rows.golden);
  if (inserted === 0) return 0;
  await client.query(
    `INSERT INTO customer (id, status, name, phone, phone_last4, email, birth_date, gender, zip, address_text, sido, sigungu,
            ci_hash, joined_on, updated_at)
     SELECT g.customer_id, 'ACTIVE', g.name, g.phone, ${PHONE_LAST4_SQL}, g.email, g.birth_date, g.gender::gender, g.zip,
            g.address_text, g.sido, g.sigungu, g.ci_hash, g.joined_on, now()
       FROM ld_new_golden g`,
  );
  await writeGoldenHistory(client, rows.history);
  return inserted;
}

/** customer_consent brought up to date for these customers (the one statement every writer uses). */
export async function recomputeConsent(client: PoolClient, customerIds: string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await client.query(RECOMPUTE_CUSTOMER_CONSENT_SQL, [customerIds]);
}
