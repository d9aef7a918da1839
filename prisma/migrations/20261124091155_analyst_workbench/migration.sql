-- CreateEnum
CREATE TYPE "query_visibility" AS ENUM ('PRIVATE', 'SHARED');

-- CreateEnum
CREATE TYPE "query_run_status" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "saved_query" (
    "id" BIGSERIAL NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" UUID NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "visibility" "query_visibility" NOT NULL DEFAULT 'PRIVATE',
    "sql" TEXT NOT NULL,
    "parameters" JSONB NOT NULL DEFAULT '[]',
    "parameter_values" JSONB NOT NULL DEFAULT '{}',
    "chart" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_query_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_query_version" (
    "id" BIGSERIAL NOT NULL,
    "query_id" BIGINT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "tags" TEXT[],
    "visibility" "query_visibility" NOT NULL,
    "sql" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "parameter_values" JSONB NOT NULL,
    "chart" JSONB,
    "changed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "changed_by_id" UUID NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_query_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "query_run" (
    "id" BIGSERIAL NOT NULL,
    "query_id" BIGINT,
    "user_id" UUID,
    "schedule_id" BIGINT,
    "trigger" VARCHAR(16) NOT NULL,
    "status" "query_run_status" NOT NULL DEFAULT 'QUEUED',
    "sql" TEXT NOT NULL,
    "parameter_values" JSONB NOT NULL DEFAULT '{}',
    "row_cap" INTEGER NOT NULL,
    "timeout_ms" INTEGER NOT NULL,
    "job_id" TEXT,
    "backend_pid" INTEGER,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "columns" JSONB,
    "rows" JSONB,
    "row_count" INTEGER,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "duration_ms" INTEGER,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "query_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "query_schedule" (
    "id" BIGSERIAL NOT NULL,
    "query_id" BIGINT NOT NULL,
    "cron" VARCHAR(64) NOT NULL,
    "parameter_values" JSONB NOT NULL DEFAULT '{}',
    "email_to" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID NOT NULL,
    "last_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "query_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dashboard_pin" (
    "user_id" UUID NOT NULL,
    "query_id" BIGINT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dashboard_pin_pkey" PRIMARY KEY ("user_id","query_id")
);

-- CreateIndex
CREATE INDEX "saved_query_owner_id_idx" ON "saved_query"("owner_id");

-- CreateIndex
CREATE INDEX "saved_query_visibility_idx" ON "saved_query"("visibility");

-- CreateIndex
CREATE UNIQUE INDEX "saved_query_version_query_id_version_key" ON "saved_query_version"("query_id", "version");

-- CreateIndex
CREATE INDEX "query_run_query_id_created_at_idx" ON "query_run"("query_id", "created_at");

-- CreateIndex
CREATE INDEX "query_run_user_id_created_at_idx" ON "query_run"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "query_run_schedule_id_created_at_idx" ON "query_run"("schedule_id", "created_at");

-- CreateIndex
CREATE INDEX "query_run_status_idx" ON "query_run"("status");

-- CreateIndex
CREATE INDEX "query_schedule_query_id_idx" ON "query_schedule"("query_id");

-- AddForeignKey
ALTER TABLE "saved_query" ADD CONSTRAINT "saved_query_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_query_version" ADD CONSTRAINT "saved_query_version_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "saved_query"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_query_version" ADD CONSTRAINT "saved_query_version_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_run" ADD CONSTRAINT "query_run_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "saved_query"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_run" ADD CONSTRAINT "query_run_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_run" ADD CONSTRAINT "query_run_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "query_schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_schedule" ADD CONSTRAINT "query_schedule_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "saved_query"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_schedule" ADD CONSTRAINT "query_schedule_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_pin" ADD CONSTRAINT "dashboard_pin_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboard_pin" ADD CONSTRAINT "dashboard_pin_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "saved_query"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Hand-written: the analytics schema and the role analysts' SQL runs as ─────────────────────
-- Analysts query views, never tables: the views leave out names, phones, e-mails, addresses,
-- birth dates (an age band instead), member and card numbers and staff identities, and join on
-- the stable customer_id. A view runs with its owner's rights, so `dangol_query` needs SELECT on
-- the views only. The executor (packages/workbench) adds a READ ONLY transaction, a statement
-- timeout, a row cap and one statement per run; the role's own settings below are the floor
-- underneath it. Roles are cluster-wide, hence IF NOT EXISTS; the migration's role needs
-- CREATEROLE (scripts/services.sh grants it).

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dangol_query') THEN
    CREATE ROLE dangol_query LOGIN NOINHERIT NOCREATEDB NOCREATEROLE CONNECTION LIMIT 20;
  END IF;
