import { crossSellCandidates, runAnalyticsRefresh, withAnalyticsClient } from "@dangol/analytics";
import { createRedis, JobProducer } from "@dangol/jobs";
import { expect, test } from "@playwright/test";
import { callServerAction, db, demoUser, signIn } from "./support.ts";

// One refresh for the whole file, then the tests read and edit what it published, in order.
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The e2e run has no worker process: the refresh runs here, on the same database.
  await runAnalyticsRefresh({ databaseUrl: process.env.DATABASE_URL as string, trigger: "test" });
});

test("the CRM manager sees the refresh runs, tier distribution, RFM segments, model fits and basket rules", async ({
  page,
}) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.getByTestId("open-analytics").click();
  await expect(page).toHaveURL(/\/analytics$/);
  await expect(page.getByRole("heading", { name: "고객 분석" })).toBeVisible();
  const runs = page.getByTestId("analytics-runs");
  await expect(runs.locator('tr[data-status="succeeded"]').first()).toContainText("완료");
  await expect(runs.locator('tr[data-status="succeeded"]').first()).toContainText("100%");
  await expect(runs).toContainText("게시");
  const tiers = page.getByTestId("tier-distribution");
  const metrics = await db().customerMetrics.groupBy({ by: ["tierCode"], _count: { _all: true } });
  expect(metrics.length).toBeGreaterThan(0);
  for (const row of metrics) {
    await expect(tiers.locator("tr", { hasText: `(${row.tierCode})` })).toContainText(String(row._count._all));
  }
  await expect(page.getByTestId("rfm-segments")).toBeVisible();
  await expect(page.getByTestId("model-fits")).toContainText("α (alpha)");
  await expect(page.getByTestId("calibration")).toContainText("예측/실제");
});

test("refresh now queues a run that the screen shows at once", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/analytics");
  await page.getByRole("button", { name: "지금 새로 계산" }).click();
  await expect(page.getByRole("status")).toContainText(/계산을 요청했습니다 \(실행 #\d+\)/);
  await expect(page.getByTestId("analytics-runs").locator('tr[data-status="queued"]').first()).toContainText("대기");
  const run = await db().analyticsRun.findFirstOrThrow({ where: { trigger: "web" }, orderBy: { id: "desc" } });
  expect(run).toMatchObject({ status: "queued", requestedBy: crm.email });
  expect(run.jobId).toBeTruthy();
  const audit = await db().auditLog.findFirst({
    where: { action: "analytics.refresh.request", targetId: run.id.toString() },
  });
  expect(audit?.actorEmail).toBe(crm.email);
  // No worker takes it in the e2e run (its own queue prefix); retire it so later runs are not "busy".
  await db().analyticsRun.update({ where: { id: run.id }, data: { status: "failed", error: "e2e: no worker" } });
  const connection = createRedis(process.env.REDIS_URL as string);
  const producer = new JobProducer(connection, process.env.DANGOL_QUEUE_PREFIX);
  try {
    expect(await producer.queue("analytics").getJob(run.jobId as string)).toBeTruthy();
    await producer.queue("analytics").obliterate({ force: true });
  } finally {
    await producer.close();
    connection.disconnect();
  }
});

test("the CRM manager edits a tier threshold, sees a Korean field error, then the new version", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/analytics/tiers");
  const form = page.getByTestId("tier-rules-form");
  const before = await db().analyticsConfig.count({ where: { kind: "tiers" } });

  await form.getByLabel("최소 구매금액 (₩) GOLD").fill("99,000,000");
  await form.getByRole("button", { name: "새 버전으로 저장" }).click();
  await expect(form.getByTestId("error-tiers.2.minSpend")).toHaveText("위 등급의 최소 구매금액보다 낮아야 합니다.");
  await expect(form.getByLabel("최소 구매금액 (₩) GOLD")).toHaveValue("99,000,000");
  expect(await db().analyticsConfig.count({ where: { kind: "tiers" } })).toBe(before);

  await form.getByLabel("최소 구매금액 (₩) GOLD").fill("2,500,000");
  await form.locator('input[name="note"]').fill("e2e: GOLD 상향");
  await form.getByRole("button", { name: "새 버전으로 저장" }).click();
  await expect(form.getByRole("status")).toContainText(`저장했습니다 (새 버전 v${before + 1})`);
  await expect(page.getByTestId("current-tiers").locator("tr", { hasText: "(GOLD)" })).toContainText("₩2,500,000");
  const history = page.getByTestId("tier-versions");
  await expect(history.locator("tr", { hasText: `v${before + 1}` })).toContainText(crm.email);
  await expect(history.locator("tr", { hasText: `v${before + 1}` })).toContainText("e2e: GOLD 상향");
  const audit = await db().auditLog.findFirst({
    where: { action: "analytics.tiers.save", targetId: `tiers:v${before + 1}` },
  });
  expect(audit?.actorEmail).toBe(crm.email);
});

