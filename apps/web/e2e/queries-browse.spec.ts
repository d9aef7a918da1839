import { saveQuery, type WorkbenchUser } from "@dangol/workbench/services";
import { expect, type Page, test } from "@playwright/test";
import { db, fixtureUser, signIn, standInForQueryWorker, storeStaff } from "./support.ts";

standInForQueryWorker();

/** A throw-away workbench account, signed in, with its service-side identity. */
async function workbenchUser(page: Page | null, name: string, role: "ANALYST" | "CRM_MANAGER" = "ANALYST") {
  const account = await fixtureUser(name, role);
  const { id } = await db().user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } });
  if (page) await signIn(page, account.email, account.password);
  const user: WorkbenchUser = { id, email: account.email, role };
  return user;
}

/** At a phone's 360 px nothing pushes the page sideways (wide tables scroll inside their own box). */
async function expectFitsPhone(page: Page, path: string): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(path);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
}

function listedTitles(page: Page): Promise<string[]> {
  return page.getByTestId("query-list").locator("li[data-query-id] > div > a").allInnerTexts();
}

test("the query list shows mine and the shared ones and filters by words, tag and mine-only in the URL", async ({
  page,
}) => {
  const me = await workbenchUser(page, "browse-me");
  const colleague = await workbenchUser(null, "browse-colleague", "CRM_MANAGER");
  const stamp = Date.now();
  const mine = await saveQuery(db(), me, {
    title: `내 월별 매출 ${stamp}`,
    description: "업태별 월 매출",
    tags: ["kpi", "monthly"],
    sql: "SELECT 1 AS one",
  });
  await saveQuery(db(), colleague, {
    title: `공유 등급 분포 ${stamp}`,
    tags: ["tiers"],
    visibility: "SHARED",
    sql: "SELECT tier_code, count(*) FROM customers GROUP BY 1",
  });
  await saveQuery(db(), colleague, { title: `남의 비공개 ${stamp}`, tags: ["kpi"], sql: "SELECT 2" });

  await page.goto("/queries");
  await expect(page.getByTestId("workbench-links").getByRole("link", { name: "피벗" })).toBeVisible();
  let titles = await listedTitles(page);
  expect(titles).toContain(`내 월별 매출 ${stamp}`);
  expect(titles).toContain(`공유 등급 분포 ${stamp}`);
  expect(titles).not.toContain(`남의 비공개 ${stamp}`);
  const row = page.locator(`li[data-query-id="${mine.id}"]`);
  await expect(row.getByRole("link", { name: "#kpi" })).toBeVisible();
  await expect(row).toContainText("비공개");
  await expect(row).toContainText("실행 기록 없음");

  // Words: a GET form, so the filter is the URL.
  const filters = page.getByTestId("query-filters");
  await filters.locator('input[name="q"]').fill(`등급 분포 ${stamp}`);
  await filters.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/\/queries\?q=/);
  expect(await listedTitles(page)).toEqual([`공유 등급 분포 ${stamp}`]);

  // A tag chip narrows to that tag (the colleague's private "kpi" query stays hidden).
  await page.goto("/queries");
  await row.getByRole("link", { name: "#kpi" }).click();
  await expect(page).toHaveURL(/tag=kpi/);
  titles = await listedTitles(page);
  expect(titles).toContain(`내 월별 매출 ${stamp}`);
  expect(titles).not.toContain(`공유 등급 분포 ${stamp}`);
  expect(titles).not.toContain(`남의 비공개 ${stamp}`);

  // Mine only.
  await page.goto("/queries?mine=1");
  await expect(page.getByTestId("query-filters").locator('input[name="mine"]')).toBeChecked();
  titles = await listedTitles(page);
  expect(titles).toContain(`내 월별 매출 ${stamp}`);
  expect(titles).not.toContain(`공유 등급 분포 ${stamp}`);
  await expectFitsPhone(page, "/queries");
});

