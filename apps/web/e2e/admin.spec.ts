import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { db, demoUser, fillSignIn, fixtureUser, newSignedInPage, signIn } from "./support.ts";

function userRow(page: Page, email: string) {
  return page.locator(`tr[data-email="${email}"]`);
}

/** The built app's id for the admin createUser action, as a browser would send it. */
function createUserActionId(): string {
  const manifestPath = path.join(import.meta.dirname, "../.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === "createUserAction" && action.filename?.includes("admin-users/actions"),
  );
  if (!entry) throw new Error("createUserAction not found in the server reference manifest; build the app first");
  return entry[0];
}

test("rejects a store-staff session calling the admin createUser action directly", async ({ page, baseURL }) => {
  const staff = demoUser("STORE_STAFF");
  await signIn(page, staff.email, staff.password);
  const email = `intruder-${Date.now()}@e2e.local`;
  const response = await page.request.post("/admin/users", {
    headers: {
      "Next-Action": createUserActionId(),
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: baseURL as string,
    },
    data: JSON.stringify([{ email, role: "ADMIN", password: "intruder-password-1" }]),
  });
  const body = await response.text();
  expect(body).toContain('"error":"forbidden"');
  expect(body).not.toContain('"ok":true');
  expect(await db().user.count({ where: { email } })).toBe(0);
  const denied = await db().auditLog.findFirst({
    where: { action: "access.denied", actorEmail: staff.email },
    orderBy: { id: "desc" },
  });
  expect(denied?.targetId).toBe("users");
});

test("admin creates a user, disables it, and that user's live session ends at once", async ({ page, browser }) => {
  const admin = demoUser("ADMIN");
  await signIn(page, admin.email, admin.password);
  await page.goto("/admin/users");
  const email = `new-analyst-${Date.now()}@e2e.local`;
  const form = page.getByTestId("create-user-form");
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="name"]').fill("새 분석가");
  await form.locator('select[name="role"]').selectOption("ANALYST");
  await form.getByRole("button", { name: "생성" }).click();
  const generated = ((await page.getByTestId("generated-password").textContent()) ?? "").trim();
  expect(generated).toHaveLength(16);
  await expect(userRow(page, email)).toBeVisible();

  const other = await newSignedInPage(browser, email, generated);
  await expect(other).toHaveURL(/\/queries$/);

  await userRow(page, email).getByRole("button", { name: "비활성화" }).click();
  await expect(userRow(page, email).getByTestId("user-status")).toHaveText("비활성");

  await other.goto("/dashboards");
  await expect(other).toHaveURL(/\/signin/);
  const audit = await db().auditLog.findMany({
    where: { targetId: (await db().user.findUniqueOrThrow({ where: { email } })).id },
  });
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.create", "auth.login", "user.disable"]));
  await other.context().close();
});

test("five wrong passwords lock the account until an admin unlocks it", async ({ page, browser }) => {
  const victim = await fixtureUser("locked");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await fillSignIn(page, victim.email, "wrong-password-123");
    await expect(page.getByTestId("signin-error")).toBeVisible();
  }
  await expect(page.getByTestId("signin-error")).toContainText(/계정이 잠겼습니다\. \d{2}:\d{2}/);

  await fillSignIn(page, victim.email, victim.password);
  await expect(page.getByTestId("signin-error")).toContainText("계정이 잠겼습니다");

  const admin = demoUser("ADMIN");
  const adminPage = await newSignedInPage(browser, admin.email, admin.password);
  await adminPage.goto("/admin/users");
  await userRow(adminPage, victim.email).getByRole("button", { name: "잠금 해제" }).click();
  await expect(userRow(adminPage, victim.email).getByRole("button", { name: "잠금 해제" })).toHaveCount(0);
  await adminPage.context().close();

  await signIn(page, victim.email, victim.password);
});

test("a disabled account is refused at sign-in with its own message", async ({ page }) => {
  const leaver = await fixtureUser("leaver");
  await db().user.update({ where: { email: leaver.email }, data: { active: false } });
  await fillSignIn(page, leaver.email, leaver.password);
  await expect(page.getByTestId("signin-error")).toHaveText("비활성화된 계정입니다. 관리자에게 문의하세요.");
});
