import { unsubscribeToken } from "@dangol/campaigns";
import { createCustomer } from "@dangol/db/seed";
import { expect, test } from "@playwright/test";
import { db } from "./support.ts";

/** An e-mail contact of a campaign for a fresh customer, written directly (the launch is not under test). */
async function emailContact(email: string): Promise<bigint> {
  const customer = await createCustomer(db(), { email, consents: { EMAIL: true } });
  const owner = await db().user.findFirstOrThrow({ where: { role: "CRM_MANAGER" } });
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const segment = await db().segment.create({
    data: { name: `e2e unsubscribe ${stamp}`, ownerId: owner.id, definition: {} },
  });
  const campaign = await db().campaign.create({
    data: { name: "e2e unsubscribe", theme: "win_back", ownerId: owner.id, segmentId: segment.id, definition: {} },
  });
  const run = await db().campaignRun.create({
    data: { campaignId: campaign.id, dueAt: new Date(), seed: "e2e", definition: {} },
  });
  const contact = await db().campaignContact.create({
    data: {
      runId: run.id,
      campaignId: campaign.id,
      customerId: customer.id,
      channel: "EMAIL",
      batchNo: 0,
      idempotencyKey: `e2e-unsubscribe-${stamp}`,
      dueAt: new Date(),
    },
  });
  return contact.id;
}

test.describe("e-mail unsubscribe link", () => {
  test.use({ javaScriptEnabled: false });

  test("a recipient unsubscribes without signing in or JavaScript, and a second visit says it is done", async ({
    page,
  }) => {
    const contactId = await emailContact("e2e.unsub@example.com");
    const token = unsubscribeToken(contactId);
    await page.goto(`/u/${token}`);
    await expect(page.getByText("e***@example.com").first()).toBeVisible();
    await page.getByRole("button", { name: /수신거부/ }).click();
    await expect(page.getByTestId("unsubscribe-done")).toContainText("수신거부가 완료되었습니다");
    const contact = await db().campaignContact.findUniqueOrThrow({ where: { id: contactId } });
    const consent = await db().customerConsent.findUniqueOrThrow({
      where: { customerId_channel: { customerId: contact.customerId, channel: "EMAIL" } },
    });
    expect(consent).toMatchObject({ granted: false, source: "UNSUBSCRIBE" });

    await page.goto(`/u/${token}`);
    await expect(page.getByTestId("unsubscribe-done")).toContainText("이미 수신거부되어 있습니다");
  });

  test("a tampered link gets a clear not-valid page", async ({ page }) => {
    const token = unsubscribeToken(1n).replace(/^1\./, "2.");
    await page.goto(`/u/${token}`);
    await expect(page.getByTestId("unsubscribe-invalid")).toBeVisible();
  });
});
