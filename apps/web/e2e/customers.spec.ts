import { createCustomer, createDemoStore, createReceipt, upsertFixtureUser } from "@dangol/db/seed";
import { expect, type Page, test } from "@playwright/test";
import { callServerAction, db, demoUser, noScriptPage, signIn } from "./support.ts";

const run = `${Date.now()}`.slice(-7);
// A fixture customer of its own: a MART membership, one receipt and 1,000 earned points.
async function fixtureCustomer() {
  const prisma = db();
  const store = await createDemoStore(prisma);
  // Tests run in parallel workers: each fixture gets its own random phone and member number.
  const suffix = `${Math.floor(Math.random() * 1e7)}`.padStart(7, "0");
  const customer = await createCustomer(prisma, {
    name: "장단골",
    phone: `010-7${suffix.slice(0, 3)}-${suffix.slice(3)}`,
    link: { sourceCode: "MART", memberNo: `7E${suffix}` },
  });
  const receipt = await createReceipt(prisma, {
    storeId: store.id,
    customerId: customer.id,
    lines: [{ productCode: "APPLE-1", quantity: 2, unitPrice: 5_000 }],
    pointsEarned: 1_000,
  });
  await prisma.pointEntry.create({
    data: {
      customerId: customer.id,
      kind: "EARN",
      points: 1_000,
      originSourceCode: "MART",
      receiptId: receipt.id,
      occurredOn: receipt.businessDate,
      expiresOn: new Date("2099-12-31"),
      reason: "earned",
      createdBy: "etl",
    },
  });
  return customer;
}

async function signInAs(page: Page, role: "CRM_MANAGER" | "STORE_STAFF" | "ANALYST") {
  const user = demoUser(role);
  await signIn(page, user.email, user.password);
  return user;
}