END $$;
ALTER ROLE dangol_query SET default_transaction_read_only = on;
ALTER ROLE dangol_query SET statement_timeout = '30s';
ALTER ROLE dangol_query SET idle_in_transaction_session_timeout = '60s';
ALTER ROLE dangol_query SET lock_timeout = '5s';
ALTER ROLE dangol_query SET search_path = analytics;
ALTER ROLE dangol_query SET work_mem = '64MB';

-- Nothing outside the analytics schema: PUBLIC loses the default USAGE on public (only the
-- owner uses it), so the role cannot even resolve a table or function name there.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA staging FROM PUBLIC;

CREATE SCHEMA analytics;
COMMENT ON SCHEMA analytics IS '분석용 읽기 전용 뷰 (개인정보 제외) / Read-only views for analysts (no personal data)';

CREATE VIEW analytics.customers AS
SELECT c.id AS customer_id,
       c.status::text AS status,
       c.gender::text AS gender,
       CASE
         WHEN c.birth_date IS NULL THEN 'unknown'
         WHEN a.age < 20 THEN '<20'
         WHEN a.age >= 70 THEN '70+'
         ELSE (a.age / 10 * 10)::text || 's'
       END AS age_band,
       c.sido,
       c.sigungu,
       c.joined_on,
       (SELECT array_agg(DISTINCT l.source_code ORDER BY l.source_code)
          FROM customer_source_link l
         WHERE l.customer_id = c.id AND l.withdrawn_at IS NULL) AS divisions,
       th.tier_code,
       c.ci_hash IS NOT NULL AS identity_verified,
       c.created_at
  FROM customer c
  LEFT JOIN LATERAL (SELECT date_part('year', age((now() AT TIME ZONE 'Asia/Seoul')::date, c.birth_date))::int AS age) a ON true
  LEFT JOIN customer_tier_history th ON th.customer_id = c.id AND th.effective_to IS NULL
 WHERE c.status <> 'MERGED';
COMMENT ON VIEW analytics.customers IS '고객 (통합 골든 레코드, 병합된 레코드 제외) / Customers (golden records, merged-away records left out)';
COMMENT ON COLUMN analytics.customers.customer_id IS '고객 ID (모든 뷰의 조인 키) / customer id (the join key of every view)';
COMMENT ON COLUMN analytics.customers.status IS 'ACTIVE, INFERRED (매출로만 알려짐 / known only from sales), WITHDRAWN (탈퇴, 개인정보 삭제 / left, data erased)';
COMMENT ON COLUMN analytics.customers.age_band IS '연령대 <20, 20s … 60s, 70+, unknown (생년월일은 제공하지 않음 / birth dates are not exposed)';
COMMENT ON COLUMN analytics.customers.sido IS '시/도 / province';
COMMENT ON COLUMN analytics.customers.sigungu IS '시/군/구 / district';
COMMENT ON COLUMN analytics.customers.joined_on IS '최초 가입일 / first join date';
COMMENT ON COLUMN analytics.customers.divisions IS '회원인 사업부 (DPT, MART, SM) / divisions the customer is a member of';
COMMENT ON COLUMN analytics.customers.tier_code IS '현재 등급 / tier held now';
COMMENT ON COLUMN analytics.customers.identity_verified IS '본인인증(CI) 여부 / identity verified by CI';

CREATE VIEW analytics.stores AS
SELECT s.id AS store_id, s.source_code AS division, s.code AS store_code, s.name, s.format::text AS format,
       s.sido, s.sigungu, s.opened_on, s.active
  FROM store s;
COMMENT ON VIEW analytics.stores IS '점포 / Stores';
COMMENT ON COLUMN analytics.stores.format IS 'DEPARTMENT_STORE, MART, SUPERMARKET, EXTERNAL';

