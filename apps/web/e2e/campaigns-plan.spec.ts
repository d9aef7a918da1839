import {
  type CampaignUser,
  campaignAction,
  compareCampaigns,
  createCampaign,
  dispatchBatch,
  loadCampaignSettings,
  outboxProvider,
  planRun,
} from "@dangol/campaigns";
import { createReceipt } from "@dangol/db/seed";
import type { CampaignDefinitionInput } from "@dangol/domain";
import { createRedis, JobProducer } from "@dangol/jobs";
import { takeSnapshot } from "@dangol/segments";
import { expect, test } from "@playwright/test";
import { roiText } from "../src/modules/campaigns/figures.ts";
import { callServerAction, db, demoUser, fixtureUser, signIn } from "./support.ts";

/*
 * The campaign planning screens: the calendar with the retailer's promotions, the comparison page
 * with a measured campaign, the settings (ADMIN only) and the role guard. Campaigns are made through
 * the services and, since the e2e run has no worker, launched and dispatched here by the same
 * services the worker's handlers call (as campaigns.spec.ts does).
 */

const DAY_MS = 86_400_000;
const SEOUL_MS = 9 * 3_600_000;

function producer() {
  const connection = createRedis(process.env.REDIS_URL as string);
  return { connection, producer: new JobProducer(connection, process.env.DANGOL_QUEUE_PREFIX) };
}

test.afterAll(async () => {
  const { connection, producer: p } = producer();
  try {
    await p.queue("campaigns").obliterate({ force: true });
  } finally {
    await p.close();
    connection.disconnect();
  }
});

async function crmUser(): Promise<CampaignUser> {
  const u = await db().user.findUniqueOrThrow({ where: { email: demoUser("CRM_MANAGER").email } });
  return { id: u.id, email: u.email, role: u.role };
}

/** The seed's ready-made segment with the most members, snapshotted, so a launch has someone to plan for. */
async function biggestSegment(): Promise<string> {
  const segments = await db().segment.findMany({ where: { builtIn: true, deletedAt: null }, orderBy: { id: "asc" } });
  let best = { id: "", size: -1 };
  for (const segment of segments) {
    const snapshot = await takeSnapshot(db(), segment.id, { reason: "manual", actor: { system: "cli" } });
    if (snapshot.size > best.size) best = { id: segment.id.toString(), size: snapshot.size };
  }
  if (best.size <= 0) throw new Error("no ready-made segment has members on the seed's demo retailer");
  return best.id;
}

function definition(name: string, segmentId: string, at: Date): CampaignDefinitionInput {
  return {
    name,
    theme: "win_back",
    segmentId,
    channels: [{ channel: "SMS", text: "{{name}}님, 다시 만나요", costPerContact: 20 }],
    schedule: { kind: "once", at: at.toISOString() },
    budget: 100_000,
    controlShare: 0.2,
  };
}

/** `days` from today at 10:00 Seoul, and that Seoul day. */
function seoulTen(days: number): { at: Date; day: string } {
  const local = new Date(Date.now() + SEOUL_MS + days * DAY_MS);
  const day = local.toISOString().slice(0, 10);
  return { at: new Date(new Date(`${day}T10:00:00Z`).getTime() - SEOUL_MS), day };
}

const shiftDay = (day: string, by: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + by * DAY_MS).toISOString().slice(0, 10);

test.describe.configure({ mode: "serial" });