test("a CRM manager finds a customer, records a touchpoint, adjusts points with a reason and confirms an e-mail", async ({
  page,
}) => {
  const customer = await fixtureCustomer();
  await signInAs(page, "CRM_MANAGER");

  // The list searches like the lookup (full phone) and filters by division in the URL.
  await page.goto(`/customers?format=MART&key=${encodeURIComponent(customer.phone as string)}`);
  const row = page.locator(`tr[data-customer-id="${customer.id}"]`);
  await expect(row).toContainText(customer.phone as string);
  await row.getByRole("link", { name: "장단골" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
  await expect(page.getByTestId("customer-profile")).toContainText(customer.phone as string);
  await expect(page.locator('[data-testid="member-records"] [data-source="MART"]')).toContainText(
    customer.sourceLinks[0]!.memberNo,
  );
  await expect(page.getByTestId("receipts")).toContainText("APPLE-1");
  await expect(page.getByTestId("points-balance")).toHaveText("1,000");

  // A touchpoint appears in the timeline.
  const note = `친절한 응대에 감사 인사 ${run}`;
  const touchpoint = page.getByTestId("touchpoint-form");
  await touchpoint.locator('select[name="kind"]').selectOption("COMPLIMENT");
  await touchpoint.locator('textarea[name="note"]').fill(note);
  await touchpoint.getByRole("button", { name: "기록" }).click();
  await expect(touchpoint.getByRole("status")).toHaveText("기록했습니다.");
  await expect(page.getByTestId("contact-timeline")).toContainText(note);
  await expect(page.getByTestId("contact-timeline").locator('li[data-kind="touchpoint"]').first()).toContainText(
    "칭찬",
  );

  // A manual adjustment needs a real reason; with one, the ledger and the balance change.
  const adjust = page.getByTestId("points-adjust-form");
  await adjust.locator('input[name="points"]').fill("500");
  await adjust.locator('input[name="reason"]').fill("보상"); // too short: the browser's minlength stops it
  await adjust.locator('input[name="reason"]').evaluate((el) => el.removeAttribute("minlength"));
  await adjust.getByRole("button", { name: "조정" }).click();
  await expect(adjust.getByRole("alert")).toHaveText("사유를 5자 이상 입력하세요.");
  await adjust.locator('input[name="reason"]').fill("배송 지연 보상");
  await adjust.getByRole("button", { name: "조정" }).click();
  await expect(adjust.getByRole("status")).toHaveText("조정했습니다.");
  await expect(page.getByTestId("points-balance")).toHaveText("1,500");
  await expect(page.getByTestId("points-ledger")).toContainText("배송 지연 보상");
  const audit = await db().auditLog.findFirst({ where: { action: "points.adjust", targetId: customer.id.toString() } });
  expect(audit?.details).toMatchObject({ points: 500, reason: "배송 지연 보상" });

  // A confirmed e-mail becomes the DANGOL member record and the golden e-mail.
  await page.locator("summary", { hasText: "고객이 직접 확인한 연락처" }).click();
  const confirm = page.getByTestId("confirm-contact-form");
  await confirm.locator('input[name="email"]').fill(`jang.${run}@example.com`);
  await confirm.getByRole("button", { name: "확인 내용 저장" }).click();
  await expect(confirm.getByRole("status")).toBeVisible();
  await expect(page.getByTestId("customer-profile")).toContainText(`jang.${run}@example.com`);
  await expect(page.locator('[data-testid="member-records"] [data-source="DANGOL"]')).toContainText(
    `store:${customer.id}`,
  );
  await expect(page.getByTestId("contact-timeline").locator('li[data-kind="confirmation"]')).toContainText("이메일");
});

test("without JavaScript the contact forms still post and answer", async ({ browser }) => {
  const customer = await fixtureCustomer();
  const crm = demoUser("CRM_MANAGER");
  const page = await noScriptPage(browser, crm.email, crm.password);
  await page.goto(`/customers/${customer.id}`);
  const note = `배송 일정 상담 ${run}`;
  await page.getByTestId("touchpoint-form").locator('select[name="kind"]').selectOption("DELIVERY");
  await page.getByTestId("touchpoint-form").locator('textarea[name="note"]').fill(note);
  await page.getByTestId("touchpoint-form").getByRole("button", { name: "기록" }).click();
  await expect(page.getByTestId("touchpoint-form").getByRole("status")).toHaveText("기록했습니다.");
  await expect(page.getByTestId("contact-timeline")).toContainText(note);

  await page.locator("summary", { hasText: "고객이 직접 확인한 연락처" }).click();
  await page.getByTestId("confirm-contact-form").locator('input[name="phone"]').fill("12345");
  await page.getByTestId("confirm-contact-form").getByRole("button", { name: "확인 내용 저장" }).click();
  await expect(page.getByTestId("confirm-contact-form").getByRole("alert")).toContainText("휴대폰 번호 형식");
  expect(await db().customerSourceLink.count({ where: { customerId: customer.id, sourceCode: "DANGOL" } })).toBe(0);
  await page.context().close();
});

test("the customer page lists the segments whose latest snapshot holds the customer, linked to each", async ({
  page,
}) => {
  const customer = await fixtureCustomer();
  const prisma = db();
  const crm = demoUser("CRM_MANAGER");
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: crm.email } });
  const snapshot = (segmentId: bigint, members: bigint[], takenAt: Date) =>
    prisma.segmentSnapshot.create({
      data: {
        segmentId,
        takenAt,
        reason: "manual",
        definition: {},
        size: members.length,
        spend12m: 0n,
        baseSize: 1,
        members: { create: members.map((customerId) => ({ customerId })) },
      },
    });
  const segment = (name: string) =>
    prisma.segment.create({
      data: { name, ownerId: owner.id, definition: { kind: "group", op: "and", negate: false, children: [] } },
    });
  const kept = await segment(`스냅샷 회원 ${run}`);
  const left = await segment(`이탈한 세그먼트 ${run}`);
  await snapshot(kept.id, [customer.id], new Date());
  // in an older snapshot only: the latest one no longer holds the customer
  await snapshot(left.id, [customer.id], new Date(Date.now() - 86_400_000));
  await snapshot(left.id, [], new Date());

  await signIn(page, crm.email, crm.password);
  await page.goto(`/customers/${customer.id}`);
  const card = page.getByTestId("customer-segments");
  await expect(card.getByRole("link", { name: kept.name })).toHaveAttribute("href", `/segments/${kept.id}`);
  await expect(card).not.toContainText(left.name);
});

