import { runAnalyticsRefresh } from "@dangol/analytics";
import { maskName, maskPhone } from "@dangol/domain";
import { LOOKUP_LIMITS } from "@dangol/domain/lookup";
import { expect, type Page, test } from "@playwright/test";
import { callServerAction, db, demoUser, noScriptPage, signIn, storeStaff } from "./support.ts";

const PHONE = { width: 360, height: 800 };

test.use({ viewport: PHONE });

/**
 * The card's cues come from the analytics: run one refresh unless one has already published
 * (analytics.spec may be running its own; then wait for it).
 */
test.beforeAll(async () => {
  test.setTimeout(240_000);
  if ((await db().customerMetrics.count()) > 0) return;
  try {
    await runAnalyticsRefresh({ databaseUrl: process.env.DATABASE_URL as string, trigger: "test" });
  } catch {
    await expect.poll(() => db().customerMetrics.count(), { timeout: 200_000, intervals: [2_000] }).toBeGreaterThan(0);
  }
});

/** A demo customer the store can find, preferably a regular (so the card's first cue is known). */
async function target() {
  const regular = await db().customerMetrics.findFirst({
    where: { lifecycleStage: "active", medianIntervalDays: { lte: 30 } },
    orderBy: { customerId: "asc" },
    select: { customerId: true },
  });
  const customer = await db().customer.findFirstOrThrow({
    where: {
      status: "ACTIVE",
      phone: { not: null },
      name: { not: null },
      ...(regular ? { id: regular.customerId } : {}),
    },
    select: { id: true, name: true, phone: true, phoneLast4: true, email: true },
  });
  return { ...customer, name: customer.name as string, phone: customer.phone as string, regular: Boolean(regular) };
}