test("a CRM manager adds a promotion on the calendar and sees it on the same days as a scheduled campaign", async ({
  page,
}) => {
  const segmentId = await biggestSegment();
  const when = seoulTen(3);
  const user = await crmUser();
  const name = `달력 캠페인 ${Date.now()}`;
  const { connection, producer: p } = producer();
  let id = "";
  try {
    ({ id } = await createCampaign(db(), user, definition(name, segmentId, when.at)));
    await campaignAction(db(), p, user, id, "approve");
    await campaignAction(db(), p, user, id, "schedule");
  } finally {
    await p.close();
    connection.disconnect();
  }

  const crm = await fixtureUser("plan-crm");
  await signIn(page, crm.email, crm.password);
  await page.goto("/campaigns");
  await page.getByTestId("campaign-links").getByRole("link", { name: "캘린더" }).click();
  await expect(page).toHaveURL(/\/campaigns\/calendar$/);
  await page.goto(`/campaigns/calendar?month=${when.day.slice(0, 7)}`);
  const cell = page.locator(`[data-day="${when.day}"]`);
  await expect(cell.locator(`[data-calendar-campaign="${id}"]`)).toHaveAttribute("data-kind", "planned");
  await expect(cell.locator(`[data-calendar-campaign="${id}"]`)).toContainText(`10:00 ${name}`);

  const form = page.getByTestId("promotion-form");
  // a refusal reads beside its field, in Korean
  await form.locator('input[name="startsOn"]').fill(when.day);
  await form.locator('input[name="endsOn"]').fill(shiftDay(when.day, -1));
  await form.getByRole("button", { name: "저장" }).click();
  await expect(form.locator('[data-error-for="name"]')).toHaveText("행사 이름을 100자 이내로 입력하세요.");
  await expect(form.locator('[data-error-for="formats"]')).toHaveText("업태를 하나 이상 고르세요.");
  await expect(form.locator('[data-error-for="endsOn"]')).toHaveText("종료일은 시작일과 같거나 뒤여야 합니다.");

  const promotion = `겨울 정기 세일 ${Date.now()}`;
  await form.getByLabel("행사 이름").fill(promotion);
  await form.getByLabel("종류").selectOption("sale");
  await form.locator('input[name="startsOn"]').fill(shiftDay(when.day, -1));
  await form.locator('input[name="endsOn"]').fill(shiftDay(when.day, 1));
  await form.getByLabel("할인점 (MART)").check();
  await form.getByLabel("메모").fill("전 점포");
  await form.getByRole("button", { name: "저장" }).click();
  await expect(form.getByRole("status")).toHaveText("저장했습니다.");

  const stored = await db().promotion.findFirstOrThrow({ where: { name: promotion } });
  expect(stored.formats).toEqual(["MART"]);
  // the promotion's bar and the campaign's dot share the campaign's day
  await expect(cell.locator(`[data-promotion-id="${stored.id}"]`)).toHaveText(promotion);
  await expect(cell.locator(`[data-calendar-campaign="${id}"]`)).toBeVisible();
  await expect(page.locator(`[data-day="${shiftDay(when.day, -1)}"] [data-promotion-id="${stored.id}"]`)).toBeVisible();
  await expect(page.getByTestId("promotion-list")).toContainText(promotion);
  expect(
    await db().auditLog.count({
      where: { action: "promotion.create", targetType: "promotion", targetId: stored.id.toString() },
    }),
  ).toBe(1);
});

test("the comparison page lists a measured campaign with its ROI, and its detail page has the measurement panel", async ({
  page,
}) => {
  const segmentId = await biggestSegment();
  const user = await crmUser();
  const name = `비교 캠페인 ${Date.now()}`;
  const { connection, producer: p } = producer();
  let id = "";
  try {
    ({ id } = await createCampaign(db(), user, definition(name, segmentId, seoulTen(1).at)));
    await campaignAction(db(), p, user, id, "approve");
    await campaignAction(db(), p, user, id, "schedule");
    await campaignAction(db(), p, user, id, "start");
    const run = await db().campaignRun.findFirstOrThrow({ where: { campaignId: BigInt(id) } });
    const plan = await planRun(db(), run.id.toString());
    const providers = {
      SMS: outboxProvider(),
      EMAIL: outboxProvider(),
      DM: outboxProvider("dm_file"),
      TM: outboxProvider("tm_list"),
    };
    for (let batch = 0; batch < plan.batches; batch++) {
      await dispatchBatch(db(), p, providers, run.id.toString(), batch, { sleep: async () => {} });
    }
  } finally {
    await p.close();
    connection.disconnect();
  }
  // Made measurable whatever the hour: quiet hours hold ads at night, so the batches are dated two
  // days back and the held contacts counted as sent; one target member buys within the window.
  const runId = (await db().campaignRun.findFirstOrThrow({ where: { campaignId: BigInt(id) } })).id;
  await db().campaignBatch.updateMany({ where: { runId }, data: { sentAt: new Date(Date.now() - 2 * DAY_MS) } });
  await db().campaignContact.updateMany({
    where: { runId, status: { in: ["PLANNED", "CLAIMED"] } },
    data: { status: "SENT", finishedAt: new Date(Date.now() - 2 * DAY_MS) },
  });
  const buyer = await db().campaignMember.findFirstOrThrow({ where: { runId, group: "TARGET" } });
  const store = await db().store.findFirstOrThrow({ orderBy: { id: "asc" } });
  await createReceipt(db(), {
    storeId: store.id,
    customerId: buyer.customerId,
    soldAt: new Date(Date.now() - DAY_MS),
    lines: [{ quantity: 1, unitPrice: 500_000 }],
  });
  await db().campaign.update({ where: { id: BigInt(id) }, data: { state: "COMPLETED", nextRunAt: null } });
  const expected = (await compareCampaigns(db(), { theme: "win_back" })).campaigns.find((c) => c.campaignId === id);
  expect(expected).toBeDefined();
  expect(expected!.targets).toBeGreaterThan(0);
  expect(expected!.cost).toBeGreaterThan(0);
  expect(expected!.pending).toBe(0);

  const crm = await fixtureUser("plan-compare");
  await signIn(page, crm.email, crm.password);
  await page.goto("/campaigns");
  await page.getByTestId("campaign-links").getByRole("link", { name: "캠페인 비교" }).click();
  await expect(page).toHaveURL(/\/campaigns\/compare$/);
  await page.goto("/campaigns/compare?theme=win_back&sort=roi");
  await expect(page.locator(`[data-compare-id="${id}"]`)).toHaveText(name);
  await expect(page.locator(`[data-compare-roi="${id}"]`)).toHaveText(roiText(expected!.roi));
  await expect(page.getByTestId("theme-rollup").locator('[data-theme-row="win_back"]')).toBeVisible();
  // a theme filter that excludes it
  await page.goto("/campaigns/compare?theme=tier_up");
  await expect(page.locator(`[data-compare-id="${id}"]`)).toHaveCount(0);

  await page.goto(`/campaigns/${id}`);
  const panel = page.getByTestId("measurement");
  await expect(panel).toBeVisible();
  await expect(page.getByTestId("roi-overall")).toHaveText(roiText(expected!.roi));
  await panel.getByText("어떻게 계산하나요?").click();
  await expect(page.getByTestId("measure-how")).toContainText("ROI = (증분 매출총이익 − 비용) ÷ 비용");
});