CREATE VIEW analytics.categories AS
SELECT c3.code AS category_code, c3.level, c3.parent_code, c3.name_ko, c3.name_en,
       CASE c3.level WHEN 1 THEN c3.code WHEN 2 THEN c3.parent_code ELSE c2.parent_code END AS l1_code,
       CASE c3.level WHEN 1 THEN NULL WHEN 2 THEN c3.code ELSE c3.parent_code END AS l2_code
  FROM category c3
  LEFT JOIN category c2 ON c2.code = c3.parent_code;
COMMENT ON VIEW analytics.categories IS 'HQ 상품 분류 (1 대분류, 2 중분류, 3 소분류) / HQ category tree (1 top, 2 middle, 3 leaf)';

CREATE VIEW analytics.products AS
SELECT p.id AS product_id, p.source_code AS division, p.code AS product_code, p.name, p.brand,
       p.category_code, p.list_price
  FROM product p;
COMMENT ON VIEW analytics.products IS '상품 / Products';

CREATE VIEW analytics.regions AS
SELECT r.sido, r.sigungu, r.lat, r.lon FROM region r;
COMMENT ON VIEW analytics.regions IS '시/군/구 중심 좌표 / District centroids';

CREATE VIEW analytics.receipts AS
SELECT r.id AS receipt_id, r.customer_id, r.source_code AS division, s.format::text AS format,
       r.store_id, r.sold_at, r.business_date, r.type::text AS receipt_type, r.net_amount,
       r.discount_amount, r.points_earned, r.points_used, r.line_count, ss.currency,
       r.original_receipt_id
  FROM receipt r
  JOIN store s ON s.id = r.store_id
  JOIN source_system ss ON ss.code = r.source_code;
COMMENT ON VIEW analytics.receipts IS '영수증 (반품은 음수 금액) / Receipts (returns have negative amounts)';
COMMENT ON COLUMN analytics.receipts.customer_id IS '비회원 또는 탈퇴 고객은 NULL / null for non-members and withdrawn customers';
COMMENT ON COLUMN analytics.receipts.business_date IS '영업일 (서울 기준) / business day, Asia/Seoul';
COMMENT ON COLUMN analytics.receipts.net_amount IS '결제 금액 (원, 반품은 음수) / amount paid in KRW (negative for returns)';
COMMENT ON COLUMN analytics.receipts.receipt_type IS 'SALE 또는 RETURN';

CREATE VIEW analytics.receipt_lines AS
SELECT l.id AS line_id, l.receipt_id, r.customer_id, r.source_code AS division, s.format::text AS format,
       r.store_id, l.business_date, l.sold_at, l.product_id, l.category_code,
       c.l2_code AS category_l2, c.l1_code AS category_l1,
       l.quantity, l.unit_price, l.discount, l.amount
  FROM receipt_line l
  JOIN receipt r ON r.id = l.receipt_id
  JOIN store s ON s.id = r.store_id
  LEFT JOIN analytics.categories c ON c.category_code = l.category_code;
COMMENT ON VIEW analytics.receipt_lines IS '영수증 품목 / Receipt lines (one item each)';
COMMENT ON COLUMN analytics.receipt_lines.category_code IS '소분류 (NULL = 미분류) / leaf category, null = unclassified';
COMMENT ON COLUMN analytics.receipt_lines.amount IS '품목 결제 금액 (원) / line amount paid, KRW';

CREATE VIEW analytics.tiers AS
SELECT t.code AS tier_code, t.name, t.name_en, t.rank, t.min_spend, t.min_visits, t.active FROM tier t;
COMMENT ON VIEW analytics.tiers IS '등급 기준 / Tier definitions (rank: higher is better)';

CREATE VIEW analytics.tier_history AS
SELECT h.customer_id, h.tier_code, h.effective_from, h.effective_to, h.evaluated_at, h.spend, h.visits
  FROM customer_tier_history h;
COMMENT ON VIEW analytics.tier_history IS '등급 이력 (effective_to NULL = 현재) / Tier history (effective_to null = current)';

