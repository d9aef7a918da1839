/**
 * `seed(prisma)`: the demo retailer plus one account per role. Idempotent: run it as often as you
 * like (upserts and natural keys; see demo-retailer.ts). The demo accounts and their passwords
 * are in DEMO_USERS.
 */
import type { PrismaClient } from "../generated/prisma/client.ts";
import { seedAnalyticsConfig } from "./analytics-config.ts";
import { type DemoRetailerOptions, seedDemoRetailer } from "./demo-retailer.ts";
import { seedDemoUsers } from "./demo-users.ts";
import { seedReadyMadeSegments } from "./segments.ts";

export { DEMO_TIER_RULES, seedAnalyticsConfig } from "./analytics-config.ts";
export {
  allocatePointsFifo,
  buildDemoRetailer,
  DEMO_RECEIPT_PREFIX,
  DEMO_SEED,
  type DemoCustomer,
  type DemoReceipt,
  type DemoRetailer,
  type DemoRetailerOptions,
  dateOnly,
  pointsExpiryFor,
  seedDemoRetailer,
  seedReferenceData,
  seoulDay,
} from "./demo-retailer.ts";
export { DEMO_USERS, type DemoUser, type FixtureUserInput, seedDemoUsers, upsertFixtureUser } from "./demo-users.ts";
export {
  type CustomerInput,
  createCustomer,
  createDemoStore,
  createReceipt,
  type DemoStoreInput,
  ensureSourceSystems,
  type ReceiptInput,
} from "./factories.ts";
export {
  CATEGORY_TREE,
  DEMO_PRODUCTS,
  DEMO_STORES,
  DEMO_TIERS,
  flattenCategories,
  REGIONS,
  SOURCE_SYSTEMS,
} from "./reference-data.ts";
export { seedReadyMadeSegments } from "./segments.ts";

export interface SeedOptions {
  log?: (line: string) => void;
  /** Demo size and "today"; defaults: 200 customers, 2,000 sales, now. */
  demo?: DemoRetailerOptions;
  /**
   * Insert the small demo retailer directly (tests and e2e fixtures). False when the demo is
   * loaded through the real path instead (`scripts/quickstart.sh`: generated feeds → ETL).
   */
  demoRetailer?: boolean;
}

export async function seed(prisma: PrismaClient, opts: SeedOptions = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const demoRetailer = opts.demoRetailer ?? true;
  if (demoRetailer) await seedDemoRetailer(prisma, { ...opts.demo, log });
  await seedDemoUsers(prisma, log, { waitForStores: !demoRetailer });
  await seedAnalyticsConfig(prisma, log);
  await seedReadyMadeSegments(prisma, log);
  log(`seed done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
