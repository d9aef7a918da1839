import { expect, type Page, test } from "@playwright/test";
import { SCREENS } from "../src/modules/usage/screens.ts";
import { db, fillSignIn, fixtureUser, noScriptPage, signIn, storeStaff } from "./support.ts";

const KNOWN = new Set<string>(SCREENS.map((screen) => screen.pattern));

async function userId(email: string): Promise<string> {
  return (await db().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

const viewsOf = (id: string) =>
  db().pageView.findMany({
    where: { userId: id },
    orderBy: { id: "asc" },
    select: { role: true, page: true, durationMs: true },
  });

/** Screens with a view in the last `days` days, whoever opened them (other specs browse too). */
async function visitedScreens(days: number): Promise<Set<string>> {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await db().pageView.groupBy({ by: ["page"], where: { at: { gte: since } } });
  return new Set(rows.map((row) => row.page));
}

/**
 * Runs a navigation and waits until the screen's enter beacon has its answer (the view id the leave
 * beacon needs), as a person who looks at a page for a moment would.
 */
async function enter(page: Page, navigate: () => Promise<unknown>): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.url().endsWith("/api/usage") && (r.request().postData() ?? "").includes('"enter"'),
  );
  await navigate();
  await (await answered).finished();
}

/** Signs in and waits for the role's home, which may be a heavy dashboard on a busy machine. */
async function signInTo(page: Page, user: { email: string; password: string }, home: string): Promise<void> {
  await fillSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`${home}$`), { timeout: 30_000 });
}

const usageRow = (page: Page, pattern: string) => page.locator(`tr[data-pattern="${pattern}"]`);

test("two roles' visits are recorded as route patterns (no ids, no query), with time on page; the admin page shows them and unvisited screens as unused", async ({
  page,
  browser,
}) => {
  // Three sign-ins and a dozen pages, two of them heavy dashboards: more than the default minute.
  test.setTimeout(180_000);
  const crm = await fixtureUser("usage-crm", "CRM_MANAGER");
  const crmId = await userId(crm.email);
  const customer = await db().customer.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { id: true } });

  await enter(page, () => signInTo(page, crm, "/dashboards"));
  await enter(page, () => page.getByTestId("main-nav").getByRole("link", { name: "고객", exact: true }).click());
  await expect(page).toHaveURL(/\/customers$/);
  await enter(page, () => page.goto(`/customers?tier=GOLD&key=${encodeURIComponent("010")}`));
  await enter(page, () => page.goto(`/customers/${customer.id}`));
  await enter(page, () => page.goto("/segments"));

  await expect
    .poll(async () => (await viewsOf(crmId)).map((v) => v.page))
    .toEqual(["/dashboards", "/customers", "/customers", "/customers/[id]", "/segments"]);
  // Leaving by a client-side navigation and by a full page load both report the time on page.
  await expect
    .poll(async () => (await viewsOf(crmId)).slice(0, 4).every((v) => v.durationMs !== null && v.durationMs >= 0))
    .toBe(true);
  for (const view of await viewsOf(crmId)) {
    expect(view.role).toBe("CRM_MANAGER");
    expect(KNOWN.has(view.page), view.page).toBe(true);
    expect(view.page).not.toMatch(/\d|\?/);
  }

  const analyst = await fixtureUser("usage-analyst", "ANALYST");
  const analystId = await userId(analyst.email);
  const analystPage = await (await browser.newContext()).newPage();
  await enter(analystPage, () => signInTo(analystPage, analyst, "/queries"));
  await enter(analystPage, () => analystPage.goto("/queries/schema"));
  await expect
    .poll(async () => (await viewsOf(analystId)).map((v) => `${v.role} ${v.page}`))
    .toEqual(["ANALYST /queries", "ANALYST /queries/schema"]);

  const admin = await fixtureUser("usage-admin", "ADMIN");
  const adminPage = await (await browser.newContext()).newPage();
  await signInTo(adminPage, admin, "/dashboards");
  // What was visited before the page rendered must not be unused; what was not visited by the time
  // it rendered must be (other specs keep browsing meanwhile).
  const visitedBefore = await visitedScreens(7);
  await adminPage.goto("/admin/usage?days=7");
  const visitedAfter = await visitedScreens(7);

  await expect(adminPage.getByRole("heading", { name: "화면 사용 현황" })).toBeVisible();
  await expect(adminPage.getByTestId("usage-periods").locator('[aria-current="page"]')).toHaveText("최근 7일");
  await expect(adminPage.getByTestId("usage-table").locator("tbody tr")).toHaveCount(SCREENS.length);
  const detail = usageRow(adminPage, "/customers/[id]");
  await expect(detail.getByTestId("unused-badge")).toHaveCount(0);
  expect(Number(await detail.getAttribute("data-views"))).toBeGreaterThanOrEqual(1);
  expect(Number(await detail.locator('td[data-role="CRM_MANAGER"]').textContent())).toBeGreaterThanOrEqual(1);
  await expect(detail.locator('td[data-role="ANALYST"]')).toHaveText("—");
  expect(
    Number(await usageRow(adminPage, "/queries/schema").locator('td[data-role="ANALYST"]').textContent()),
  ).toBeGreaterThanOrEqual(1);

  for (const { pattern } of SCREENS) {
    const badge = usageRow(adminPage, pattern).getByTestId("unused-badge");
    if (!visitedAfter.has(pattern)) await expect(badge, pattern).toHaveCount(1);
    if (visitedBefore.has(pattern)) await expect(badge, pattern).toHaveCount(0);
  }
  // Least used first: the views never go down the table.
  const views = (await page
    .getByTestId("usage-table")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-views"))))) as number[];
  expect(views).toEqual([...views].sort((a, b) => a - b));

  await adminPage.getByRole("link", { name: "최근 30일" }).click();
  await expect(adminPage).toHaveURL(/\/admin\/usage\?days=30$/);

  const csv = await adminPage.request.get("/admin/usage/export?days=7");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe(
    "screen,area,views,users,views_admin,views_crm_manager,views_analyst,views_store_staff,median_time_on_page_s,last_visited_at,unused",
  );
  expect(lines).toHaveLength(SCREENS.length + 1);
  expect(lines.find((line) => line.startsWith("/customers/[id],customers,"))).toMatch(/,no$/);

  // Admins reach it from the users page.
  await adminPage.goto("/admin/users");
  await adminPage.getByTestId("usage-link").click();
  await expect(adminPage).toHaveURL(/\/admin\/usage$/);
});

