import { readFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient, type PrismaClient } from "@dangol/db/client";
import { DEMO_USERS, type DemoUser, upsertFixtureUser } from "@dangol/db/seed";
import { createRedis, JobProducer } from "@dangol/jobs";
import { analystConnectionString } from "@dangol/workbench";
import { executeQueryRun } from "@dangol/workbench/services";
import { type Browser, type BrowserContextOptions, expect, type Page, test } from "@playwright/test";

export function demoUser(role: DemoUser["role"]): DemoUser {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user for ${role}`);
  return user;
}

let client: PrismaClient | undefined;

/** The same database the server under test uses (e2e/run.ts sets DATABASE_URL for both). */
export function db(): PrismaClient {
  client ??= createPrismaClient(process.env.DATABASE_URL as string);
  return client;
}

/** A throw-away account per test, so tests that lock or disable users never disturb each other. */
export async function fixtureUser(name: string, role: DemoUser["role"] = "CRM_MANAGER") {
  const email = `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  const password = "fixture-password-1";
  await upsertFixtureUser(db(), { email, role, password, name });
  return { email, password };
}

/**
 * A throw-away store account at the demo store user's store: reveals and rate-limit counts are
 * per user, so a test that needs a clean slate never sees another test's.
 */
export async function storeStaff(name: string) {
  const { storeId } = await db().user.findUniqueOrThrow({
    where: { email: demoUser("STORE_STAFF").email },
    select: { storeId: true },
  });
  const email = `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  const password = "fixture-password-1";
  const user = await upsertFixtureUser(db(), { email, role: "STORE_STAFF", password, name, storeId });
  return { id: user.id, email, password };
}

export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await fillSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByTestId("main-nav")).toBeVisible();
}

/** Signs in with JavaScript, then continues in a context that runs none (same cookies). */
export async function noScriptPage(
  browser: Browser,
  email: string,
  password: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const signing = await browser.newContext(options);
  await signIn(await signing.newPage(), email, password);
  const storageState = await signing.storageState();
  await signing.close();
  const context = await browser.newContext({ ...options, javaScriptEnabled: false, storageState });
  return context.newPage();
}

/** A second, independent browser session (its own cookies). */
export async function newSignedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

export async function navLabels(page: Page): Promise<string[]> {
  return page.getByTestId("main-nav").getByRole("link").allInnerTexts();
}

/** The built app's id for a server action, as a browser would send it. */
function actionId(exportedName: string, file: string): string {
  const manifestPath = path.join(import.meta.dirname, "../.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === exportedName && action.filename?.includes(file),
  );
  if (!entry) throw new Error(`${exportedName} not found in the server reference manifest; build the app first`);
  return entry[0];
}

/**
 * Calls a form's server function directly, as (previous state, input) — what a user who skips the
 * page could send — and returns the response body.
 */
export async function callServerAction(
  page: Page,
  at: { path: string; file: string; name: string; origin: string },
  input: unknown,
): Promise<string> {
  const response = await page.request.post(at.path, {
    headers: {
      "Next-Action": actionId(at.name, at.file),
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: at.origin,
    },
    data: JSON.stringify([null, input]),
  });
  return response.text();
}

/**
 * The e2e run has no worker process (its queue prefix is its own, and other specs assert that
 * what they enqueue stays queued): a spec that runs workbench queries calls this to stand in for
 * the worker's queries.run handler, running each queued run through the same service the handler
 * calls.
 */
export function standInForQueryWorker(): void {
  let worker: ReturnType<typeof setInterval> | undefined;
  test.beforeAll(() => {
    const connectionString = analystConnectionString(process.env.DATABASE_URL);
    let busy = false;
    worker = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const queued = await db().queryRun.findMany({ where: { status: "QUEUED" }, select: { id: true, jobId: true } });
        for (const run of queued) {
          // Specs run in parallel, each with its own stand-in: take a run only if no other stand-in
          // has. (executeQueryRun reads a run it cannot claim because it is RUNNING as a worker that
          // died mid-run — right for BullMQ, which hands a job to one worker, wrong for two pollers.)
          const mine = await db().queryRun.updateMany({
            where: { id: run.id, status: "QUEUED", jobId: run.jobId },
            data: { jobId: `e2e-stand-in-${process.pid}-${run.id}` },
          });
          if (mine.count === 1) await executeQueryRun(db(), run.id, { connectionString });
        }
      } finally {
        busy = false;
      }
    }, 200);
  });
  test.afterAll(async () => {
    clearInterval(worker);
    // The runs' jobs were never taken by a worker: leave no e2e queue behind in Redis.
    const connection = createRedis(process.env.REDIS_URL as string);
    const producer = new JobProducer(connection, process.env.DANGOL_QUEUE_PREFIX);
    try {
      await producer.queue("queries").obliterate({ force: true });
    } finally {
      await producer.close();
      connection.disconnect();
    }
  });
}