/** A throw-away store account at the demo store user's store, so its lookups and locks are its own. */
async function search(page: Page, key: string, name = "") {
  await page.goto("/lookup");
  await page.locator('input[name="key"]').fill(key);
  await page.locator('input[name="name"]').fill(name);
  await page.getByRole("button", { name: "조회", exact: true }).click();
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function reveal(page: Page, field: "phone" | "name", reason: string) {
  const row = page.locator("div", { has: page.getByTestId(`field-${field}`) }).last();
  await row.locator("summary").click();
  await row.locator('select[name="reason"]').selectOption({ label: reason });
  await row.locator('button[type="submit"]').click();
}

test("store staff finds a customer by last 4 + name, sees the masked card and cues, and reveals the phone with a reason", async ({
  page,
}) => {
  const staff = demoUser("STORE_STAFF");
  const customer = await target();
  await signIn(page, staff.email, staff.password);
  await search(page, customer.phoneLast4 as string, customer.name);

  // The only match: the search opens the card directly.
  await expect(page).toHaveURL(new RegExp(`/lookup/${customer.id}$`));
  const card = page.getByTestId("customer-card");
  await expect(card).toBeVisible();
  await expect(card.getByRole("heading", { level: 1 })).toHaveText(maskName(customer.name));
  await expect(page.getByTestId("field-phone")).toHaveText(maskPhone(customer.phone));
  await expect(page.getByTestId("field-email")).toHaveText("숨김");
  await expect(card).not.toContainText(customer.phone);
  const cues = page.getByTestId("lookup-cues");
  await expect(cues.locator("li").first()).toBeVisible();
  if (customer.regular) await expect(cues).toContainText("단골 고객: 약");
  await expect(page.getByTestId("card-points")).toContainText("P");
  await noSidewaysScroll(page);

  await reveal(page, "phone", "본인 확인");
  await expect(page.getByTestId("field-phone")).toHaveText(customer.phone);
  await expect(page.getByTestId("field-name")).toHaveText(maskName(customer.name));
  const store = await db().user.findUniqueOrThrow({ where: { email: staff.email }, select: { storeId: true } });
  const logged = await db().auditLog.findFirst({
    where: { action: "customer.reveal", actorEmail: staff.email, targetId: customer.id.toString() },
    orderBy: { id: "desc" },
  });
  expect(logged).toMatchObject({ storeId: store.storeId, details: { field: "phone", reason: "identity" } });

  await page.getByRole("link", { name: "사용 안내" }).click();
  await expect(page.getByTestId("lookup-guide")).toContainText("단골 고객");
});

test("without JavaScript a store user still finds the customer by the full phone, opens the card and reveals", async ({
  browser,
}) => {
  const staff = demoUser("STORE_STAFF");
  const customer = await target();
  const page = await noScriptPage(browser, staff.email, staff.password, { viewport: PHONE });
  await search(page, customer.phone.replace(/-/g, ""));
  await expect(page.getByTestId("customer-card")).toBeVisible();
  await expect(page.getByTestId("field-name")).toHaveText(maskName(customer.name));
  await reveal(page, "name", "고객 요청");
  await expect(page.getByTestId("field-name")).toHaveText(customer.name);
  await page.context().close();
});

test("the 61st lookup in ten minutes is refused and locks the account; an admin sees the alert and unlocks", async ({
  page,
  browser,
}) => {
  const staff = await storeStaff("lookup-limit");
  const user = { id: staff.id };
  // Sixty lookups already made in the window, written directly instead of searched.
  await db().auditLog.createMany({
    data: Array.from({ length: LOOKUP_LIMITS.maxLookups }, () => ({
      actorId: user.id,
      actorEmail: staff.email,
      actorRole: "STORE_STAFF",
      action: "customer.lookup",
      targetType: "customer",
      details: { by: "phone", customerIds: [] },
    })),
  });
  const customer = await target();
  await signIn(page, staff.email, staff.password);
  await search(page, customer.phone);
  await expect(page.getByTestId("lookup-locked")).toContainText("조회 한도");
  await expect(page.getByTestId("lookup-results")).toHaveCount(0);
  const locked = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { lookupLockedUntil: true } });
  expect(locked.lookupLockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  expect(await db().auditLog.count({ where: { action: "lookup.locked", targetId: user.id } })).toBe(1);

  const admin = demoUser("ADMIN");
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin.email, admin.password);
  await adminPage.goto("/admin/users");
  const alert = adminPage.getByTestId("lookup-lock-alerts").locator(`li[data-email="${staff.email}"]`);
  await expect(alert).toContainText(`${LOOKUP_LIMITS.maxLookups}건`);
  await alert.getByRole("button", { name: "조회 잠금 해제" }).click();
  await expect(alert).toContainText("해제됨");
  await adminContext.close();
  expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lookupLockedUntil).toBeNull();
  expect(
    await db().auditLog.count({ where: { action: "lookup.unlock", targetId: user.id, actorEmail: admin.email } }),
  ).toBe(1);

  // Unlocked, but the sixty are still in the window: the next one is the 61st again.
  await search(page, customer.phone);
  await expect(page.getByTestId("lookup-locked")).toBeVisible();
});

test("a role without the lookup cannot reveal, and store staff cannot unlock, by calling the actions directly", async ({
  page,
  baseURL,
}) => {
  const analyst = demoUser("ANALYST");
  await signIn(page, analyst.email, analyst.password);
  const customer = await target();
  const body = await callServerAction(
    page,
    { path: "/lookup", file: "lookup/actions", name: "revealAction", origin: baseURL as string },
    { customerId: customer.id.toString(), field: "phone", reason: "identity" },
  );
  expect(body).toContain('"error":"forbidden"');
  expect(body).not.toContain(customer.phone);
  expect(
    await db().auditLog.count({ where: { action: "access.denied", actorEmail: analyst.email, targetId: "lookup" } }),
  ).toBeGreaterThan(0);

  const staff = await storeStaff("lookup-unlock");
  const other = await newPage(page, staff.email, staff.password);
  const unlock = await callServerAction(
    other,
    { path: "/lookup", file: "admin-users/actions", name: "unlockLookupAction", origin: baseURL as string },
    { userId: staff.id },
  );
  expect(unlock).toContain('"error":"forbidden"');
  await other.context().close();
});

async function newPage(page: Page, email: string, password: string): Promise<Page> {
  const context = await page.context().browser()!.newContext();
  const next = await context.newPage();
  await signIn(next, email, password);
  return next;
}
