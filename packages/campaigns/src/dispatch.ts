import type { Prisma, PrismaClient } from "@dangol/db/client";
import type { CampaignChannel, CampaignDefinition, CampaignSettings } from "@dangol/domain";
import type { JobProducer } from "@dangol/jobs";
import { composeMessage } from "./compose.ts";
import type {
  ChannelProvider,
  OutgoingMessage,
  ProviderSet,
  ResolveOutcome,
  SendOutcome,
} from "./providers/provider.ts";
import { queueDispatches } from "./runs.ts";
import { capDays, channelAddress, decide, loadSendInputs, type SendInputs } from "./send-inputs.ts";
import { loadCampaignSettings } from "./settings.ts";

type Tx = Prisma.TransactionClient;

/** Contacts checked per pass; each channel's share then goes to its provider in its own chunks. */
const PASS_SIZE = 1_000;

export type DispatchOptions = {
  /** the clock (tests move it across 08:00) */
  now?: () => Date;
  /** the e-mail opt-out link for one contact; null = none (then the mail carries no link) */
  unsubscribeUrl?: (contactId: bigint) => string | null;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (done: number) => void;
};

export type DispatchResult = {
  runId: string;
  batchNo: number;
  status: "done" | "held" | "paused" | "cancelled" | "not_dispatching";
  sent: number;
  failed: number;
  excluded: number;
  unknown: number;
  /** when the batch's held contacts go (quiet hours, a retry's backoff) */
  heldUntil: Date | null;
};

type ContactRow = {
  id: bigint;
  customer_id: bigint;
  channel: CampaignChannel;
  idempotency_key: string;
  coupon_code: string | null;
  attempts: number;
  claimed_at: Date | null;
};

/**
 * Sends one batch of a run. The order that makes "never twice, never silently lost" hold:
 * 1. contacts left CLAIMED by an earlier attempt (a crash) are resolved with their provider first:
 *    sent, safe to send (the provider never took it), or UNKNOWN for the operator — never resent blindly;
 * 2. each contact's rules are checked again now (consent, suppression, address, caps, quiet hours);
 * 3. it is CLAIMED in a committed write before any provider sees it;
 * 4. its outcome is written as soon as the provider answers.
 * A database provider (outbox, DM file, TM list) does 3 and 4 in one transaction with its send.
 */
