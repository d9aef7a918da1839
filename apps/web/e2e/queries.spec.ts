import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { db, demoUser, signIn, standInForQueryWorker, storeStaff } from "./support.ts";

// One story in order: the analyst's saved query is what the CRM manager and the store account open.
test.describe.configure({ mode: "serial" });

const SQL =
  "SELECT format, sum(net_amount) AS spend FROM receipts WHERE business_date >= {{from}} GROUP BY format ORDER BY format";

standInForQueryWorker();

/** What the query should answer from `from` on, as the table shows it (thousands separators). */
async function expectedSpend(from: string): Promise<string[][]> {
  const rows = await db().$queryRaw<{ format: string; spend: bigint }[]>`
    SELECT format, sum(net_amount)::bigint AS spend FROM analytics.receipts
    WHERE business_date >= ${from}::date GROUP BY format ORDER BY format`;
  return rows.map((r) => [r.format, new Intl.NumberFormat("ko-KR").format(r.spend)]);
}

/** A day with receipts on both sides, so the two dates give different answers. */
async function middleDay(): Promise<string> {
  const [row] = await db().$queryRaw<{ day: string }[]>`
    SELECT (percentile_disc(0.5) WITHIN GROUP (ORDER BY business_date))::text AS day FROM analytics.receipts`;
  return row?.day as string;
}

async function tableRows(page: Page): Promise<string[][]> {
  const table = page.getByTestId("results-table");
  await expect(table.locator("tbody tr td").first()).not.toHaveText(/불러오는 중/);
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll("td")).map((cell) => cell.textContent?.trim() ?? "")),
    );
}

async function setFrom(page: Page, day: string): Promise<void> {
  await page.getByTestId("param-from").locator('input[type="date"]').fill(day);
}

async function runAndWait(page: Page, status: "SUCCEEDED" | "FAILED"): Promise<void> {
  await page.getByTestId("run").click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", status, { timeout: 30_000 });
}

let savedId = "";
let firstDay = "";
let firstRunId = "";

