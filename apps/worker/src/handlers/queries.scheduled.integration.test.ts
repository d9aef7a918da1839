import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createLogger } from "@dangol/config";
import { createPrismaClient } from "@dangol/db/client";
import { formatSeoulDate, resolveDateValue } from "@dangol/domain";
import { createRedis, JobProducer, querySchedulerId } from "@dangol/jobs";
import {
  createSchedule,
  deleteSchedule,
  listSchedules,
  saveQuery,
  syncQuerySchedules,
  updateSchedule,
  WorkbenchInputError,
  type WorkbenchUser,
} from "@dangol/workbench/services";
import { QueueEvents } from "bullmq";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../workers.ts";
import { handlers } from "./index.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const databaseUrl = process.env.DATABASE_URL ?? "";

describe("queries.scheduled through a real BullMQ worker and a real SMTP server", () => {
  const prefix = `test-${randomUUID()}`;
  const connection = createRedis(redisUrl);
  const producer = new JobProducer(connection, prefix);
  const prisma = createPrismaClient(databaseUrl);
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  const smtpUrlBefore = process.env.SMTP_URL;
  let pool: WorkerPool;
  let events: QueueEvents;
  let owner: WorkbenchUser;

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    // The handler reads SMTP_URL like the worker process would (it runs in this process here).
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    const email = `analyst-${randomUUID().slice(0, 8)}@schedules.test`;
    const row = await prisma.user.create({ data: { email, name: email, role: "ANALYST", passwordHash: "unused" } });
    owner = { id: row.id, email, role: "ANALYST" };
    pool = startWorkers({
      connection,
      handlers,
      logger: createLogger("worker-test", "silent"),
      prefix,
      queues: ["queries"],
    });
    events = new QueueEvents("queries", { connection: createRedis(redisUrl), prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    if (smtpUrlBefore === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = smtpUrlBefore;
    await pool.close();
    await events.close();
    await producer.queue("queries").obliterate({ force: true });
    await producer.close();
    connection.disconnect();
    await prisma.$disconnect();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const weekly = () =>
    saveQuery(prisma, owner, {
      title: "주간 리포트",
      sql: "SELECT n, {{since}} AS since, 'a,\"b\"' AS note FROM generate_series(1, {{rows}}) AS n",
      parameters: [
        { name: "since", type: "date" },
        { name: "rows", type: "number" },
      ],
      parameterValues: { since: "2026-01-01", rows: 3 },
    });

  async function fire(scheduleId: string) {
    const job = await producer.enqueue("queries.scheduled", { scheduleId });
    return (await job.waitUntilFinished(events, 60_000)) as { runId: string; status: string; mailed: boolean };
  }

  it("upserts a Seoul-time job scheduler for an active schedule and refuses bad cron, recipients and values", async () => {
    const query = await weekly();
    const schedule = await createSchedule(prisma, producer, query.id, owner, {
      cron: "0 7 * * 1",
      parameterValues: { since: "last_week_start" },
      emailTo: ["CRM@Dangol.co.kr"],
    });
    expect(schedule).toMatchObject({ cron: "0 7 * * 1", emailTo: ["crm@dangol.co.kr"], active: true });
    const scheduler = await producer.queue("queries").getJobScheduler(querySchedulerId(schedule.id));
    expect(scheduler).toMatchObject({ pattern: "0 7 * * 1", tz: "Asia/Seoul", name: "queries.scheduled" });
    expect(scheduler?.template?.data).toEqual({ scheduleId: schedule.id });

    await expect(createSchedule(prisma, producer, query.id, owner, { cron: "every monday" })).rejects.toBeInstanceOf(
      WorkbenchInputError,
    );
    await expect(
      createSchedule(prisma, producer, query.id, owner, { cron: "0 7 * * 1", emailTo: ["not-an-address"] }),
    ).rejects.toThrow(/e-mail/);
    await expect(
      createSchedule(prisma, producer, query.id, owner, {
        cron: "0 7 * * 1",
        emailTo: Array.from({ length: 21 }, (_, i) => `p${i}@dangol.co.kr`),
      }),
    ).rejects.toThrow(/at most 20/);
    await expect(
      createSchedule(prisma, producer, query.id, owner, { cron: "0 7 * * 1", parameterValues: { since: "someday" } }),
    ).rejects.toThrow(/since/);

    await updateSchedule(prisma, producer, schedule.id, owner, { active: false });
    expect(await producer.queue("queries").getJobScheduler(querySchedulerId(schedule.id))).toBeUndefined();
    await deleteSchedule(prisma, producer, schedule.id, owner);
    expect(await listSchedules(prisma, query.id, owner)).toEqual([]);
  });

  it("runs the query with relative dates resolved today, keeps the snapshot and mails the CSV", async () => {
    const query = await weekly();
    const schedule = await createSchedule(prisma, producer, query.id, owner, {
      cron: "0 7 1 * *",
      parameterValues: { since: "today-7d" },
      emailTo: ["crm@dangol.co.kr", "analyst@dangol.co.kr"],
    });
    const mailsBefore = received.length;
    const outcome = await fire(schedule.id);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", mailed: true });

    const today = formatSeoulDate(new Date());
    const since = resolveDateValue("today-7d", today);
    const run = await prisma.queryRun.findUniqueOrThrow({ where: { id: BigInt(outcome.runId) } });
    expect(run).toMatchObject({
      trigger: "schedule",
      userId: null,
      scheduleId: BigInt(schedule.id),
      queryId: BigInt(query.id),
      status: "SUCCEEDED",
      rowCount: 3,
    });
    expect(run.rows).toEqual([
      [1, since, 'a,"b"'],
      [2, since, 'a,"b"'],
      [3, since, 'a,"b"'],
    ]);
    expect(run.parameterValues).toMatchObject({ values: { since: "today-7d", rows: 3 }, today });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "query.run", targetId: outcome.runId } });
    expect(audit).toMatchObject({ actorId: owner.id });
    expect(audit.details).toMatchObject({ scheduleId: schedule.id, trigger: "schedule" });
    expect((await listSchedules(prisma, query.id, owner))[0]?.lastRunAt).toBeInstanceOf(Date);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.length).toBe(mailsBefore + 1);
    const mail = received.at(-1) as ParsedMail;
    expect(mail.subject).toBe(`[Dangol] 주간 리포트 — ${today}`);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((address) => address?.value.map((entry) => entry.address))).toEqual([
      "crm@dangol.co.kr",
      "analyst@dangol.co.kr",
    ]);
    expect(mail.text).toContain("3행");
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment?.filename).toBe(`주간_리포트-${today}.csv`);
    expect(attachment?.contentType).toBe("text/csv");
    expect(attachment?.content.toString("utf8")).toBe(
      `\uFEFFn,since,note\r\n1,${since},"a,""b"""\r\n2,${since},"a,""b"""\r\n3,${since},"a,""b"""\r\n`,
    );

    // Every firing is a new snapshot; deleting the schedule stops it and keeps them.
    const again = await fire(schedule.id);
    expect(again.runId).not.toBe(outcome.runId);
    await deleteSchedule(prisma, producer, schedule.id, owner);
    expect(await producer.queue("queries").getJobScheduler(querySchedulerId(schedule.id))).toBeUndefined();
    const kept = await prisma.queryRun.findMany({
      where: { id: { in: [BigInt(outcome.runId), BigInt(again.runId)] } },
    });
    expect(kept.map((snapshot) => [snapshot.status, snapshot.trigger, snapshot.rowCount])).toEqual([
      ["SUCCEEDED", "schedule", 3],
      ["SUCCEEDED", "schedule", 3],
    ]);
  }, 90_000);

  it("re-syncs at boot: active schedules get their scheduler back, strays are removed", async () => {
    const query = await weekly();
    const active = await createSchedule(prisma, producer, query.id, owner, { cron: "30 8 * * *" });
    const queue = producer.queue("queries");
    await queue.removeJobScheduler(querySchedulerId(active.id));
    await queue.upsertJobScheduler(
      querySchedulerId("999999999"),
      { pattern: "0 0 1 1 *", tz: "Asia/Seoul" },
      { name: "queries.scheduled", data: { scheduleId: "999999999" } },
    );
    const synced = await syncQuerySchedules(prisma, producer);
    expect(synced.removed).toBe(1);
    expect(await queue.getJobScheduler(querySchedulerId("999999999"))).toBeUndefined();
    expect(await queue.getJobScheduler(querySchedulerId(active.id))).toMatchObject({ pattern: "30 8 * * *" });
    // A firing for a schedule that no longer exists is a no-op, not a failure.
    expect(await fire("999999999")).toEqual({ skipped: "missing" });
  }, 60_000);
});