export async function dispatchBatch(
  prisma: PrismaClient,
  producer: JobProducer,
  providers: ProviderSet,
  runId: string,
  batchNo: number,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const clock = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const id = BigInt(runId);
  const result: DispatchResult = {
    runId,
    batchNo,
    status: "done",
    sent: 0,
    failed: 0,
    excluded: 0,
    unknown: 0,
    heldUntil: null,
  };
  const state = await runState(prisma, id);
  if (!state) return { ...result, status: "not_dispatching" };
  if (state.campaignState === "CANCELLED" || state.runStatus === "cancelled") {
    await finishBatch(prisma, id, batchNo, clock());
    return { ...result, status: "cancelled" };
  }
  if (state.runStatus !== "dispatching") return { ...result, status: "not_dispatching" };
  if (state.campaignState === "PAUSED") return { ...result, status: "paused" };

  const definition = state.definition;
  const settings = await loadCampaignSettings(prisma);
  const bonus: Bonus = definition.offer.kind === "points" ? { runId: id, points: definition.offer.points } : null;
  const content = new Map(definition.channels.map((c) => [c.channel, c]));
  const limiter = rateLimiter(settings, sleep);

  const build = (rows: ContactRow[], inputs: Map<bigint, SendInputs>): OutgoingMessage[] =>
    rows.flatMap((row) => {
      const customer = inputs.get(row.customer_id);
      const to = customer ? channelAddress(row.channel, customer) : null;
      if (!customer || !to) return [];
      const composed = composeMessage(
        content.get(row.channel)!,
        definition.offer,
        {
          name: customer.name,
          tierName: customer.tierName,
          storeName: customer.storeName,
          couponCode: row.coupon_code,
        },
        settings,
        row.channel === "EMAIL" ? (options.unsubscribeUrl?.(row.id) ?? null) : null,
      );
      return [
        {
          contactId: row.id,
          customerId: row.customer_id,
          channel: row.channel,
          idempotencyKey: row.idempotency_key,
          firstClaimedAt: row.claimed_at ?? clock(),
          to,
          recipientName: customer.name,
          ...composed,
        },
      ];
    });

  // 1. What a crash left claimed.
  const orphans = await prisma.$queryRaw<ContactRow[]>`
    SELECT id, customer_id, channel, idempotency_key, coupon_code, attempts, claimed_at FROM campaign_contact
     WHERE run_id = ${id} AND batch_no = ${batchNo} AND status = 'CLAIMED' ORDER BY id`;
  if (orphans.length > 0) {
    const inputs = await loadSendInputs(prisma, unique(orphans.map((o) => o.customer_id)), {
      capDays: capDays(settings),
      now: clock(),
      excludeRunId: id,
    });
    for (const [channel, rows] of byChannel(orphans)) {
      const provider = providers[channel];
      const messages = build(rows, inputs);
      const outcomes =
        provider.kind === "database"
          ? await prisma.$transaction((tx) => provider.resolve(tx, messages))
          : await provider.resolve(messages);
      const answered = new Set(outcomes.map((o) => o.contactId));
      // No message could be built (the customer was erased since): nobody can say whether it went.
      const unbuilt = rows
        .filter((r) => !answered.has(r.id))
        .map(
          (r): ResolveOutcome => ({ contactId: r.id, status: "unknown", reason: "recipient gone before resolution" }),
        );
      const counts = await writeResolutions(prisma, provider.name, [...outcomes, ...unbuilt], clock(), bonus);
      result.sent += counts.sent;
      result.unknown += counts.unknown;
    }
  }

  // 2–4. The batch's planned contacts that are due.
  let done = 0;
  for (;;) {
    const now = clock();
    const current = await runState(prisma, id);
    if (current?.campaignState === "PAUSED") return { ...result, status: "paused" };
    if (current?.campaignState === "CANCELLED" || current?.runStatus === "cancelled") {
      await finishBatch(prisma, id, batchNo, now);
      return { ...result, status: "cancelled" };
    }
    const due = await prisma.$queryRaw<ContactRow[]>`
      SELECT id, customer_id, channel, idempotency_key, coupon_code, attempts, claimed_at FROM campaign_contact
       WHERE run_id = ${id} AND batch_no = ${batchNo} AND status = 'PLANNED' AND due_at <= ${now}::timestamptz
       ORDER BY id LIMIT ${PASS_SIZE}`;
    if (due.length === 0) break;
    const inputs = await loadSendInputs(prisma, unique(due.map((d) => d.customer_id)), {
      capDays: capDays(settings),
      now,
      excludeRunId: id,
    });
    const excluded: { id: bigint; reason: string }[] = [];
    const held: { id: bigint; dueAt: Date }[] = [];
    const ready: ContactRow[] = [];
    for (const row of due) {
      const verdict = decide(row.channel, inputs.get(row.customer_id), now, settings);
      if (!verdict.ok) excluded.push({ id: row.id, reason: verdict.reason });
      else if (verdict.sendAt.getTime() > now.getTime()) held.push({ id: row.id, dueAt: verdict.sendAt });
      else ready.push(row);
    }
    await prisma.$transaction(async (tx) => {
      await excludeContacts(tx, excluded, now);
      await holdContacts(tx, held);
      if (ready.length > 0) {
        // The batch's send time starts the response window of all its members, control included.
        await tx.$executeRaw`
          UPDATE campaign_batch SET sent_at = ${now}::timestamptz WHERE run_id = ${id} AND batch_no = ${batchNo} AND sent_at IS NULL`;
      }
    });
    result.excluded += excluded.length;
    for (const [channel, rows] of byChannel(ready)) {
      const provider = providers[channel];
      const messages = build(rows, inputs);
      for (const chunk of chunks(messages, provider.kind === "database" ? PASS_SIZE : provider.chunkSize)) {
        await limiter(channel, chunk.length);
        const counts = await sendChunk(prisma, provider, chunk, clock, settings, bonus);
        result.sent += counts.sent;
        result.failed += counts.failed;
      }
    }
    done += due.length;
    options.onProgress?.(done);
  }

  // Held contacts (quiet hours, a retry's backoff) keep the batch open until they are due.
  const [next] = await prisma.$queryRaw<{ due: Date | null }[]>`
    SELECT min(due_at) AS due FROM campaign_contact
     WHERE run_id = ${id} AND batch_no = ${batchNo} AND status = 'PLANNED'`;
  if (next?.due) {
    const delayMs = Math.max(0, next.due.getTime() - clock().getTime());
    await queueDispatches(producer, [{ runId, batchNo, tag: next.due.getTime(), delayMs }]);
    return { ...result, status: "held", heldUntil: next.due };
  }
  await finishBatch(prisma, id, batchNo, clock());
  return result;
}

