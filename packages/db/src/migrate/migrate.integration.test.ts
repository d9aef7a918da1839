import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { checkDrift, createMigration, deployMigrations, migrationStatus, withDatabase } from "./index.ts";

// A two-model schema and its migrations (the second one hand-written: a CHECK constraint and a
// trigger), so these tests do not depend on the real warehouse schema.
const fixtures = path.join(import.meta.dirname, "__fixtures__");
const fixture = { schemaPath: path.join(fixtures, "schema.prisma"), migrationsDir: path.join(fixtures, "migrations") };
const serverUrl = () => process.env.DATABASE_URL ?? "";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A scratch copy of the fixture, so a test can change the schema or add migrations. */
async function copyFixture(): Promise<{ dir: string; schemaPath: string; migrationsDir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "dangol-migrate-"));
  await cp(fixtures, dir, { recursive: true });
  return { dir, schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
}

async function addEmailColumn(schemaPath: string): Promise<void> {
  const schema = await readFile(schemaPath, "utf8");
  await writeFile(schemaPath, schema.replace('grade   String @default("basic")', "$&\n  email   String?"));
}

describe("the integration run's database", () => {
  it("is a fresh database with prisma/migrations applied", async () => {
    expect(new URL(serverUrl()).pathname).toMatch(/^\/dangol_test_\d{14}_[0-9a-f]{8}$/);
    expect(await migrationStatus(serverUrl())).toMatchObject({ pending: [], failed: [], upToDate: true });
  });
});

describe("deployMigrations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("dangol_migrate_test", fixture);
  });
  afterAll(() => db?.drop());

  it("records each applied migration in _prisma_migrations with the sha256 of its migration.sql", async () => {
    const rows = await query<{ migration_name: string; checksum: string; finished: boolean; steps: number }>(
      db.url,
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count AS steps
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    const names = (await readdir(fixture.migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const expected = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: createHash("sha256")
          .update(await readFile(path.join(fixture.migrationsDir, name, "migration.sql")))
          .digest("hex"),
        finished: true,
        steps: 1,
      })),
    );
    expect(rows).toEqual(expected);
  });

  it("applies hand-written SQL whole, including function bodies with semicolons", async () => {
    const [customer] = await query<{ phone: string }>(
      db.url,
      `WITH store AS (INSERT INTO "Store" (name) VALUES ('Mapo') RETURNING id)
       INSERT INTO "Customer" ("storeId", phone) SELECT id, '010-1234-5678' FROM store RETURNING phone`,
    );
    expect(customer?.phone).toBe("01012345678");
    await expect(query(db.url, `UPDATE "Customer" SET grade = 'gold'`)).rejects.toThrow(/Customer_grade_check/);
  });

  it("applies nothing the second time and reports the database up to date", async () => {
    expect(await deployMigrations(db.url, fixture)).toEqual([]);
    const status = await migrationStatus(db.url, fixture);
    expect(status).toMatchObject({ pending: [], failed: [], edited: [], notInFolder: [], upToDate: true });
    expect(status.applied).toEqual(status.migrations);
  });

  it("reports a migration added to the folder as pending, and one missing from it", async () => {
    const scratch = await copyFixture();
    try {
      await addEmailColumn(scratch.schemaPath);
      const created = await createMigration("add email", serverUrl(), scratch);
      const status = await migrationStatus(db.url, scratch);
      expect(status.pending).toEqual([path.basename(created)]);
      expect(status.upToDate).toBe(false);

      await rm(path.join(scratch.migrationsDir, "20250102000000_customer_rules"), { recursive: true });
      expect((await migrationStatus(db.url, scratch)).notInFolder).toEqual(["20250102000000_customer_rules"]);
    } finally {
      await rm(scratch.dir, { recursive: true, force: true });
    }
  });
});

describe("migrationStatus", () => {
  it("reports every migration pending on a database that was never migrated", async () => {
    const status = await migrationStatus(withDatabase(serverUrl(), "postgres"), fixture);
    expect(status).toMatchObject({ applied: [], failed: [], upToDate: false });
    expect(status.pending).toEqual(status.migrations);
    expect(status.migrations).toHaveLength(2);
  });
});

describe("checkDrift", () => {
  it("finds no drift when the migrations produce the schema, hand-written SQL notwithstanding", async () => {
    expect(await checkDrift(serverUrl(), fixture)).toBe("");
  });

  it("returns the missing SQL when schema.prisma gains a column without a migration", async () => {
    const scratch = await copyFixture();
    try {
      await addEmailColumn(scratch.schemaPath);
      const diff = await checkDrift(serverUrl(), scratch);
      expect(diff).toContain('ALTER TABLE "Customer" ADD COLUMN');
      expect(diff).toContain('"email" TEXT');
    } finally {
      await rm(scratch.dir, { recursive: true, force: true });
    }
  });
});

describe("createMigration", () => {
  it("writes <timestamp>_<snake_name>/migration.sql that closes the drift and deploys", async () => {
    const scratch = await copyFixture();
    const db = await createTestDatabase("dangol_migrate_test", scratch);
    try {
      await rm(path.join(scratch.migrationsDir, "migration_lock.toml"));
      await addEmailColumn(scratch.schemaPath);

      const folder = await createMigration("Add customer email", serverUrl(), scratch);

      expect(path.dirname(folder)).toBe(scratch.migrationsDir);
      expect(path.basename(folder)).toMatch(/^\d{14}_add_customer_email$/);
      const sql = await readFile(path.join(folder, "migration.sql"), "utf8");
      expect(sql).toContain('ALTER TABLE "Customer" ADD COLUMN     "email" TEXT;');
      expect(await readFile(path.join(scratch.migrationsDir, "migration_lock.toml"), "utf8")).toContain(
        'provider = "postgresql"',
      );
      expect(await checkDrift(serverUrl(), scratch)).toBe("");
      expect(await deployMigrations(db.url, scratch)).toEqual([path.basename(folder)]);
    } finally {
      await db.drop();
      await rm(scratch.dir, { recursive: true, force: true });
    }
  });

  it("refuses when there is nothing to migrate", async () => {
    const scratch = await copyFixture();
    try {
      await expect(createMigration("noop", serverUrl(), scratch)).rejects.toThrow(/Nothing to migrate/);
      expect((await readdir(scratch.migrationsDir)).sort()).toEqual((await readdir(fixture.migrationsDir)).sort());
    } finally {
      await rm(scratch.dir, { recursive: true, force: true });
    }
  });
});