test("an analyst writes a parameterised query, runs it, charts it, exports it and saves it shared", async ({
  page,
}) => {
  const analyst = demoUser("ANALYST");
  await signIn(page, analyst.email, analyst.password);
  await page.goto("/queries/new");
  await expect(page.getByTestId("sql-editor").locator(".cm-content")).toBeVisible();
  await page.locator('textarea[name="sql"]').fill(SQL);
  // The editor shows what the mirror holds, and the placeholder became a date parameter.
  await expect(page.getByTestId("sql-editor").locator(".cm-content")).toContainText("{{from}}");
  await expect(page.getByTestId("param-from").getByRole("combobox").first()).toHaveValue("date");

  // No value yet: the refusal sits beside the field and nothing runs.
  await page.getByTestId("run").click();
  await expect(page.getByTestId("param-from").getByRole("alert")).toContainText("from");

  firstDay = "2000-01-01";
  await setFrom(page, firstDay);
  await runAndWait(page, "SUCCEEDED");
  const expected = await expectedSpend(firstDay);
  expect(expected.length).toBeGreaterThan(0);
  expect(await tableRows(page)).toEqual(expected);
  await expect(page.getByTestId("results-summary")).toContainText(`${expected.length}행`);
  const run = await db().queryRun.findFirstOrThrow({ orderBy: { id: "desc" } });
  firstRunId = String(run.id);

  // Numbers are right-aligned; sorting by spend descending puts the largest first.
  await page.getByTestId("results-table").getByRole("button", { name: "spend" }).click();
  await page.getByTestId("results-table").getByRole("button", { name: /spend/ }).click();
  const byNumber = (cells: string[]) => Number(cells[1]?.replaceAll(",", ""));
  const sorted = [...expected].sort((a, b) => byNumber(b) - byNumber(a));
  await expect.poll(() => tableRows(page)).toEqual(sorted);

  // Chart: a bar per format.
  await page.locator('select[name="chart-kind"]').selectOption("bar");
  await expect(page.locator('[data-testid="chart-canvas"][data-kind="bar"]')).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle")).toHaveCount(expected.length);

  // CSV export: the header names the result's columns (after Excel's byte-order mark).
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync((await download.path()) as string, "utf8");
  expect(csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("format,spend");
  expect(await db().auditLog.count({ where: { action: "query.export", targetId: firstRunId } })).toBe(1);

  // Save it shared with the CRM team.
  const save = page.getByTestId("save-query");
  await save.getByLabel("제목").fill("업태별 매출 (e2e)");
  await save.getByLabel("CRM팀과 공유").check();
  await save.getByTestId("save").click();
  await expect(page).toHaveURL(/\/queries\/\d+$/);
  savedId = /\/queries\/(\d+)$/.exec(page.url())?.[1] as string;
  const saved = await db().savedQuery.findUniqueOrThrow({ where: { id: BigInt(savedId) } });
  expect(saved).toMatchObject({ title: "업태별 매출 (e2e)", visibility: "SHARED", sql: SQL });
  expect(saved.chart).toMatchObject({ kind: "bar", x: "format", y: ["spend"] });
  expect(saved.parameterValues).toEqual({ from: firstDay });
  await expect(page.getByTestId("query-versions")).toContainText(analyst.email);

  // A second save is a new version naming what changed.
  await page.getByTestId("save-query").getByLabel("설명").fill("업태별 결제 금액");
  await page.getByTestId("save-query").getByTestId("save").click();
  await expect(page.getByTestId("query-versions").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("query-versions").locator("li").first()).toContainText("설명");

  // Pinned to the analyst's dashboard, and run every Monday at 07:00 with the saved values.
  await page.getByTestId("pin").click();
  await expect(page.getByTestId("pin")).toHaveText("대시보드 고정 해제");
  expect(await db().dashboardPin.count({ where: { queryId: BigInt(savedId) } })).toBe(1);
  const schedule = page.getByTestId("schedule-form");
  await schedule.getByLabel("주기").selectOption("weekly");
  await schedule.getByRole("button", { name: "예약 추가" }).click();
  await expect(page.getByTestId("query-schedules").locator("li")).toContainText("매주 월요일 07:00");
  expect(await db().querySchedule.findFirstOrThrow({ where: { queryId: BigInt(savedId) } })).toMatchObject({
    cron: "0 7 * * 1",
  });
});

test("the CRM manager opens the shared query read-only and reruns it with another date", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/queries");
  await page.getByTestId("query-list").getByRole("link", { name: "업태별 매출 (e2e)" }).click();
  await expect(page).toHaveURL(new RegExp(`/queries/${savedId}$`));
  await expect(page.getByTestId("read-only")).toContainText(demoUser("ANALYST").email);
  await expect(page.getByTestId("save-query")).toHaveCount(0);
  // The saved chart comes along; the saved value is filled in.
  await expect(page.getByTestId("param-from").locator('input[type="date"]')).toHaveValue(firstDay);

  const day = await middleDay();
  await setFrom(page, day);
  await runAndWait(page, "SUCCEEDED");
  const expected = await expectedSpend(day);
  expect(expected).not.toEqual(await expectedSpend(firstDay));
  expect(await tableRows(page)).toEqual(expected);
  await expect(page.locator('[data-testid="chart-canvas"][data-kind="bar"]')).toBeVisible();

  // The run joins the query's history as soon as it is done.
  await expect(page.getByTestId("query-runs").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("query-runs").locator("tbody tr")).toContainText(crm.email);
  const run = await db().queryRun.findFirstOrThrow({ orderBy: { id: "desc" }, include: { user: true } });
  expect(run).toMatchObject({ queryId: BigInt(savedId), sql: SQL, status: "SUCCEEDED" });
  expect(run.user?.email).toBe(crm.email);
  // The owner's query is unchanged: a viewer cannot overwrite it.
  const saved = await db().savedQuery.findUniqueOrThrow({ where: { id: BigInt(savedId) } });
  expect(saved.version).toBe(2);

  // On a phone-sized screen nothing but the results table itself scrolls sideways.
  await page.setViewportSize({ width: 360, height: 780 });
  // The chart re-measures itself after the resize (ResizeObserver): wait for the layout to settle.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Duplicating gives the manager a private copy to edit.
  await page.getByTestId("duplicate").click();
  await expect(page).not.toHaveURL(new RegExp(`/queries/${savedId}$`));
  await expect(page.getByTestId("save-query")).toBeVisible();
  const copy = await db().savedQuery.findFirstOrThrow({ orderBy: { id: "desc" }, include: { owner: true } });
  expect(copy).toMatchObject({ title: "업태별 매출 (e2e) (사본)", visibility: "PRIVATE", sql: SQL });
  expect(copy.owner.email).toBe(crm.email);
});

