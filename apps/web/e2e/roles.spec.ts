import { expect, test } from "@playwright/test";
import { db, demoUser, navLabels, signIn, storeStaff } from "./support.ts";

const expectedNav = {
  ADMIN: ["대시보드", "고객", "세그먼트", "캠페인", "데이터", "분석 쿼리", "고객 조회", "사용자 관리"],
  CRM_MANAGER: ["대시보드", "고객", "세그먼트", "캠페인", "데이터", "분석 쿼리", "고객 조회"],
  ANALYST: ["대시보드", "분석 쿼리"],
  STORE_STAFF: ["고객 조회"],
} as const;

const home = { ADMIN: "/dashboards", CRM_MANAGER: "/dashboards", ANALYST: "/queries", STORE_STAFF: "/lookup" } as const;

for (const role of ["ADMIN", "CRM_MANAGER", "ANALYST", "STORE_STAFF"] as const) {
  test(`${role} signs in, lands on its home and sees exactly its navigation`, async ({ page }) => {
    const user = demoUser(role);
    await signIn(page, user.email, user.password);
    await expect(page).toHaveURL(new RegExp(`${home[role]}$`));
    expect(await navLabels(page)).toEqual(expectedNav[role]);
    await expect(page.getByTestId("current-user")).toContainText(user.name);
  });
}

test("store staff gets a real HTTP 403 and no data on CRM and admin screens", async ({ page }) => {
  const staff = demoUser("STORE_STAFF");
  await signIn(page, staff.email, staff.password);
  for (const path of ["/dashboards", "/customers", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
    await expect(page.getByTestId("customers-total")).toHaveCount(0);
    await expect(page.getByTestId("users-table")).toHaveCount(0);
  }
  const api = await page.request.get("/api/admin/users");
  expect(api.status()).toBe(403);
  expect(await api.json()).toEqual({ error: "forbidden" });
});

test("without a session, pages send the visitor to sign-in", async ({ page }) => {
  await page.goto("/customers");
  await expect(page).toHaveURL(/\/signin\?next=%2Fcustomers/);
});

test("the language switch changes the navigation to English and back", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByTestId("main-nav").getByRole("link").first()).toHaveText("Dashboards");
  expect(await navLabels(page)).toContain("Customer lookup");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(page.getByTestId("main-nav").getByRole("link").first()).toHaveText("대시보드");
});

test("the store lookup shows only masked name and phone", async ({ page }) => {
  // A fresh account: another test's reveal (shown for five minutes to its user) must not leak in.
  const staff = await storeStaff("roles-lookup");
  await signIn(page, staff.email, staff.password);
  const customer = await db().customer.findFirstOrThrow({
    where: { status: "ACTIVE", phone: { not: null }, name: { not: null } },
    select: { name: true, phone: true, phoneLast4: true },
  });
  await page.getByLabel(/뒤 4자리$/).fill(customer.phoneLast4 as string);
  await page.getByLabel(/^이름/).fill(customer.name as string);
  await page.getByRole("button", { name: "조회" }).click();
  // One match opens its card; several list them. Either way only masked values are shown.
  const shown = page.getByTestId("customer-card").or(page.getByTestId("lookup-results"));
  await expect(shown).toContainText(`-****-${customer.phoneLast4}`);
  await expect(shown).not.toContainText(customer.phone as string);
  await expect(shown).not.toContainText(customer.name as string);
  const logged = await db().auditLog.findFirst({
    where: { action: "customer.lookup", actorEmail: staff.email },
    orderBy: { id: "desc" },
  });
  expect(logged?.details).toMatchObject({ by: "last4+name" });
});

test("GET /api/health reports postgres and redis reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", postgres: { ok: true }, redis: { ok: true } });
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\//);
});

test("the dashboard renders Korean and fits a 360 px phone", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await expect(page.getByTestId("customers-total")).toBeVisible();
  await expect(page.getByText("₩").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("dashboard-360.png"), fullPage: true });
  await page.screenshot({ path: "test-results/dashboard-360.png", fullPage: true });
});
