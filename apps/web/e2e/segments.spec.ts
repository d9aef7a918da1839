import { expect, type Locator, type Page, test } from "@playwright/test";
import { callServerAction, db, demoUser, signIn, storeStaff } from "./support.ts";

// The builder's windows end on the last complete Seoul day, as the count service's default.
const asOf = new Date(Date.now() + 9 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

/**
 * The segment written by hand, independently of the compiler: held tier GOLD or VIP, sales
 * in the last 365 Seoul days at exactly the mart and the supermarket, none at the department store,
 * SMS consent granted; `$1` is the window's last day.
 */
const held = (tiers: string) =>
  `EXISTS (SELECT 1 FROM customer_tier_history h WHERE h.customer_id = c.id AND h.effective_to IS NULL AND h.tier_code IN (${tiers}))`;
const inWindow = "(r.sold_at AT TIME ZONE 'Asia/Seoul')::date BETWEEN $1::date - 364 AND $1::date";
const GOLD = held("'GOLD'");
const GOLD_OR_VIP = held("'GOLD', 'VIP'");
const MART_SM_ONLY = `(SELECT array_agg(DISTINCT r.source_code::text ORDER BY r.source_code::text) FROM receipt r
   WHERE r.customer_id = c.id AND r.type = 'SALE' AND ${inWindow}) = ARRAY['MART', 'SM']`;
const NO_DPT = `NOT EXISTS (SELECT 1 FROM receipt r WHERE r.customer_id = c.id AND r.type = 'SALE' AND r.source_code = 'DPT' AND ${inWindow})`;
const SMS =
  "EXISTS (SELECT 1 FROM customer_consent cc WHERE cc.customer_id = c.id AND cc.channel = 'SMS' AND cc.granted)";
/** What the tree holds after each step of the builder. */
const STEPS = [
  [],
  [GOLD],
  [GOLD_OR_VIP],
  [GOLD_OR_VIP, MART_SM_ONLY],
  [GOLD_OR_VIP, MART_SM_ONLY, NO_DPT],
  [GOLD_OR_VIP, MART_SM_ONLY, NO_DPT, SMS],
];

async function expectedCount(step: number): Promise<number> {
  const where = ["c.status = 'ACTIVE'", "$1::date IS NOT NULL", ...STEPS[step]!].join("\n AND ");
  const rows = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM customer c WHERE ${where}`,
    asOf,
  );
  return rows[0]?.n ?? 0;
}

/** The live count settles on this number (a newer tree's answer, not an older one's). */
async function expectCount(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId("count-panel")).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("count-size")).toHaveText(n.toLocaleString("ko-KR"));
}

const addRule = (group: Locator, field: string) => group.getByLabel("조건 선택").last().selectOption(field);

let savedId = "";

test.describe.configure({ mode: "serial" });

test("the CRM manager builds GOLD or VIP, mart + supermarket only, no department store in 12 months, SMS consent; the count follows each rule and equals a hand-written query", async ({
  page,
}) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/segments");
  await expect(page.getByRole("heading", { name: "세그먼트" })).toBeVisible();
  await page.getByRole("link", { name: "새 세그먼트" }).click();
  await expect(page).toHaveURL(/\/segments\/new$/);

  const counts: number[] = [];
  const step = async (i: number) => {
    counts[i] = await expectedCount(i);
    await expectCount(page, counts[i]!);
  };
  await step(0); // the empty tree: every active customer

  const root = page.getByTestId("group-root");
  // (GOLD OR VIP) as a nested OR group of two tier rules
  await root.getByRole("button", { name: "+ 그룹" }).last().click();
  const tiers = page.getByTestId("group-0");
  await expect(tiers.getByRole("button", { name: "하나라도 (OR)" })).toHaveAttribute("aria-pressed", "true");
  await addRule(tiers, "tier");
  await tiers.locator('[data-field="tier"]').nth(0).getByLabel("골드 (GOLD)").check();
  await step(1);
  await addRule(tiers, "tier");
  await tiers.locator('[data-field="tier"]').nth(1).getByLabel("VIP (VIP)").check();
  await step(2);
  expect(counts[1]).not.toBe(counts[0]);
  expect(counts[2]).not.toBe(counts[1]);

  // mart + supermarket only, in the last 365 days
  await addRule(root, "formats_used");
  const formats = root.locator(':scope > [data-field="formats_used"]');
  await formats.getByLabel("할인점(마트)").check();
  await formats.getByLabel("슈퍼마켓").check();
  await formats.getByLabel("방식").selectOption("only");
  await step(3);

  // NOT (any department store purchase in the last 365 days), as a negated group
  await root.getByRole("button", { name: "+ 그룹" }).last().click();
  const noDept = page.getByTestId("group-2");
  await noDept.getByLabel("제외 (NOT)").check();
  await addRule(noDept, "formats_used");
  await noDept.locator('[data-field="formats_used"]').getByLabel("백화점").check();
  await step(4);

  // SMS consent (the rule's defaults)
  await addRule(root, "consent");
  await step(5);
  const final = counts[5]!;

  // the compiled SQL is shown with its values
  await page.getByRole("button", { name: "SQL 보기" }).click();
  await expect(page.getByTestId("compiled-sql")).toContainText("customer_tier_history");
  await expect(page.getByTestId("compiled-sql")).toContainText('["GOLD"]');

  const form = page.getByTestId("save-form");
  await form.getByLabel("이름").fill(`골드·VIP 마트+슈퍼 전용 ${Date.now()}`);
  await form.getByLabel("사업부 교차 이용").check();
  await form.getByRole("button", { name: "저장" }).click();
  await expect(page).toHaveURL(/\/segments\/\d+$/);
  savedId = page.url().split("/").pop() as string;

  const saved = await db().segment.findUniqueOrThrow({ where: { id: BigInt(savedId) } });
  expect(saved.themes).toEqual(["cross_format"]);
  expect(JSON.stringify(saved.definition)).toContain('"mode":"only"');
  // reopened from the database, the tree counts the same
  await expectCount(page, final);
  expect(final).toBe(await expectedCount(5));

  // a snapshot adds a point to the size-over-time chart
  await page.getByRole("button", { name: "스냅숏 찍기" }).click();
  await expect(page.getByRole("status")).toContainText(`스냅숏을 기록했습니다: ${final}명`);
  await expect(page.getByTestId("size-chart")).toBeVisible();
  const snapshot = await db().segmentSnapshot.findFirstOrThrow({ where: { segmentId: BigInt(savedId) } });
  expect(snapshot.size).toBe(final);

  await page.goto("/segments?theme=cross_format");
  await expect(page.locator(`tr[data-segment-id="${savedId}"]`)).toContainText(String(final));
});

test("overlap of two segments: counts per region, each linking to the customers in it", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  // two ready-made segments (the seed's) overlap on the demo base; the one saved above is small
  const [a, b] = await db().segment.findMany({
    where: { builtIn: true, deletedAt: null },
    orderBy: { id: "asc" },
    take: 2,
  });
  await page.goto(`/segments/overlap?ids=${a!.id},${b!.id}`);
  const table = page.getByTestId("overlap-table");
  await expect(page.getByTestId("venn")).toBeVisible();
  const linkText = async (row: Locator) =>
    Number(((await row.getByRole("link").textContent()) ?? "").replace(/,/g, ""));
  const region = (key: string) => table.locator(`tr[data-region="${key}"]`);
  const total = await linkText(table.locator("tr", { hasText: a!.name }).first());
  expect((await linkText(region("10"))) + (await linkText(region("11")))).toBe(total);
  for (const key of ["10", "11"]) {
    const n = await linkText(region(key));
    await region(key).getByRole("link").click();
    await expect(page).toHaveURL(/\/customers\?segment=/);
    await expect(page.getByTestId("customers-count")).toHaveAttribute("data-count", String(n));
    await page.goBack();
  }
  // the saved segment against one of them: its two regions add up to its hand-checked size
  await page.goto(`/segments/overlap?ids=${savedId},${a!.id}`);
  expect((await linkText(region("10"))) + (await linkText(region("11")))).toBe(await expectedCount(5));
});

test("the CSV export has the figure columns and, for a CRM manager, the personal ones", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  const response = await page.request.get(`/api/segments/${savedId}/export`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toContain("attachment");
  const lines = (await response.text())
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter(Boolean);
  expect(lines[0]).toBe("customer_id,tier,lifecycle,formats,rfm_segment,spend_12m,visits_12m,name,phone,email");
  expect(lines.length - 1).toBe(await expectedCount(5));
  const audit = await db().auditLog.findFirst({ where: { action: "segment.export", targetId: savedId } });
  expect(audit?.actorEmail).toBe(crm.email);
});

test("store staff get 403 on every segment page, the count and export APIs and the save action", async ({ page }) => {
  const staff = await storeStaff("segments-staff");
  await signIn(page, staff.email, staff.password);
  for (const path of ["/segments", "/segments/new", `/segments/${savedId}`, `/segments/overlap?ids=${savedId},1`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  const count = await page.request.post("/api/segments/count", {
    data: { definition: { kind: "group", op: "and", negate: false, children: [] } },
  });
  expect(count.status()).toBe(403);
  const exported = await page.request.get(`/api/segments/${savedId}/export`);
  expect(exported.status()).toBe(403);
  const origin = new URL(page.url()).origin;
  const body = await callServerAction(
    page,
    { path: "/segments/new", file: "segments/actions", name: "saveSegmentAction", origin },
    { name: "x", definition: { kind: "group", op: "and", negate: false, children: [] } },
  );
  expect(body).toContain("forbidden");
  expect(await db().segment.count({ where: { name: "x" } })).toBe(0);
});
