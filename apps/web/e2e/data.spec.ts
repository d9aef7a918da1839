import { readFileSync } from "node:fs";
import { createCustomer } from "@dangol/db/seed";
import { createRedis, JobProducer } from "@dangol/jobs";
import { expect, test } from "@playwright/test";
import { callServerAction, db, demoUser, signIn } from "./support.ts";

// One fixture set for the file (batches, rejected rows, reviews), then the tests read and decide it in order.
test.describe.configure({ mode: "serial" });

const run = `${Date.now()}`;
const REJECTED = [
  { lineNo: 3, reason: "wrong field count", raw: 'D123456789,"홍길동",010-1234-5678,extra' },
  { lineNo: 7, reason: "unbalanced quotes", raw: "<script>window.__xss=1</script>" },
  { lineNo: 9, reason: "member number malformed", raw: "=cmd|' /C calc'!A0" },
  { lineNo: 11, reason: "wrong encoding", raw: null },
];

let loadedId = "";
let refusedId = "";
let runningId = "";
let mergeReviewId = "";
let keepReviewId = "";

test.beforeAll(async () => {
  const prisma = db();
  const started = new Date(Date.now() - 60_000);
  const loaded = await prisma.etlBatch.create({
    data: {
      sourceCode: "MART",
      feedKind: "member",
      fileName: `MART_MEMBER_${run}.dat`,
      fileChecksum: "a".repeat(64),
      sizeBytes: 4096n,
      businessDate: new Date("2025-06-02T00:00:00Z"),
      status: "LOADED",
      rowsIn: 20,
      loaded: 15,
      rejected: 4,
      skipped: 1,
      findings: { invalid_email: 2, invalid_phone: 1 },
      startedAt: started,
      finishedAt: new Date(started.getTime() + 2_500),
      warehouseLoadedAt: new Date(started.getTime() + 4_000),
      warehouseStats: { seconds: 1.234, customers: 15 },
    },
  });
  loadedId = loaded.id.toString();
  await prisma.etlRejectedRow.createMany({ data: REJECTED.map((r) => ({ batchId: loaded.id, ...r })) });
  await prisma.etlFinding.createMany({
    data: [
      { batchId: loaded.id, lineNo: 4, kind: "invalid_email", field: "email", rawValue: "a@@b" },
      { batchId: loaded.id, lineNo: 5, kind: "invalid_email", field: "email", rawValue: "x" },
      { batchId: loaded.id, lineNo: 6, kind: "invalid_phone", field: "phone", rawValue: "123" },
    ],
  });
  const refused = await prisma.etlBatch.create({
    data: {
      sourceCode: "DPT",
      feedKind: "sales",
      fileName: `DPT_SALES_${run}.csv`,
      fileChecksum: "b".repeat(64),
      sizeBytes: 100n,
      businessDate: new Date("2025-06-02T00:00:00Z"),
      status: "REFUSED",
      refusalReason: "trailer missing: no EOF line",
      rowsIn: 3,
      rejected: 3,
      startedAt: started,
      finishedAt: new Date(started.getTime() + 100),
    },
  });
  refusedId = refused.id.toString();
  const running = await prisma.etlBatch.create({
    data: {
      sourceCode: "SM",
      feedKind: "sales",
      fileName: `SM_SALES_${run}.jsonl`,
      fileChecksum: "c".repeat(64),
      sizeBytes: 1024n,
      businessDate: new Date("2025-06-03T00:00:00Z"),
      status: "RUNNING",
      startedAt: new Date(),
    },
  });
  runningId = running.id.toString();
  // The worker's job for the running batch, as `dangol etl run` names it, halfway through the file.
  const connection = createRedis(process.env.REDIS_URL as string);
  const producer = new JobProducer(connection, process.env.DANGOL_QUEUE_PREFIX);
  try {
    const job = await producer.enqueue(
      "etl.file",
      { path: `/tmp/${running.fileName}`, division: "SM", kind: "sales" },
      { jobId: `etl.file-SM-${running.fileName}-${running.fileChecksum}` },
    );
    await job.updateProgress({ rowsRead: 500, bytesRead: 512, totalBytes: 1024 });
  } finally {
    await producer.close();
    connection.disconnect();
  }
  // Two held identity matches between look-alike customers of two divisions.
  const pair = async (suffix: string) => {
    const existing = await createCustomer(prisma, {
      name: "박서준",
      phone: `010-5555-${suffix}`,
      birthDate: "1985-03-04",
      link: { sourceCode: "DPT", memberNo: `D${run.slice(-5)}${suffix}` },
    });
    const incoming = await createCustomer(prisma, {
      name: "박서준",
      phone: `010-6666-${suffix}`,
      birthDate: "1985-03-04",
      link: { sourceCode: "MART", memberNo: `7${run.slice(-5)}${suffix}` },
    });
    const review = await prisma.identityReview.create({
      data: {
        customerId: incoming.id,
        candidateCustomerId: existing.id,
        sourceCode: "MART",
        memberNo: incoming.sourceLinks[0]?.memberNo as string,
        matchedSourceCode: "DPT",
        matchedMemberNo: existing.sourceLinks[0]?.memberNo as string,
        reason: "score_band",
        score: 0.912,
        evidence: ["name=", "birth=", "phone≠"],
        batchId: loaded.id,
      },
    });
    return review.id.toString();
  };
  mergeReviewId = await pair("1001");
  keepReviewId = await pair("1002");
  await prisma.dataQualitySnapshot.upsert({
    where: { day: new Date("2025-06-02T00:00:00Z") },
    create: {
      day: new Date("2025-06-02T00:00:00Z"),
      customers: 200,
      withValidPhone: 150,
      withValidEmail: 80,
      withValidBirth: 190,
      withConsent: 120,
      mergesTotal: 7,
      reviewsOpen: 3,
      mergesOfDay: 2,
      reviewsOfDay: 1,
      batches: 3,
      rowsIn: 23,
      rejectedRows: 7,
      findings: 3,
      findingsByKind: { invalid_email: 2, invalid_phone: 1 },
    },
    update: {},
  });
});

