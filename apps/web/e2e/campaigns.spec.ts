import { campaignProgress, dispatchBatch, outboxProvider, planRun } from "@dangol/campaigns";
import { createRedis, JobProducer } from "@dangol/jobs";
import { takeSnapshot } from "@dangol/segments";
import { expect, type Page, test } from "@playwright/test";
import { callServerAction, db, demoUser, fixtureUser, signIn, storeStaff } from "./support.ts";

/**
 * The e2e run has no worker (its queue prefix is its own): what 지금 발송 enqueues is done here by
 * the same services the worker's campaigns.launch and campaigns.dispatch handlers call.
 */
async function standInForCampaignWorker(runId: string): Promise<void> {
  const connection = createRedis(process.env.REDIS_URL as string);
  const producer = new JobProducer(connection, process.env.DANGOL_QUEUE_PREFIX);
  try {
    const plan = await planRun(db(), runId);
    const providers = {
      SMS: outboxProvider(),
      EMAIL: outboxProvider(),
      DM: outboxProvider("dm_file"),
      TM: outboxProvider("tm_list"),
    };
    for (let batch = 0; batch < plan.batches; batch++) {
      await dispatchBatch(db(), producer, providers, runId, batch, { sleep: async () => {} });
    }
  } finally {
    await producer.close();
    connection.disconnect();
  }
}

test.afterAll(async () => {
  // Nothing took the jobs the screens queued: leave no e2e queue behind in Redis.
  const connection = createRedis(process.env.REDIS_URL as string);
  const producer = new JobProducer(connection, process.env.DANGOL_QUEUE_PREFIX);
  try {
    await producer.queue("campaigns").obliterate({ force: true });
  } finally {
    await producer.close();
    connection.disconnect();
  }
});

let chosen: { id: string; size: number } | undefined;

/**
 * The seed's ready-made segment (one per theme) with the most members on the demo retailer, each
 * snapshotted first, so the editor shows its size and the launch has someone to plan for.
 */
async function readyMadeSegment(): Promise<{ id: string; size: number }> {
  if (chosen) return chosen;
  const segments = await db().segment.findMany({ where: { builtIn: true, deletedAt: null }, orderBy: { id: "asc" } });
  for (const segment of segments) {
    const snapshot = await takeSnapshot(db(), segment.id, { reason: "manual", actor: { system: "cli" } });
    if (!chosen || snapshot.size > chosen.size) chosen = { id: segment.id.toString(), size: snapshot.size };
  }
  if (!chosen || chosen.size === 0) throw new Error("no ready-made segment has members on the seed's demo retailer");
  return chosen;
}

/** Tomorrow 10:00 Seoul, as a datetime-local input takes it. */
function tomorrowAtTen(): string {
  const seoul = new Date(Date.now() + 9 * 3_600_000 + 86_400_000);
  return `${seoul.toISOString().slice(0, 10)}T10:00`;
}

async function fillCampaign(page: Page, input: { name: string; segmentId: string; text: string; budget: string }) {
  const form = page.getByTestId("campaign-form");
  await form.getByLabel("이름").fill(input.name);
  await form.getByLabel("테마").selectOption("win_back");
  await form.getByLabel("대상 세그먼트").selectOption(input.segmentId);
  await form.getByLabel("문자", { exact: true }).check();
  await form.getByLabel("문자 내용").fill(input.text);
  await form.getByLabel("문자 1건당 비용 (원)").fill("20");
  await form.getByLabel("발송 일시 (서울)").fill(tomorrowAtTen());
  await form.getByLabel("예산 (원)").fill(input.budget);
}

test.describe.configure({ mode: "serial" });

let campaignId = "";