test("an ADMIN changes the approval threshold as a new version; a CRM manager reads it and cannot change it", async ({
  page,
}) => {
  const admin = demoUser("ADMIN");
  await signIn(page, admin.email, admin.password);
  await page.goto("/campaigns/settings");
  const form = page.getByTestId("campaign-settings-form");
  // a bad phone number is refused beside its field
  await form.getByLabel("발신자 연락처").fill("12345");
  await form.getByRole("button", { name: "새 버전으로 저장" }).click();
  await expect(form.locator('[data-error-for="senderPhone"]')).toHaveText(
    "02-123-4567 또는 1588-1234 같은 국내 번호로 입력하세요.",
  );
  await form.getByLabel("발신자 연락처").fill("1588-1234");
  // above both e2e budgets' sides of the default (100,000 under, 9,000,000 over) so other specs keep their meaning
  await form.getByLabel("관리자 승인이 필요한 예산 (원, 초과 시)").fill("6,000,000");
  await form.getByLabel("변경 메모").fill("e2e 승인 기준");
  await form.getByRole("button", { name: "새 버전으로 저장" }).click();
  await expect(form.getByRole("status")).toContainText("으로 저장했습니다.");
  await expect(page.getByTestId("current-threshold")).toHaveText("₩6,000,000");
  await expect(page.getByTestId("settings-versions")).toContainText("e2e 승인 기준");
  const saved = await loadCampaignSettings(db());
  expect(saved).toMatchObject({ approvalThreshold: 6_000_000, senderPhone: "1588-1234" });
  const versionsBefore = await db().analyticsConfig.count({ where: { kind: "campaigns" } });

  const crm = await fixtureUser("plan-settings");
  await page.context().clearCookies();
  await signIn(page, crm.email, crm.password);
  await page.goto("/campaigns/settings");
  await expect(page.getByTestId("current-threshold")).toHaveText("₩6,000,000");
  await expect(page.getByTestId("settings-read-only")).toBeVisible();
  await expect(page.getByTestId("campaign-settings-form")).toHaveCount(0);
  const origin = new URL(page.url()).origin;
  const answer = await callServerAction(
    page,
    { path: "/campaigns/settings", file: "campaigns/plan-actions", name: "saveCampaignSettingsForm", origin },
    { approvalThreshold: "1" },
  );
  expect(answer).toContain("캠페인 설정은 관리자(ADMIN)만 바꿀 수 있습니다.");
  expect(await db().analyticsConfig.count({ where: { kind: "campaigns" } })).toBe(versionsBefore);
  expect((await loadCampaignSettings(db())).approvalThreshold).toBe(6_000_000);
  expect(
    await db().auditLog.count({
      where: { action: "access.denied", targetId: "campaigns.settings", actorEmail: crm.email },
    }),
  ).toBe(1);
});

test("ANALYST gets 403 on the planning pages and a directly called promotion action is refused", async ({ page }) => {
  const analyst = await fixtureUser("plan-analyst", "ANALYST");
  await signIn(page, analyst.email, analyst.password);
  for (const path of ["/campaigns/compare", "/campaigns/calendar", "/campaigns/settings"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  const before = await db().promotion.count();
  const origin = new URL(page.url()).origin;
  const answer = await callServerAction(
    page,
    { path: "/campaigns/calendar", file: "campaigns/plan-actions", name: "savePromotionForm", origin },
    { name: "몰래 만든 행사", kind: "sale", formats: ["MART"], startsOn: "2031-01-01", endsOn: "2031-01-02" },
  );
  expect(answer).toContain("forbidden");
  expect(await db().promotion.count()).toBe(before);
});