test("a touchpoint recorded on the store card shows masked there and in full on the CRM customer page", async ({
  browser,
}) => {
  const customer = await fixtureCustomer();
  // A throw-away store account at the demo store user's store: its lookups count against its own limit.
  const { storeId } = await db().user.findUniqueOrThrow({
    where: { email: demoUser("STORE_STAFF").email },
    select: { storeId: true },
  });
  const email = `contacts-${run}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  await upsertFixtureUser(db(), {
    email,
    role: "STORE_STAFF",
    password: "fixture-password-1",
    name: "매장 직원",
    storeId,
  });
  const store = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await signIn(store, email, "fixture-password-1");
  await store.goto(`/lookup?key=${(customer.phone as string).replace(/-/g, "")}`);
  // A single match may open the card straight away; otherwise pick it from the list.
  const result = store.locator(`a[href="/lookup/${customer.id}"]`);
  if (!store.url().includes(`/lookup/${customer.id}`)) await result.click();
  await expect(store).toHaveURL(new RegExp(`/lookup/${customer.id}(\\?|$)`));
  const note = `A/S 접수, 회신 010-2345-6789 / kim@example.com ${run}`;
  const form = store.getByTestId("touchpoint-form");
  await form.locator('select[name="kind"]').selectOption("AFTER_SALES");
  await form.locator('textarea[name="note"]').fill(note);
  await form.getByRole("button", { name: "기록" }).click();
  await expect(form.getByRole("status")).toHaveText("기록했습니다.");
  const timeline = store.getByTestId("contact-timeline");
  await expect(timeline).toContainText(`A/S 접수, 회신 010-****-6789 / k***@example.com ${run}`);
  await expect(timeline).not.toContainText("010-2345-6789");
  const saved = await db().touchpoint.findFirstOrThrow({ where: { customerId: customer.id } });
  expect(saved).toMatchObject({ kind: "AFTER_SALES", note, storeId });

  const crm = await browser.newPage();
  await signInAs(crm, "CRM_MANAGER");
  await crm.goto(`/customers/${customer.id}`);
  await expect(crm.getByTestId("contact-timeline")).toContainText(note);
});

test("store staff cannot open the CRM customer screens", async ({ page }) => {
  const customer = await fixtureCustomer();
  await signInAs(page, "STORE_STAFF");
  for (const path of ["/customers", `/customers/${customer.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("customer-profile")).toHaveCount(0);
  }
});

test("roles outside an action's area are refused when they call it directly", async ({ browser, baseURL }) => {
  const customer = await fixtureCustomer();
  const staffPage = await browser.newPage();
  await signInAs(staffPage, "STORE_STAFF");
  const adjust = await callServerAction(
    staffPage,
    { path: "/lookup", file: "customers/actions", name: "adjustPointsForm", origin: baseURL as string },
    { customerId: customer.id.toString(), points: "100000", reason: "직접 호출 시도" },
  );
  expect(adjust).toContain('"error":"forbidden"');

  const analystPage = await browser.newPage();
  await signInAs(analystPage, "ANALYST");
  for (const [name, input] of [
    ["recordTouchpointForm", { customerId: customer.id.toString(), kind: "COMPLAINT", note: "x" }],
    ["confirmContactForm", { customerId: customer.id.toString(), email: "x@example.com" }],
    ["recordConsentForm", { customerId: customer.id.toString(), channel: "SMS", granted: "true" }],
  ] as const) {
    const body = await callServerAction(
      analystPage,
      { path: "/queries", file: "contacts/actions", name, origin: baseURL as string },
      input,
    );
    expect(body, name).toContain('"error":"forbidden"');
  }
  // Store staff write only for a customer their own search showed them: no acting on ids.
  const { storeId } = await db().user.findUniqueOrThrow({
    where: { email: demoUser("STORE_STAFF").email },
    select: { storeId: true },
  });
  const email = `contacts-direct-${run}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  await upsertFixtureUser(db(), {
    email,
    role: "STORE_STAFF",
    password: "fixture-password-1",
    name: "매장 직원",
    storeId,
  });
  const otherStaff = await browser.newPage();
  await signIn(otherStaff, email, "fixture-password-1");
  const byId = await callServerAction(
    otherStaff,
    { path: "/lookup", file: "contacts/actions", name: "recordTouchpointForm", origin: baseURL as string },
    { customerId: customer.id.toString(), kind: "COMPLAINT", note: "x" },
  );
  expect(byId).toContain("먼저 이 고객을 조회하세요.");
  expect(byId).not.toContain('"ok":true');

  const prisma = db();
  expect(await prisma.pointEntry.count({ where: { customerId: customer.id, kind: "ADJUST" } })).toBe(0);
  expect(await prisma.touchpoint.count({ where: { customerId: customer.id } })).toBe(0);
  expect(await prisma.customerSourceLink.count({ where: { customerId: customer.id, sourceCode: "DANGOL" } })).toBe(0);
});