test("the store screens record their views on the server, without JavaScript too, and a redraw counts once", async ({
  browser,
}) => {
  const staff = await storeStaff("usage-store-views");
  const page = await noScriptPage(browser, staff.email, staff.password);
  const id = await userId(staff.email);
  await page.goto("/lookup");
  await page.goto("/lookup/guide");
  await page.goto("/lookup");
  expect(await viewsOf(id)).toEqual([
    { role: "STORE_STAFF", page: "/lookup", durationMs: null },
    { role: "STORE_STAFF", page: "/lookup/guide", durationMs: null },
  ]);
  await page.context().close();

  // with JavaScript on, the store screens send no beacon (the server has the view already)
  const scripted = await browser.newPage();
  const beacons: string[] = [];
  scripted.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/usage") beacons.push(request.url());
  });
  await signIn(scripted, staff.email, staff.password);
  await scripted.goto("/lookup/guide");
  await scripted.getByRole("link", { name: "← 다시 조회" }).click();
  await expect(scripted).toHaveURL(/\/lookup$/);
  expect(beacons).toEqual([]);
  await scripted.context().close();
});

test("store staff and the CRM manager get 403 on the usage page and its CSV", async ({ page }) => {
  const staff = await storeStaff("usage-store");
  await signIn(page, staff.email, staff.password);
  expect((await page.goto("/admin/usage"))?.status()).toBe(403);
  await expect(page.getByTestId("usage-table")).toHaveCount(0);
  expect((await page.request.get("/admin/usage/export")).status()).toBe(403);

  const crm = await fixtureUser("usage-crm-403", "CRM_MANAGER");
  await page.context().clearCookies();
  await signIn(page, crm.email, crm.password);
  expect((await page.goto("/admin/usage?days=90"))?.status()).toBe(403);
  await expect(page.getByTestId("usage-table")).toHaveCount(0);
  expect((await page.request.get("/admin/usage/export?days=90")).status()).toBe(403);
});

test("the beacon refuses without a session, and takes neither ids nor a role from the body", async ({
  page,
  request,
}) => {
  // `request` carries no cookies: no session.
  const refused = await request.post("/api/usage", { data: JSON.stringify({ type: "enter", page: "/customers" }) });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: "unauthenticated" });

  const crm = await fixtureUser("usage-beacon", "CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  const post = (body: unknown) => page.request.post("/api/usage", { data: JSON.stringify(body) });
  expect((await post({ type: "enter", page: "/customers/123" })).status()).toBe(400);
  expect((await post({ type: "enter", page: "/customers", role: "ADMIN" })).status()).toBe(400);
  const entered = await post({ type: "enter", page: "/customers" });
  expect(entered.status()).toBe(200);
  const { id } = (await entered.json()) as { id: string };
  const row = await db().pageView.findUniqueOrThrow({ where: { id: BigInt(id) } });
  expect(row).toMatchObject({ userId: await userId(crm.email), role: "CRM_MANAGER", page: "/customers" });
});