// No worker reads the e2e queue prefix: drop the fixture job so runs leave nothing in Redis.
test.afterAll(async () => {
  const connection = createRedis(process.env.REDIS_URL as string);
  const producer = new JobProducer(connection, process.env.DANGOL_QUEUE_PREFIX);
  try {
    await producer.queue("etl").obliterate({ force: true });
  } finally {
    await producer.close();
    connection.disconnect();
  }
});

test("the CRM manager sees batches with counts, findings, durations, refusal reason and a running batch's progress", async ({
  page,
}) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/data");
  await expect(page.getByRole("heading", { name: "데이터 관리" })).toBeVisible();
  const loaded = page.locator(`tr[data-batch-id="${loadedId}"]`);
  await expect(loaded.getByTestId("batch-status")).toHaveText("적재 완료");
  await expect(loaded).toContainText(`MART_MEMBER_${run}.dat`);
  await expect(loaded).toContainText("2025-06-02");
  await expect(loaded.getByTestId("batch-findings")).toHaveText("invalid_email 2 · invalid_phone 1");
  await expect(loaded).toContainText("수집 2.5초");
  await expect(loaded).toContainText("웨어하우스 1.23초");
  await expect(loaded.getByTestId("rejected-link")).toHaveText("4");
  const refused = page.locator(`tr[data-batch-id="${refusedId}"]`);
  await expect(refused.getByTestId("refusal-reason")).toContainText("trailer missing: no EOF line");
  const running = page.locator(`tr[data-batch-id="${runningId}"]`);
  await expect(running.getByTestId("batch-progress")).toHaveAttribute("data-percent", "50");
  await expect(running.getByTestId("batch-progress")).toContainText("50% · 500행 읽음");

  // The filter narrows the list to one status.
  await page.locator('select[name="status"]').selectOption("REFUSED");
  await page.getByRole("button", { name: "조회" }).click();
  await expect(page).toHaveURL(/status=REFUSED/);
  await expect(page.locator(`tr[data-batch-id="${refusedId}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-batch-id="${loadedId}"]`)).toHaveCount(0);

  // Data quality: the recorded day as shares, and today's figures computed live.
  const day = page.getByTestId("data-quality").locator('tr[data-day="2025-06-02"]');
  await expect(day.getByTestId("share-phone")).toHaveText("75%");
  await expect(day.getByTestId("share-consent")).toHaveText("60%");
  await expect(day.getByTestId("duplicates")).toContainText("병합 7 · 검토 3");
  await expect(page.getByTestId("data-quality").locator('tr[data-live="true"]')).toContainText("실시간");
  await expect(page.getByTestId("quality-chart")).toBeVisible();
});