test("a CRM manager creates an SMS campaign (the counter shows LMS for a long text), approves it under the threshold, schedules it and sends it now; the runs show their progress", async ({
  page,
}) => {
  const crm = await fixtureUser("campaigns-crm");
  await signIn(page, crm.email, crm.password);
  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { name: "캠페인" })).toBeVisible();
  await page.getByRole("link", { name: "새 캠페인" }).click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  const segment = await readyMadeSegment();
  const name = `봄맞이 복귀 ${Date.now()}`;
  await fillCampaign(page, {
    name,
    segmentId: segment.id,
    text: "{{name}}님, 다시 만나요",
    budget: "100000",
  });
  const counter = page.getByTestId("sms-counter");
  await expect(counter).toHaveAttribute("data-kind", "SMS");
  // the composed ad (label, sender, 080 line) of a long text goes over 90 bytes
  await page.getByLabel("문자 내용").fill(`{{name}}님, ${"봄맞이 특별 할인 행사에 초대합니다. ".repeat(4)}`);
  await expect(counter).toHaveAttribute("data-kind", "LMS");
  await expect(counter).toContainText("장문(LMS)");
  await expect(page.getByTestId("approval-note")).not.toContainText("관리자 승인 필요");
  await expect(page.getByTestId("merge-help")).toContainText("{{coupon}}");

  // an unknown merge field is refused beside its field, in Korean
  await page.getByLabel("문자 내용").fill("{{nmae}}님, 다시 만나요");
  await page.getByRole("button", { name: "저장" }).click();
  await expect(page.locator('[data-error-for="channels.SMS.text"]')).toHaveText(
    "알 수 없는 치환 항목이 있습니다: {{nmae}}",
  );
  await page.getByLabel("문자 내용").fill(`{{name}}님, ${"봄맞이 특별 할인 행사에 초대합니다. ".repeat(4)}`);
  await page.getByRole("button", { name: "저장" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  campaignId = page.url().split("/").pop() as string;
  const stored = await db().campaign.findUniqueOrThrow({ where: { id: BigInt(campaignId) } });
  expect(stored).toMatchObject({ name, state: "DRAFT", budget: 100_000n });

  const actions = page.getByTestId("campaign-actions");
  await actions.getByRole("button", { name: "승인" }).click();
  await expect(page.getByTestId("campaign-state").locator("[data-state]")).toHaveAttribute("data-state", "APPROVED");
  await expect(page.getByTestId("approved-by")).toContainText("campaigns-crm");
  await actions.getByRole("button", { name: "예약" }).click();
  await expect(page.getByTestId("campaign-state").locator("[data-state]")).toHaveAttribute("data-state", "SCHEDULED");
  await actions.getByRole("button", { name: "지금 발송" }).click();
  await expect(page.getByTestId("campaign-state").locator("[data-state]")).toHaveAttribute("data-state", "RUNNING");

  // the run waits for the launch job: the page says so and keeps refreshing
  const runs = page.getByTestId("runs");
  await expect(runs).toHaveAttribute("data-live", "true");
  await expect(runs.locator("[data-run-status]")).toHaveAttribute("data-run-status", "planning");
  const run = await db().campaignRun.findFirstOrThrow({ where: { campaignId: BigInt(campaignId) } });
  await standInForCampaignWorker(run.id.toString());

  // the page refreshes itself (no reload here) and shows what the rows say
  await expect(runs.locator("[data-run-status]")).not.toHaveAttribute("data-run-status", "planning", {
    timeout: 15_000,
  });
  const [progress] = await campaignProgress(db(), campaignId);
  expect(progress!.snapshotSize).toBe(segment.size);
  expect(progress!.target + progress!.control).toBeGreaterThan(0);
  await expect(page.getByTestId("run-sent")).toHaveText(progress!.sent.toLocaleString("ko-KR"), { timeout: 15_000 });
  const audit = await db().auditLog.findMany({
    where: { targetType: "campaign", targetId: campaignId },
    orderBy: { id: "asc" },
    select: { action: true },
  });
  expect(audit.map((a) => a.action)).toEqual([
    "campaign.create",
    "campaign.approve",
    "campaign.schedule",
    "campaign.start",
  ]);

  // the DM print file of the run: Excel-ready CSV, audited as a personal-data export
  const dm = await page.request.get(`/api/campaigns/${campaignId}/runs/${run.id}/dm.csv`);
  expect(dm.status()).toBe(200);
  expect(dm.headers()["content-disposition"]).toContain("attachment");
  const body = await dm.text();
  expect(body.startsWith("\uFEFFcustomer_id,name,zip,address,letter\r\n")).toBe(true);
  expect(await db().auditLog.count({ where: { action: "campaign.export", targetId: campaignId } })).toBe(1);

  await page.goto("/campaigns?state=RUNNING&theme=win_back");
  await expect(page.locator(`[data-campaign-id="${campaignId}"]`)).toHaveText(name);
  await page.goto("/campaigns?state=DRAFT");
  await expect(page.locator(`[data-campaign-id="${campaignId}"]`)).toHaveCount(0);
});

