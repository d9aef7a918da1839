/**
 * Real-Chromium measurements for `dangol bench lookup` (Debian's /usr/bin/chromium through
 * playwright-core; nothing is downloaded): the JavaScript and total bytes a first load transfers,
 * and timed store-counter paths under a slow-3G profile, with JavaScript on and off.
 */
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Slow 3G as the issue gives it: ~400 kbps down (and up), 400 ms round trip. */
export const SLOW_3G = { latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
}

export interface Transfer {
  /** compressed bytes of every script the page loaded */
  jsBytes: number;
  /** compressed bytes of everything, the document included */
  totalBytes: number;
  requests: number;
}

/** What one cold load of `url` transfers, as Chromium's network layer counts it (encoded bytes). */
export async function firstLoadTransfer(context: BrowserContext, url: string): Promise<Transfer> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map<string, string>();
  let jsBytes = 0;
  let totalBytes = 0;
  let requests = 0;
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) => {
    requests++;
    totalBytes += e.encodedDataLength;
    if (types.get(e.requestId) === "Script") jsBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.close();
  return { jsBytes, totalBytes, requests };
}

export interface CounterPath {
  /** the page the clerk opens */
  url: string;
  /** the search field: the moment it can be typed into, the page is usable */
  searchInput: string;
  /** fills the search and submits it */
  search: (page: Page) => Promise<void>;
  /** shown once the customer's card is on screen */
  card: string;
  /** a result to open when the search lists several people instead of opening the card */
  firstResult: string;
}

export interface PathTiming {
  /** navigation start → the search field visible and enabled */
  usableMs: number;
  /** search submitted → the customer card visible */
  cardMs: number;
}

/** One cold, throttled run of the counter path in a fresh context (no cache, no cookies but `state`). */
export async function timeCounterPath(
  browser: Browser,
  path: CounterPath,
  options: {
    javaScript: boolean;
    storageState: Awaited<ReturnType<BrowserContext["storageState"]>>;
    /**
     * Submit only once the page went quiet (its scripts arrived), as after a clerk's seconds of
     * typing; otherwise at once, when the search competes with the page's own downloads.
     */
    settled: boolean;
  },
): Promise<PathTiming> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript,
    storageState: options.storageState,
    viewport: { width: 360, height: 740 },
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...SLOW_3G });
    const started = performance.now();
    await page.goto(path.url, { waitUntil: "commit" });
    await page.locator(path.searchInput).waitFor({ state: "visible" });
    // A string expression: it runs in the page, and this package is typed for Node, not the DOM.
    await page.waitForFunction(`document.querySelector(${JSON.stringify(path.searchInput)})?.disabled === false`);
    const usableMs = performance.now() - started;
    if (options.settled) await page.waitForLoadState("networkidle");
    const submitted = performance.now();
    await path.search(page);
    const card = page.locator(path.card);
    const result = page.locator(path.firstResult).first();
    await Promise.race([card.waitFor({ state: "visible" }), result.waitFor({ state: "visible" })]);
    if (!(await card.isVisible())) {
      await result.click();
      await card.waitFor({ state: "visible" });
    }
    return { usableMs, cardMs: performance.now() - submitted };
  } finally {
    await context.close();
  }
}

/** Signs in through the real form and returns the session cookies for new contexts. */
export async function signedInState(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signin`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    return await context.storageState();
  } finally {
    await context.close();
  }
}
