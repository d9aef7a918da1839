-- CreateTable
CREATE TABLE "customer_metrics" (
    "customer_id" BIGINT NOT NULL,
    "as_of" DATE NOT NULL,
    "first_purchase_on" DATE NOT NULL,
    "last_purchase_on" DATE NOT NULL,
    "purchase_days" INTEGER NOT NULL,
    "recency_days" INTEGER NOT NULL,
    "frequency" INTEGER NOT NULL,
    "monetary" BIGINT NOT NULL,
    "r_score" SMALLINT,
    "f_score" SMALLINT,
    "m_score" SMALLINT,
    "rfm_cell" CHAR(3),
    "rfm_segment" VARCHAR(32),
    "lifecycle_stage" VARCHAR(16) NOT NULL,
    "median_interval_days" DOUBLE PRECISION,
    "next_purchase_due" DATE,
    "due_now" BOOLEAN NOT NULL DEFAULT false,
    "tier_code" VARCHAR(16) NOT NULL,
    "spend_12m" BIGINT NOT NULL,
    "visits_12m" INTEGER NOT NULL,
    "upgrade_tier_code" VARCHAR(16),
    "upgrade_spend_gap" BIGINT,
    "upgrade_visits_gap" INTEGER,
    "downgrade_risk" BOOLEAN NOT NULL DEFAULT false,
    "projected_spend" BIGINT,
    "share_dpt" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "share_mart" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "share_sm" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "format_combo" VARCHAR(16) NOT NULL,
    "distant_purchase" BOOLEAN NOT NULL DEFAULT false,
    "distant_km" DOUBLE PRECISION,
    "invite_formats" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expected_purchases_90d" DOUBLE PRECISION,
    "p_alive" DOUBLE PRECISION,
    "clv_12m" DOUBLE PRECISION,
    "run_id" BIGINT,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_metrics_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "customer_category_cycle" (
    "customer_id" BIGINT NOT NULL,
    "category_code" VARCHAR(16) NOT NULL,
    "as_of" DATE NOT NULL,
    "purchase_days" INTEGER NOT NULL,
    "last_purchase_on" DATE NOT NULL,
    "median_interval_days" DOUBLE PRECISION NOT NULL,
    "next_purchase_due" DATE NOT NULL,
    "due_now" BOOLEAN NOT NULL,

    CONSTRAINT "customer_category_cycle_pkey" PRIMARY KEY ("customer_id","category_code")
);

-- CreateTable
CREATE TABLE "customer_metrics_snapshot" (
    "customer_id" BIGINT NOT NULL,
    "month" DATE NOT NULL,
    "as_of" DATE NOT NULL,
    "recency_days" INTEGER NOT NULL,
    "frequency" INTEGER NOT NULL,
    "monetary" BIGINT NOT NULL,
    "rfm_cell" CHAR(3),
    "rfm_segment" VARCHAR(32),
    "lifecycle_stage" VARCHAR(16) NOT NULL,
    "tier_code" VARCHAR(16) NOT NULL,
    "spend_12m" BIGINT NOT NULL,
    "visits_12m" INTEGER NOT NULL,
    "p_alive" DOUBLE PRECISION,
    "clv_12m" DOUBLE PRECISION,

    CONSTRAINT "customer_metrics_snapshot_pkey" PRIMARY KEY ("customer_id","month")
);

-- CreateTable
CREATE TABLE "analytics_run" (
    "id" BIGSERIAL NOT NULL,
    "trigger" VARCHAR(32) NOT NULL,
    "requested_by" TEXT,
    "status" VARCHAR(16) NOT NULL DEFAULT 'queued',
    "as_of" DATE NOT NULL,
    "step" VARCHAR(32),
    "progress" SMALLINT NOT NULL DEFAULT 0,
    "job_id" TEXT,
    "step_durations" JSONB,
    "counts" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analytics_config" (
    "id" BIGSERIAL NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "version" INTEGER NOT NULL,
    "value" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "analytics_config_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "association_rule" (
    "id" BIGSERIAL NOT NULL,
    "run_id" BIGINT NOT NULL,
    "level" VARCHAR(16) NOT NULL,
    "lhs" TEXT[],
    "rhs" VARCHAR(64) NOT NULL,
    "support" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "lift" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "association_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_fit" (
    "id" BIGSERIAL NOT NULL,
    "run_id" BIGINT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "params" JSONB NOT NULL,
    "log_lik" DOUBLE PRECISION NOT NULL,
    "customers" INTEGER NOT NULL,
    "calibration" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_fit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customer_metrics_tier_code_idx" ON "customer_metrics"("tier_code");

-- CreateIndex
CREATE INDEX "customer_metrics_lifecycle_stage_idx" ON "customer_metrics"("lifecycle_stage");

-- CreateIndex
CREATE INDEX "customer_metrics_rfm_segment_idx" ON "customer_metrics"("rfm_segment");

-- CreateIndex
CREATE INDEX "customer_metrics_next_purchase_due_idx" ON "customer_metrics"("next_purchase_due");

-- CreateIndex
CREATE INDEX "customer_category_cycle_category_code_next_purchase_due_idx" ON "customer_category_cycle"("category_code", "next_purchase_due");

-- CreateIndex
CREATE INDEX "customer_metrics_snapshot_month_idx" ON "customer_metrics_snapshot"("month");

-- CreateIndex
CREATE INDEX "analytics_run_created_at_idx" ON "analytics_run"("created_at");

-- CreateIndex
CREATE INDEX "analytics_run_status_idx" ON "analytics_run"("status");

-- CreateIndex
CREATE UNIQUE INDEX "analytics_config_kind_version_key" ON "analytics_config"("kind", "version");

-- CreateIndex
CREATE INDEX "association_rule_run_id_level_idx" ON "association_rule"("run_id", "level");

-- CreateIndex
CREATE INDEX "model_fit_run_id_idx" ON "model_fit"("run_id");

-- CreateIndex
CREATE INDEX "model_fit_kind_created_at_idx" ON "model_fit"("kind", "created_at");

-- AddForeignKey
ALTER TABLE "association_rule" ADD CONSTRAINT "association_rule_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "analytics_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_fit" ADD CONSTRAINT "model_fit_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "analytics_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: value checks Prisma cannot express.
ALTER TABLE "customer_metrics" ADD CONSTRAINT "customer_metrics_lifecycle_stage_check"
  CHECK (lifecycle_stage IN ('new', 'active', 'at_risk', 'dormant', 'churned', 'reactivated'));
ALTER TABLE "customer_metrics" ADD CONSTRAINT "customer_metrics_scores_check"
  CHECK (r_score BETWEEN 1 AND 5 AND f_score BETWEEN 1 AND 5 AND m_score BETWEEN 1 AND 5);
ALTER TABLE "customer_metrics_snapshot" ADD CONSTRAINT "customer_metrics_snapshot_month_check"
  CHECK (month = date_trunc('month', month)::date);
ALTER TABLE "analytics_run" ADD CONSTRAINT "analytics_run_status_check"
  CHECK (status IN ('queued', 'running', 'succeeded', 'failed'));
ALTER TABLE "analytics_run" ADD CONSTRAINT "analytics_run_progress_check" CHECK (progress BETWEEN 0 AND 100);
ALTER TABLE "analytics_config" ADD CONSTRAINT "analytics_config_version_check" CHECK (version >= 1);