async function runState(prisma: PrismaClient, runId: bigint) {
  const [row] = await prisma.$queryRaw<{ status: string; definition: unknown; state: string }[]>`
    SELECT r.status, r.definition, c.state FROM campaign_run r JOIN campaign c ON c.id = r.campaign_id WHERE r.id = ${runId}`;
  if (!row) return null;
  return {
    runStatus: row.status,
    campaignState: row.state,
    definition: row.definition as CampaignDefinition,
  };
}

/** Closes the batch, and the run when it was its last open batch. */
async function finishBatch(prisma: PrismaClient, runId: bigint, batchNo: number, now: Date): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE campaign_batch SET done_at = ${now}::timestamptz WHERE run_id = ${runId} AND batch_no = ${batchNo} AND done_at IS NULL`;
    await tx.$executeRaw`
      UPDATE campaign_run SET status = 'done', finished_at = ${now}::timestamptz
       WHERE id = ${runId} AND status = 'dispatching'
         AND NOT EXISTS (SELECT 1 FROM campaign_batch WHERE run_id = ${runId} AND done_at IS NULL)`;
  });
}

/**
 * Claims the chunk, hands it to the provider, records the outcomes. For a database provider the
 * three are one transaction; for a remote one the claim commits before the send, so a crash during
 * the send leaves the contacts CLAIMED (resolved on the next attempt), never PLANNED (sent again).
 */
async function sendChunk(
  prisma: PrismaClient,
  provider: ChannelProvider,
  messages: OutgoingMessage[],
  clock: () => Date,
  settings: CampaignSettings,
  bonus: Bonus,
): Promise<{ sent: number; failed: number }> {
  if (messages.length === 0) return { sent: 0, failed: 0 };
  if (provider.kind === "database") {
    return prisma.$transaction(async (tx) => {
      const claimed = await claim(tx, messages, clock());
      const outcomes = await provider.send(tx, claimed);
      return writeOutcomes(tx, provider.name, outcomes, clock(), settings, claimed, bonus);
    });
  }
  const claimed = await prisma.$transaction((tx) => claim(tx, messages, clock()));
  // A throw here (the connection broke mid-request) leaves the chunk CLAIMED: whether it went is not
  // known, so the job's retry resolves it with the provider instead of sending it again.
  const outcomes = await provider.send(claimed);
  return prisma.$transaction((tx) => writeOutcomes(tx, provider.name, outcomes, clock(), settings, claimed, bonus));
}

async function claim(tx: Tx, messages: OutgoingMessage[], now: Date): Promise<OutgoingMessage[]> {
  const rows = await tx.$queryRaw<{ id: bigint; claimed_at: Date }[]>`
    UPDATE campaign_contact SET status = 'CLAIMED', claimed_at = coalesce(claimed_at, ${now}::timestamptz), attempts = attempts + 1
     WHERE id = ANY(${messages.map((m) => m.contactId)}::bigint[]) AND status = 'PLANNED'
     RETURNING id, claimed_at`;
  const claimedAt = new Map(rows.map((r) => [r.id, r.claimed_at]));
  // Only what this claim took: a contact someone else claimed or excluded meanwhile is not ours.
  // claimed_at keeps the first attempt's time, which providers that deduplicate by date need.
  return messages
    .filter((m) => claimedAt.has(m.contactId))
    .map((m) => ({ ...m, firstClaimedAt: claimedAt.get(m.contactId)! }));
}

async function writeOutcomes(
  tx: Tx,
  providerName: string,
  outcomes: SendOutcome[],
  now: Date,
  settings: CampaignSettings,
  claimed: OutgoingMessage[],
  bonus: Bonus,
): Promise<{ sent: number; failed: number }> {
  const byId = new Map(claimed.map((m) => [m.contactId, m]));
  const sent = outcomes.filter((o) => o.status === "sent");
  const failed = outcomes.filter((o) => o.status === "failed");
  if (sent.length > 0) {
    await tx.$executeRaw`
      UPDATE campaign_contact c SET status = 'SENT', provider = ${providerName},
             provider_message_id = u.message_id, finished_at = ${now}::timestamptz
        FROM unnest(${sent.map((o) => o.contactId)}::bigint[], ${sent.map((o) => o.providerMessageId ?? null)}::text[])
             AS u(id, message_id)
       WHERE c.id = u.id AND c.status = 'CLAIMED'`;
    await creditBonus(
      tx,
      bonus,
      sent.map((o) => o.contactId),
      now,
    );
  }
  // A transient failure goes back to PLANNED with a backoff until maxAttempts; then it is FAILED,
  // the dead-letter list the detail page shows with each reason.
  const invalid = failed.filter((o) => o.invalidAddress);
  if (failed.length > 0) {
    await tx.$executeRaw`
      UPDATE campaign_contact c SET
             status = (CASE WHEN u.permanent OR c.attempts >= ${settings.maxAttempts} THEN 'FAILED' ELSE 'PLANNED' END)::campaign_contact_status,
             failure_reason = CASE WHEN u.permanent THEN u.reason
                                   WHEN c.attempts >= ${settings.maxAttempts} THEN 'gave up after ' || c.attempts || ' attempts: ' || u.reason
                                   ELSE NULL END,
             finished_at = CASE WHEN u.permanent OR c.attempts >= ${settings.maxAttempts} THEN ${now}::timestamptz ELSE NULL END,
             due_at = CASE WHEN u.permanent OR c.attempts >= ${settings.maxAttempts} THEN c.due_at
                           ELSE ${now}::timestamptz + (interval '5 seconds' * power(4, c.attempts - 1)) END,
             provider = ${providerName}
        FROM unnest(${failed.map((o) => o.contactId)}::bigint[], ${failed.map((o) => (o.status === "failed" ? o.reason : ""))}::text[],
                    ${failed.map((o) => (o.status === "failed" ? o.permanent : false))}::boolean[]) AS u(id, reason, permanent)
       WHERE c.id = u.id AND c.status = 'CLAIMED'`;
  }
  if (invalid.length > 0) {
    const rows = invalid.flatMap((o) => {
      const m = byId.get(o.contactId);
      return m
        ? [
            {
              customerId: m.customerId,
              channel: m.channel,
              address: m.to,
              reason: o.status === "failed" ? o.reason : "",
            },
          ]
        : [];
    });
    await tx.$executeRaw`
      INSERT INTO contact_address_invalid (customer_id, channel, address, reason)
      SELECT * FROM unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.channel)}::campaign_channel[],
                           ${rows.map((r) => r.address)}::text[], ${rows.map((r) => r.reason)}::text[])
      ON CONFLICT DO NOTHING`;
  }
  return { sent: sent.length, failed: failed.length };
}

async function writeResolutions(
  prisma: PrismaClient,
  providerName: string,
  outcomes: ResolveOutcome[],
  now: Date,
  bonus: Bonus,
): Promise<{ sent: number; unknown: number }> {
  const sent = outcomes.filter((o) => o.status === "sent");
  const retry = outcomes.filter((o) => o.status === "not_sent");
  const unknown = outcomes.filter((o) => o.status === "unknown");
  await prisma.$transaction(async (tx) => {
    if (sent.length > 0) {
      await tx.$executeRaw`
        UPDATE campaign_contact c SET status = 'SENT', provider = ${providerName},
               provider_message_id = u.message_id, finished_at = ${now}::timestamptz
          FROM unnest(${sent.map((o) => o.contactId)}::bigint[], ${sent.map((o) => (o.status === "sent" ? (o.providerMessageId ?? null) : null))}::text[])
               AS u(id, message_id)
         WHERE c.id = u.id AND c.status = 'CLAIMED'`;
      await creditBonus(
        tx,
        bonus,
        sent.map((o) => o.contactId),
        now,
      );
    }
    if (retry.length > 0) {
      await tx.$executeRaw`
        UPDATE campaign_contact SET status = 'PLANNED'
         WHERE id = ANY(${retry.map((o) => o.contactId)}::bigint[]) AND status = 'CLAIMED'`;
    }
    if (unknown.length > 0) {
      await tx.$executeRaw`
        UPDATE campaign_contact c SET status = 'UNKNOWN', provider = ${providerName}, failure_reason = u.reason, finished_at = ${now}::timestamptz
          FROM unnest(${unknown.map((o) => o.contactId)}::bigint[], ${unknown.map((o) => (o.status === "unknown" ? o.reason : ""))}::text[])
               AS u(id, reason)
         WHERE c.id = u.id AND c.status = 'CLAIMED'`;
    }
  });
  return { sent: sent.length, unknown: unknown.length };
}

/** A points offer: credited once per run and customer, with the outcome that made it SENT. */
type Bonus = { runId: bigint; points: number } | null;

/**
 * The offer's points reach the customer's one ledger as an EARN, with the first SENT contact of the
 * run (a customer reached on two channels gets them once). They expire like any earn: at the end
 * of the month 24 months on. created_by names the run, which is what makes a retry credit nothing.
 */
async function creditBonus(tx: Tx, bonus: Bonus, contactIds: bigint[], now: Date): Promise<void> {
  if (!bonus || contactIds.length === 0) return;
  const by = `campaign-run:${bonus.runId}`;
  await tx.$executeRaw`
    INSERT INTO point_entry (customer_id, kind, points, occurred_on, expires_on, reason, created_by)
    SELECT DISTINCT c.customer_id, 'EARN'::point_kind, ${bonus.points}::int, d.day,
           (date_trunc('month', d.day) + interval '25 months' - interval '1 day')::date, 'campaign bonus', ${by}
      FROM campaign_contact c
     CROSS JOIN (SELECT (${now}::timestamptz AT TIME ZONE 'Asia/Seoul')::date AS day) d
     WHERE c.id = ANY(${contactIds}::bigint[])
       AND NOT EXISTS (SELECT 1 FROM point_entry p WHERE p.customer_id = c.customer_id AND p.created_by = ${by})`;
}

async function excludeContacts(tx: Tx, rows: { id: bigint; reason: string }[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE campaign_contact c SET status = 'EXCLUDED', exclusion_reason = u.reason, finished_at = ${now}::timestamptz
      FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.reason)}::text[]) AS u(id, reason)
     WHERE c.id = u.id AND c.status = 'PLANNED'`;
}