test("the schema page documents every analytics view, how to join them and that there is no personal data", async ({
  page,
}) => {
  await workbenchUser(page, "browse-schema");
  const views = await db().$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'analytics' AND c.relkind = 'v' ORDER BY 1`;
  expect(views.length).toBeGreaterThan(10);

  await page.goto("/queries/schema");
  await expect(page.getByTestId("schema-view")).toHaveCount(views.length);
  for (const { name } of views) await expect(page.locator(`#view-${name}`)).toContainText(`analytics.${name}`);
  await expect(page.getByTestId("schema-rules")).toContainText("개인정보");
  await expect(page.getByTestId("schema-rules")).toContainText("100,000행");
  await expect(page.getByTestId("schema-joins")).toContainText("receipt_id");
  // The Korean half of "한국어 / English", and the column comments.
  const receipts = page.locator("#view-receipts");
  await expect(receipts).toContainText("영수증 (반품은 음수 금액)");
  await expect(receipts).not.toContainText("Receipts (returns have negative amounts)");
  await expect(receipts.locator("tr", { hasText: "net_amount" })).toContainText("결제 금액");

  // In English, the English half.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("#view-receipts")).toContainText("Receipts (returns have negative amounts)");
  await expect(page.getByTestId("schema-rules")).toContainText("No personal data");
  await expectFitsPhone(page, "/queries/schema");
});