test("a budget over the threshold needs an admin: the editor says so and a CRM manager's approve is refused", async ({
  page,
}) => {
  const crm = await fixtureUser("campaigns-crm-big");
  await signIn(page, crm.email, crm.password);
  await page.goto("/campaigns/new");
  const segment = await readyMadeSegment();
  const name = `대형 캠페인 ${Date.now()}`;
  await fillCampaign(page, { name, segmentId: segment.id, text: "다시 만나요", budget: "9000000" });
  await expect(page.getByTestId("approval-note")).toContainText("관리자 승인 필요");
  await page.getByRole("button", { name: "저장" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const id = page.url().split("/").pop() as string;
  // no approve button for this user …
  await expect(page.getByTestId("campaign-actions").getByRole("button", { name: "승인" })).toHaveCount(0);
  // … and the action called directly is refused by the server with the reason
  const origin = new URL(page.url()).origin;
  const answer = await callServerAction(
    page,
    { path: `/campaigns/${id}`, file: "campaigns/actions", name: "campaignStepAction", origin },
    { id, action: "approve" },
  );
  expect(answer).toContain("관리자(ADMIN)의 승인이 필요합니다");
  expect((await db().campaign.findUniqueOrThrow({ where: { id: BigInt(id) } })).state).toBe("DRAFT");

  // an admin may
  const admin = demoUser("ADMIN");
  await page.context().clearCookies();
  await signIn(page, admin.email, admin.password);
  await page.goto(`/campaigns/${id}`);
  await page.getByTestId("campaign-actions").getByRole("button", { name: "승인" }).click();
  await expect(page.getByTestId("campaign-state").locator("[data-state]")).toHaveAttribute("data-state", "APPROVED");
});

for (const role of ["ANALYST", "STORE_STAFF"] as const) {
  test(`${role} gets 403 on the campaign pages and downloads, and a directly called action is refused`, async ({
    page,
  }) => {
    const user =
      role === "STORE_STAFF" ? await storeStaff("campaigns-staff") : await fixtureUser("campaigns-analyst", role);
    const target = campaignId || "1";
    await signIn(page, user.email, user.password);
    for (const path of ["/campaigns", "/campaigns/new", `/campaigns/${target}`, `/campaigns/${target}/edit`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    const file = await page.request.get(`/api/campaigns/${target}/runs/1/tm.csv`);
    expect(file.status()).toBe(403);
    const before = await db().campaign.count();
    const origin = new URL(page.url()).origin;
    const answer = await callServerAction(
      page,
      { path: "/campaigns", file: "campaigns/actions", name: "campaignStepAction", origin },
      { id: target, action: "cancel" },
    );
    expect(answer).toContain("forbidden");
    expect(await db().campaign.count()).toBe(before);
    if (campaignId) {
      expect((await db().campaign.findUniqueOrThrow({ where: { id: BigInt(campaignId) } })).state).not.toBe(
        "CANCELLED",
      );
    }
  });
}
