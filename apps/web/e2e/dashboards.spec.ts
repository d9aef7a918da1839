import { runAnalyticsRefresh } from "@dangol/analytics";
import { expect, type Page, test } from "@playwright/test";
import { db, demoUser, signIn } from "./support.ts";

// One refresh for the whole file (it also refreshes the dashboards' month aggregates).
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await runAnalyticsRefresh({ databaseUrl: process.env.DATABASE_URL as string, trigger: "test" });
});

const figure = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

async function signInCrm(page: Page) {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
}

/** Follows a figure's link and checks the customer list behind it counts the same. */
async function followFigure(page: Page, link: ReturnType<Page["locator"]>) {
  const shown = figure(await link.textContent());
  expect(shown).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(/\/customers\?/);
  await expect(page.getByTestId("customers-count")).toHaveAttribute("data-count", String(shown));
}

test("each dashboard renders its charts with data after an analytics refresh", async ({ page }) => {
  await signInCrm(page);
  await page.goto("/dashboards");
  await expect(page.getByRole("heading", { name: "대시보드" })).toBeVisible();
  for (const id of ["overview-combo", "overview-tier", "overview-stage", "overview-region", "overview-trend"]) {
    await expect(page.getByTestId(`panel-${id}`).locator(".recharts-surface").first()).toBeVisible();
  }
  await expect(page.getByTestId("data-status")).toContainText("데이터 품질");
  await page.getByRole("link", { name: "등급", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboards\/tiers$/);
  await expect(page.getByTestId("panel-tiers-distribution").locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("panel-tiers-migration")).toBeVisible();
  await page.getByRole("link", { name: "RFM", exact: true }).click();
  await expect(page.getByTestId("rfm-grid")).toBeVisible();
  await expect(page.getByTestId("panel-rfm-groups").locator(".recharts-surface").first()).toBeVisible();
  await page.getByRole("link", { name: "교차 업태", exact: true }).click();
  await expect(page.getByTestId("panel-cross-combos").locator(".recharts-surface").first()).toBeVisible();
});

test("a number opens the customers behind it, as many as the number says", async ({ page }) => {
  await signInCrm(page);
  await page.goto("/dashboards");
  await followFigure(page, page.getByTestId("customers-total").getByRole("link"));

  await page.goto("/dashboards");
  await page.getByTestId("overview-tier-view-table").click();
  await followFigure(page, page.getByTestId("overview-tier-table").getByTestId("figure-link").first());
  await expect(page).toHaveURL(/status=ACTIVE.*tier=/);

  await page.goto("/dashboards/rfm");
  await followFigure(page, page.getByTestId("rfm-grid").getByTestId("figure-link").first());
  await expect(page).toHaveURL(/r=\d&f=\d/);

  await page.goto("/dashboards/cross-format");
  await page.getByTestId("cross-combos-view-table").click();
  await followFigure(page, page.getByTestId("cross-combos-table").getByTestId("figure-link").first());
});

test("the page-wide filters live in the URL and change the figures", async ({ page }) => {
  await signInCrm(page);
  await page.goto("/dashboards");
  const all = figure(await page.getByTestId("customers-total").textContent());
  await page.getByTestId("dashboard-filters").locator('select[name="format"]').selectOption("DPT");
  await page.getByTestId("dashboard-filters").getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/\/dashboards\?format=DPT/);
  const dpt = figure(await page.getByTestId("customers-total").textContent());
  const expected = await db().customer.count({
    where: { status: "ACTIVE", sourceLinks: { some: { sourceCode: "DPT", withdrawnAt: null, inferred: false } } },
  });
  expect(dpt).toBe(expected);
  expect(dpt).toBeLessThan(all);
  // The tabs keep the filters.
  await page.getByRole("link", { name: "등급", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboards\/tiers\?format=DPT/);
});

test("each chart downloads as CSV under the page's filters", async ({ page }) => {
  await signInCrm(page);
  await page.goto("/dashboards?format=MART");
  const href = await page.getByTestId("overview-tier-csv").getAttribute("href");
  expect(href).toBe("/dashboards/csv/overview/overview-tier?format=MART");
  const response = await page.request.get(href as string);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const text = await response.text();
  expect(text.split("\r\n")[0]).toBe("\uFEFF등급,고객 수,12개월 구매 고객,12개월 구매액");
  expect(text.split("\r\n").length).toBeGreaterThan(2);
  expect((await page.request.get("/dashboards/csv/overview/nope")).status()).toBe(404);
});

test("store staff can reach no dashboard and no CSV (403)", async ({ page }) => {
  const staff = demoUser("STORE_STAFF");
  await signIn(page, staff.email, staff.password);
  for (const path of ["/dashboards", "/dashboards/tiers", "/dashboards/rfm", "/dashboards/cross-format"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("figure-link")).toHaveCount(0);
  }
  const csv = await page.request.get("/dashboards/csv/overview/overview-tier");
  expect(csv.status()).toBe(403);
  expect(await csv.json()).toEqual({ error: "forbidden" });
});
