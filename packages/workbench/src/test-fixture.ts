import pg from "pg";
import { analystConnectionString } from "./connection.ts";

/**
 * The integration tests' database: the app role's connection (process.env.DATABASE_URL, the
 * run's fresh migrated database) and the analyst role's connection string to the same database,
 * plus a few rows written as the app so the views have something to show and the hostile
 * queries something to damage.
 */
export interface AnalystTestDatabase {
  app: pg.Client;
  analyst: string;
  close(): Promise<void>;
}

export async function openAnalystTestDatabase(): Promise<AnalystTestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run integration tests through vitest's integration project");
  const app = new pg.Client({ connectionString: url });
  await app.connect();
  return { app, analyst: analystConnectionString(url), close: () => app.end() };
}

/**
 * Divisions, two stores (codes WB1, WB2), three customers joined in early 2009 (a period no other file's rows use) (one with personal
 * data the views must not show) and a user. Idempotent: the test files share one database, and
 * other files add rows of their own, so tests look only at these.
 */
export async function seedAnalyticsRows(app: pg.Client): Promise<void> {
  await app.query(`
    INSERT INTO source_system (code, name, format) VALUES
      ('DPT', '백화점', 'DEPARTMENT_STORE'), ('MART', '할인점', 'MART'), ('SM', '슈퍼마켓', 'SUPERMARKET')
    ON CONFLICT (code) DO NOTHING;
    INSERT INTO store (source_code, code, name, format, sido, sigungu, updated_at) VALUES
      ('MART', 'WB1', '워크벤치 강남점', 'MART', '서울특별시', '강남구', now()),
      ('DPT', 'WB2', '워크벤치 본점', 'DEPARTMENT_STORE', '서울특별시', '중구', now())
    ON CONFLICT (source_code, code) DO NOTHING;
    INSERT INTO customer (status, name, phone, email, birth_date, gender, sido, joined_on, updated_at)
    SELECT * FROM (VALUES
      ('ACTIVE'::customer_status, '김단골', '010-1111-2222', 'kim@example.com', DATE '1985-03-01', 'FEMALE'::gender, '서울특별시', DATE '2009-01-05', now()),
      ('ACTIVE', '이단골', '010-3333-4444', NULL, DATE '1999-12-31', 'MALE', '부산광역시', DATE '2009-02-10', now()),
      ('INFERRED', NULL, NULL, NULL, NULL, NULL, NULL, DATE '2009-02-28', now())) AS c
     WHERE NOT EXISTS (SELECT FROM customer WHERE email = 'kim@example.com');
    INSERT INTO app_user (email, name, role, password_hash, updated_at) VALUES
      ('workbench-admin@dangol.local', '관리자', 'ADMIN', 'not-a-real-hash', now())
    ON CONFLICT (email) DO NOTHING;
  `);
}