test("store staff get 403 on the workbench pages and its API", async ({ page }) => {
  const staff = await storeStaff("queries-403");
  await signIn(page, staff.email, staff.password);
  for (const path of ["/queries", "/queries/new", `/queries/${savedId}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("workbench")).toHaveCount(0);
  }
  for (const path of [
    `/api/queries/runs/${firstRunId}`,
    `/api/queries/runs/${firstRunId}/rows?page=1`,
    `/api/queries/runs/${firstRunId}/export?format=csv`,
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect(await response.json()).toEqual({ error: "forbidden" });
  }
});

test("a hostile statement is refused and changes nothing", async ({ page }) => {
  const analyst = demoUser("ANALYST");
  const before = await db().receipt.count();
  await signIn(page, analyst.email, analyst.password);
  await page.goto("/queries/new");
  await page.locator('textarea[name="sql"]').fill("DELETE FROM receipts");
  await runAndWait(page, "FAILED");
  await expect(page.getByTestId("run-error")).toContainText(
    "조회문(SELECT, WITH, VALUES, TABLE) 하나만 실행할 수 있습니다",
  );
  await expect(page.getByTestId("run-error")).toContainText("Only one read-only query can run here");
  expect(await db().receipt.count()).toBe(before);
});

test("an analyst picks a segment by name for a {{segment}} parameter and gets its latest snapshot's members", async ({
  page,
}) => {
  const prisma = db();
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: demoUser("CRM_MANAGER").email } });
  const members = await prisma.customer.findMany({ where: { status: "ACTIVE" }, orderBy: { id: "asc" }, take: 3 });
  const segment = await prisma.segment.create({
    data: {
      name: `워크벤치 세그먼트 ${Date.now()}`,
      ownerId: owner.id,
      definition: { kind: "group", op: "and", negate: false, children: [] },
      snapshots: {
        create: {
          reason: "manual",
          definition: {},
          size: members.length,
          spend12m: 0n,
          baseSize: members.length,
          members: { create: members.map((m) => ({ customerId: m.id })) },
        },
      },
    },
  });
  const analyst = demoUser("ANALYST");
  await signIn(page, analyst.email, analyst.password);
  await page.goto("/queries/new");
  await expect(page.getByTestId("sql-editor").locator(".cm-content")).toBeVisible();
  await page
    .locator('textarea[name="sql"]')
    .fill("SELECT count(*) AS members FROM segment_members WHERE segment_id = {{segment}}");
  await expect(page.getByTestId("param-segment").getByRole("combobox").first()).toHaveValue("segment");
  await page.getByTestId("param-segment").getByLabel("segment 값").selectOption({ label: segment.name });
  await runAndWait(page, "SUCCEEDED");
  expect(await tableRows(page)).toEqual([[String(members.length)]]);
});

test("a running query shows its elapsed time and stops on Cancel", async ({ page }) => {
  const analyst = demoUser("ANALYST");
  await signIn(page, analyst.email, analyst.password);
  await page.goto("/queries/new");
  await page.locator('textarea[name="sql"]').fill("SELECT pg_sleep(20)");
  await page.getByTestId("run").click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "RUNNING", { timeout: 10_000 });
  await expect(page.getByTestId("run-status")).toContainText("초 경과");
  const started = Date.now();
  await page.getByTestId("cancel-run").click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "CANCELLED", { timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  const run = await db().queryRun.findFirstOrThrow({ orderBy: { id: "desc" } });
  expect(run).toMatchObject({ status: "CANCELLED", cancelRequested: true });
});
