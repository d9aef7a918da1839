import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStaleTables } from "./statistics.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase("dangol_statistics");
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const lastAnalyze = async (table: string) =>
  (await client.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = $1`, [table])).rows[0]
    ?.last_analyze ?? null;

describe("analyzeStaleTables", () => {
  it("analyzes a table never analyzed or grown by more than the fraction, and leaves a fresh one alone", async () => {
    await client.query(`CREATE TABLE grown (id int)`);
    await client.query(`INSERT INTO grown SELECT generate_series(1, 1000)`);
    expect(await lastAnalyze("grown")).toBeNull();

    expect(await analyzeStaleTables(client, ["grown", "staging.member"])).toContain("grown");
    expect(await lastAnalyze("grown")).not.toBeNull();

    expect(await analyzeStaleTables(client, ["grown"])).toEqual([]);

    // Straight after the write, as after a load's COMMIT: the backend has not reported the rows yet.
    await client.query(`INSERT INTO grown SELECT generate_series(1, 500)`);
    expect(await analyzeStaleTables(client, ["grown"])).toEqual(["grown"]);
  });
});