test("a pivot of spend by month × format over a date range returns its rows and opens in the editor", async ({
  page,
}) => {
  await workbenchUser(page, "browse-pivot");
  const [range] = await db().$queryRaw<{ from: string; to: string }[]>`
    SELECT min(business_date)::text AS from, max(business_date)::text AS to FROM analytics.receipts`;
  if (!range) throw new Error("the demo fixture has no receipts");
  const [expected] = await db().$queryRaw<{ groups: bigint }[]>`
    SELECT count(*) AS groups FROM (
      SELECT 1 FROM analytics.receipts WHERE business_date BETWEEN ${range.from}::date AND ${range.to}::date
       GROUP BY to_char(business_date, 'YYYY-MM'), format) g`;
  const groups = Number(expected?.groups);
  expect(groups).toBeGreaterThan(1);

  await page.goto("/queries/pivot");
  const form = page.getByTestId("pivot-form");
  await form.getByLabel("매출액").check();
  await form.locator('select[name="d1"]').selectOption("month");
  await form.locator('select[name="d2"]').selectOption("format");
  await form.locator('input[name="from"]').fill(range.from);
  await form.locator('input[name="to"]').fill(range.to);
  await form.getByRole("button", { name: "피벗 만들기" }).click();
  await expect(page).toHaveURL(/m=spend/);
  await expect(page).toHaveURL(/d1=month&d2=format/);

  const sql = (await page.getByTestId("pivot-sql").textContent()) ?? "";
  expect(sql).toContain("{{date_from}}");
  expect(sql).not.toContain(range.from);
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
  await expect(page.getByTestId("results-summary")).toContainText(`${groups}행`);
  await expect(page.getByTestId("results-table").locator("thead")).toContainText("month");
  await expect(page.getByTestId("chart-canvas")).toHaveAttribute("data-kind", "line");

  // The run went the editor's way: audited with the SQL text and its bound dates.
  const run = await db().queryRun.findFirstOrThrow({ where: { sql }, orderBy: { id: "desc" } });
  expect(run.status).toBe("SUCCEEDED");
  expect(run.parameterValues).toMatchObject({ values: { date_from: range.from, date_to: range.to } });

  await page.getByTestId("open-in-editor").click();
  await expect(page).toHaveURL(/\/queries\/new\?sql=/);
  const opened = new URL(page.url()).searchParams;
  expect(opened.get("sql")).toBe(sql);
  expect(JSON.parse(opened.get("params") ?? "{}")).toMatchObject({
    definitions: expect.arrayContaining([{ name: "date_from", type: "date", label: "시작일" }]),
    values: { date_from: range.from, date_to: range.to },
  });
  await expect(page.locator('textarea[name="sql"]')).toHaveValue(sql);
  // …with the pivot's dates as the parameters' values, ready to run or save.
  await expect(page.getByTestId("param-date_from").locator('input[type="date"]')).toHaveValue(range.from);
  await expect(page.getByTestId("param-date_to").locator('input[type="date"]')).toHaveValue(range.to);

  await expectFitsPhone(page, `/queries/pivot?m=spend&d1=month&d2=format&from=${range.from}&to=${range.to}`);
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("a pinned query shows on the dashboard, reruns there, notifies when done and unpins", async ({ page }) => {
  const me = await workbenchUser(page, "browse-dashboard");
  const query = await saveQuery(db(), me, {
    title: `업태별 매출 타일 ${Date.now()}`,
    sql: "SELECT format, sum(net_amount) AS spend FROM receipts GROUP BY format ORDER BY format",
    chart: { kind: "bar", x: "format", y: ["spend"] },
  });

  await page.goto("/queries/dashboard");
  await expect(page.getByText("고정한 쿼리가 없습니다")).toBeVisible();

  // Pinned from the query's own page.
  await page.goto(`/queries/${query.id}`);
  await page.getByRole("button", { name: "대시보드에 고정" }).click();
  await expect(page.getByRole("button", { name: "대시보드 고정 해제" })).toBeVisible();

  await page.goto("/queries/dashboard");
  const card = page.locator(`[data-testid="dashboard-card"][data-query-id="${query.id}"]`);
  await expect(card).toContainText(query.title);
  await expect(card).toContainText("아직 성공한 실행이 없습니다");
  await card.getByTestId("rerun").click();
  await expect(card.getByTestId("run-status")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
  const formats = await db().$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT format) AS n FROM analytics.receipts`;
  await expect(card.locator('[data-testid="chart-canvas"][data-kind="bar"]')).toBeVisible();
  await expect(card.locator(".recharts-bar-rectangle")).toHaveCount(Number(formats[0]?.n));

  // The list shows the query's last run.
  await page.goto("/queries?mine=1");
  await expect(page.locator(`li[data-query-id="${query.id}"]`)).toContainText(/완료 \d+(\.\d+)?( ms|초)/);

  // Coming back, the tile shows the latest successful run and when it ran.
  await page.goto("/queries/dashboard");
  await expect(card).toContainText("실행 ·");
  await expect(card.locator('[data-testid="chart-canvas"][data-kind="bar"]')).toBeVisible();
  await expectFitsPhone(page, "/queries/dashboard");
  await expect(card.locator('[data-testid="chart-canvas"][data-kind="bar"]')).toBeVisible();

  // The finished run is counted in the shell until the list is opened.
  const bell = page.getByTestId("run-notifications");
  await expect(bell.getByTestId("run-notifications-count")).toHaveText("1");
  await bell.locator("summary").click();
  await expect(bell.getByRole("link", { name: new RegExp(query.title) })).toBeVisible();
  await expect(bell.getByTestId("run-notifications-count")).toHaveCount(0);
  await expect.poll(() => db().queryRun.count({ where: { userId: me.id, seenAt: null, status: "SUCCEEDED" } })).toBe(0);

  await card.getByTestId("unpin").click();
  await expect(card).toHaveCount(0);
  await expect(page.getByText("고정한 쿼리가 없습니다")).toBeVisible();
});

test("store staff gets 403 on the list, schema, pivot and dashboard pages and sees no run notifications", async ({
  page,
}) => {
  const staff = await storeStaff("browse-store");
  await signIn(page, staff.email, staff.password);
  await expect(page.getByTestId("run-notifications")).toHaveCount(0);
  for (const path of ["/queries", "/queries/schema", "/queries/pivot?m=spend&d1=month", "/queries/dashboard"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});