test("the why panel explains a customer's tier against the thresholds, with the gap to the next tier", async ({
  page,
}) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  const metrics = await db().customerMetrics.findFirstOrThrow({
    where: { tierCode: { not: "VVIP" }, rfmSegment: { not: null } },
    orderBy: { spend12m: "desc" },
  });
  await page.goto(`/customers/${metrics.customerId}`);
  await expect(page.getByTestId("why-tier-result")).toContainText(`(${metrics.tierCode})`);
  await expect(page.getByTestId("why-spend")).toHaveText(`₩${Number(metrics.spend12m).toLocaleString("ko-KR")}`);
  await expect(page.getByTestId("why-tier-gap")).toContainText("다음 등급");
  await expect(page.getByTestId("why-segment")).toContainText(`(${metrics.rfmCell})`);
  await expect(page.getByTestId("why-rfm")).toContainText("세그먼트 규칙");
  await expect(page.getByTestId("why-stage")).not.toBeEmpty();
  await expect(page.getByTestId("why-cycle")).toContainText("다음 예상 구매일");
  await expect(page.getByTestId("why-value")).toContainText("P(alive)");

  await page.goto("/customers");
  await page.locator(`tr[data-customer-id] a`).first().click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
});

test("the CRM manager opens the cross-sell list — antecedent bought, consequent never, by lift then spend — and its CSV", async ({
  page,
}) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/analytics");
  await page.getByRole("link", { name: "교차 판매 대상" }).click();
  await expect(page).toHaveURL(/\/analytics\/cross-sell$/);
  await expect(page.getByRole("heading", { name: "교차 판매 대상 (연관 구매)" })).toBeVisible();
  const all = await withAnalyticsClient(process.env.DATABASE_URL as string, (client) =>
    crossSellCandidates(client, { level: "category", limit: 100_000 }),
  );
  expect(all.length).toBeGreaterThan(0);
  const rows = page.getByTestId("cross-sell-list").locator("tbody tr");
  await expect(rows).toHaveCount(Math.min(all.length, 200));
  await expect(rows.first()).toContainText(`#${all[0]!.customerId}`);
  await expect(rows.first()).toContainText(`₩${all[0]!.spend12m.toLocaleString("ko-KR")}`);
  // The first candidate really bought every antecedent category and never the consequent.
  const first = all[0]!;
  const bought = await db().$queryRawUnsafe<{ code: string }[]>(
    `SELECT DISTINCT coalesce(c.parent_code, c.code)::text AS code FROM receipt_line l
       JOIN receipt r ON r.id = l.receipt_id JOIN category c ON c.code = l.category_code
      WHERE r.customer_id = $1::bigint AND r.type = 'SALE'`,
    first.customerId,
  );
  const codes = new Set(bought.map((b) => b.code));
  for (const item of first.lhs) expect(codes.has(item), item).toBe(true);
  expect(codes.has(first.rhs)).toBe(false);

  // One rule: the page narrows to it; the CSV carries the whole list with a header.
  await page.getByTestId("cross-sell-rules").locator(`li[data-rule-id="${first.ruleId}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`rule=${first.ruleId}`));
  await expect(rows).toHaveCount(Math.min(first.ruleCandidates, 200));
  const csv = await page.request.get(`/analytics/cross-sell/export?level=category&rule=${first.ruleId}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]?.replace(/^\uFEFF/, "")).toBe(
    "rule_id,lhs,rhs,lhs_name,rhs_name,lift,confidence,customer_id,tier_code,spend_12m,last_purchase_on",
  );
  expect(lines).toHaveLength(first.ruleCandidates + 1);
});

test("the analyst sees /analytics but gets 403 on the cross-sell list and its CSV", async ({ page }) => {
  const analyst = demoUser("ANALYST");
  await signIn(page, analyst.email, analyst.password);
  expect((await page.goto("/analytics"))?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "교차 판매 대상" })).toHaveCount(0);
  expect((await page.goto("/analytics/cross-sell"))?.status()).toBe(403);
  await expect(page.getByTestId("cross-sell-list")).toHaveCount(0);
  expect((await page.request.get("/analytics/cross-sell/export?level=category")).status()).toBe(403);
});

test("store staff gets 403 on the analytics screens and its direct tier-save and refresh calls are refused", async ({
  page,
  baseURL,
}) => {
  const staff = demoUser("STORE_STAFF");
  await signIn(page, staff.email, staff.password);
  for (const target of ["/analytics", "/analytics/tiers", "/customers/1"]) {
    const response = await page.goto(target);
    expect(response?.status(), target).toBe(403);
    await expect(page.getByTestId("tier-distribution")).toHaveCount(0);
    await expect(page.getByTestId("tier-rules-form")).toHaveCount(0);
  }
  const before = await db().analyticsConfig.count({ where: { kind: "tiers" } });
  const runsBefore = await db().analyticsRun.count();
  // The form's server function (the one the browser can reach), called as (previous state, input).
  for (const name of ["saveTierRulesForm", "requestRefreshForm"]) {
    const body = await callServerAction(
      page,
      { path: "/analytics/tiers", file: "analytics/actions", name, origin: baseURL as string },
      { "tiers.0.code": "VVIP", "tiers.0.name": "VVIP", "tiers.0.minSpend": "1" },
    );
    expect(body, name).toContain('"error":"forbidden"');
    expect(body, name).not.toContain('"ok":true');
  }
  expect(await db().analyticsConfig.count({ where: { kind: "tiers" } })).toBe(before);
  expect(await db().analyticsRun.count()).toBe(runsBefore);
  const denied = await db().auditLog.findFirst({
    where: { action: "access.denied", actorEmail: staff.email, targetId: "customers" },
    orderBy: { id: "desc" },
  });
  expect(denied).not.toBeNull();
});