CREATE VIEW analytics.customer_metrics AS
SELECT m.customer_id, m.as_of, m.first_purchase_on, m.last_purchase_on, m.purchase_days,
       m.recency_days, m.frequency, m.monetary, m.r_score, m.f_score, m.m_score, m.rfm_cell,
       m.rfm_segment, m.lifecycle_stage, m.median_interval_days, m.next_purchase_due, m.due_now,
       m.tier_code AS earned_tier_code, m.spend_12m, m.visits_12m, m.upgrade_tier_code,
       m.upgrade_spend_gap, m.downgrade_risk, m.share_dpt, m.share_mart, m.share_sm,
       m.format_combo, m.distant_purchase, m.expected_purchases_90d, m.p_alive, m.clv_12m
  FROM customer_metrics m;
COMMENT ON VIEW analytics.customer_metrics IS '고객 지표 (최근 갱신 기준: RFM, 생애주기, 구매주기, 교차 구매, 예측 가치) / Customer figures at the latest refresh (RFM, lifecycle, cycle, cross-format, predicted value); definitions in docs/metrics.md';
COMMENT ON COLUMN analytics.customer_metrics.lifecycle_stage IS 'new, active, at_risk, dormant, churned, reactivated (docs/metrics.md)';
COMMENT ON COLUMN analytics.customer_metrics.earned_tier_code IS '최근 12개월 실적이 주는 등급 (보유 등급은 customers.tier_code) / tier the trailing window earns';
COMMENT ON COLUMN analytics.customer_metrics.format_combo IS '이용 업태 조합, 예: DPT+MART / formats used, e.g. DPT+MART';
COMMENT ON COLUMN analytics.customer_metrics.p_alive IS 'BG/NBD 활동 확률 / probability the customer is still active';
COMMENT ON COLUMN analytics.customer_metrics.clv_12m IS '향후 12개월 예상 구매액 (원) / predicted spend over the next 12 months, KRW';

CREATE VIEW analytics.metrics_snapshots AS
SELECT s.customer_id, s.month, s.as_of, s.recency_days, s.frequency, s.monetary, s.rfm_cell,
       s.rfm_segment, s.lifecycle_stage, s.tier_code AS earned_tier_code, s.spend_12m, s.visits_12m,
       s.p_alive, s.clv_12m
  FROM customer_metrics_snapshot s;
COMMENT ON VIEW analytics.metrics_snapshots IS '월말 고객 지표 스냅샷 (추이 분석용) / Month-end snapshots of the customer figures';

CREATE VIEW analytics.category_cycles AS
SELECT y.customer_id, y.category_code, y.as_of, y.purchase_days, y.last_purchase_on,
       y.median_interval_days, y.next_purchase_due, y.due_now
  FROM customer_category_cycle y;
COMMENT ON VIEW analytics.category_cycles IS '고객 × 분류별 구매 주기 / Purchase cycle per customer and category';

CREATE VIEW analytics.point_entries AS
SELECT p.id AS entry_id, p.customer_id, p.kind::text AS kind, p.points, p.origin_source_code AS division,
       p.receipt_id, p.occurred_on, p.expires_on
  FROM point_entry p;
COMMENT ON VIEW analytics.point_entries IS '통합 포인트 원장 (EARN, BURN, EXPIRE, ADJUST; 잔액 = 합계) / The one points ledger (balance = sum of points)';

CREATE VIEW analytics.consents AS
SELECT k.customer_id, k.channel::text AS channel, k.granted, k.changed_at, k.source FROM customer_consent k;
COMMENT ON VIEW analytics.consents IS '채널별 현재 마케팅 수신 동의 (SMS, EMAIL, DM, TM, NIGHT) / Current marketing consent per channel';

CREATE VIEW analytics.association_rules AS
SELECT a.level, a.lhs, a.rhs, a.support, a.confidence, a.lift, a.count, r.as_of
  FROM association_rule a
  JOIN analytics_run r ON r.id = a.run_id
 WHERE a.run_id = (SELECT max(x.run_id) FROM association_rule x);
COMMENT ON VIEW analytics.association_rules IS '최근 장바구니 연관 규칙 / Basket rules of the latest refresh';

GRANT USAGE ON SCHEMA analytics TO dangol_query;
GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO dangol_query;