test("the rejected rows show as text and download as a UTF-8 CSV with BOM and RFC 4180 quoting", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/data");
  await page.locator(`tr[data-batch-id="${loadedId}"]`).getByTestId("rejected-link").click();
  await expect(page).toHaveURL(new RegExp(`/data/batches/${loadedId}$`));
  const rows = page.getByTestId("rejected-rows");
  await expect(rows.locator("tr[data-line]")).toHaveCount(4);
  await expect(rows.locator('tr[data-line="7"]').getByTestId("raw")).toHaveText("<script>window.__xss=1</script>");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(rows.locator('tr[data-line="11"]')).toContainText("(삭제됨)");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-rejected").click()]);
  expect(download.suggestedFilename()).toBe(`rejected-${loadedId}-MART_MEMBER_${run}.dat.csv`);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const file = `MART_MEMBER_${run}.dat`;
  expect(bytes.subarray(3).toString("utf8")).toBe(
    [
      "batch_id,file_name,line_no,reason,raw",
      `${loadedId},${file},3,wrong field count,"D123456789,""홍길동"",010-1234-5678,extra"`,
      `${loadedId},${file},7,unbalanced quotes,<script>window.__xss=1</script>`,
      `${loadedId},${file},9,member number malformed,'=cmd|' /C calc'!A0`,
      `${loadedId},${file},11,wrong encoding,`,
      "",
    ].join("\r\n"),
  );
  const response = await page.request.get(`/api/data/batches/${loadedId}/rejected`);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
});

test("the CRM manager merges one held match, keeps another apart, and unmerges the merge", async ({ page }) => {
  const crm = demoUser("CRM_MANAGER");
  await signIn(page, crm.email, crm.password);
  await page.goto("/data");
  const review = page.locator(`li[data-review-id="${mergeReviewId}"]`);
  // Masked key facts side by side: the full name never reaches the page.
  await expect(review.getByTestId("review-customer")).toContainText("박*준");
  await expect(review.getByTestId("review-customer")).toContainText("1985");
  await expect(review.getByTestId("review-customer")).toContainText("1001");
  await expect(review.getByTestId("review-candidate")).toContainText("DPT");
  await expect(review).toContainText("0.912");
  await expect(page.getByTestId("review-queue")).not.toContainText("박서준");

  await review.getByRole("button", { name: "병합" }).click();
  await expect(page.locator(`li[data-review-id="${mergeReviewId}"]`)).toHaveCount(0);
  const merged = await db().identityReview.findUniqueOrThrow({ where: { id: BigInt(mergeReviewId) } });
  expect(merged).toMatchObject({ status: "MERGED", decidedBy: crm.email });
  const merge = await db().customerMerge.findFirstOrThrow({
    where: { reason: "manual", mergedBy: crm.email },
    orderBy: { id: "desc" },
  });

  await page.locator(`li[data-review-id="${keepReviewId}"]`).getByRole("button", { name: "별개 유지" }).click();
  await expect(page.locator(`li[data-review-id="${keepReviewId}"]`)).toHaveCount(0);
  expect((await db().identityReview.findUniqueOrThrow({ where: { id: BigInt(keepReviewId) } })).status).toBe(
    "REJECTED",
  );

  const row = page.getByTestId("recent-merges").locator(`tr[data-merge-id="${merge.id}"]`);
  await expect(row).toContainText("manual");
  await row.getByRole("button", { name: "병합 취소" }).click();
  await expect(row).toContainText("취소됨");
  const undone = await db().customerMerge.findUniqueOrThrow({ where: { id: merge.id } });
  expect(undone.unmergedBy).toBe(crm.email);
  const restored = await db().customer.findUniqueOrThrow({ where: { id: merge.mergedId } });
  expect(restored.status).toBe("ACTIVE");
});

test("store staff gets 403 on the Data page, the CSV and progress routes, and its direct decision call is refused", async ({
  page,
  baseURL,
}) => {
  const staff = demoUser("STORE_STAFF");
  await signIn(page, staff.email, staff.password);
  for (const target of ["/data", `/data/batches/${loadedId}`]) {
    const response = await page.goto(target);
    expect(response?.status(), target).toBe(403);
    await expect(page.getByTestId("batches")).toHaveCount(0);
    await expect(page.getByTestId("rejected-rows")).toHaveCount(0);
  }
  const csv = await page.request.get(`/api/data/batches/${loadedId}/rejected`);
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain("홍길동");
  expect((await page.request.get(`/api/data/batches/progress?ids=${runningId}`)).status()).toBe(403);

  // A fresh open review the staff member tries to merge by calling the server function directly.
  const target = await db().identityReview.update({
    where: { id: BigInt(keepReviewId) },
    data: { status: "OPEN", decidedAt: null, decidedBy: null },
  });
  for (const [name, input] of [
    ["resolveReviewForm", { reviewId: target.id.toString(), decision: "merge" }],
    ["unmergeForm", { mergeId: "1" }],
  ] as const) {
    const body = await callServerAction(
      page,
      { path: "/data", file: "data/actions", name, origin: baseURL as string },
      input,
    );
    expect(body, name).toContain('"error":"forbidden"');
    expect(body, name).not.toContain('"ok":true');
  }
  expect((await db().identityReview.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("OPEN");
  const denied = await db().auditLog.findFirst({
    where: { action: "access.denied", actorEmail: staff.email, targetId: "data" },
    orderBy: { id: "desc" },
  });
  expect(denied).not.toBeNull();
});