async function holdContacts(tx: Tx, rows: { id: bigint; dueAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE campaign_contact c SET due_at = u.due_at
      FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.dueAt)}::timestamptz[]) AS u(id, due_at)
     WHERE c.id = u.id AND c.status = 'PLANNED'`;
}

/**
 * Keeps each channel under its rate (contacts per second) in this process: after n contacts the
 * channel must have been sending for at least n / rate seconds.
 */
function rateLimiter(settings: CampaignSettings, sleep: (ms: number) => Promise<void>) {
  const started = new Map<CampaignChannel, { at: number; count: number }>();
  return async (channel: CampaignChannel, n: number) => {
    const entry = started.get(channel) ?? { at: Date.now(), count: 0 };
    started.set(channel, entry);
    const earliest = entry.at + (entry.count * 1_000) / settings.ratePerSecond[channel];
    const wait = earliest - Date.now();
    if (wait > 0) await sleep(wait);
    entry.count += n;
  };
}

function byChannel<T extends { channel: CampaignChannel }>(rows: T[]): Map<CampaignChannel, T[]> {
  const groups = new Map<CampaignChannel, T[]>();
  for (const row of rows) {
    const list = groups.get(row.channel) ?? [];
    list.push(row);
    groups.set(row.channel, list);
  }
  return groups;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function unique(ids: bigint[]): bigint[] {
  return [...new Set(ids)];
}
