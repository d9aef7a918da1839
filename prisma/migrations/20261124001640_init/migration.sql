-- CreateEnum
CREATE TYPE "retail_format" AS ENUM ('DEPARTMENT_STORE', 'MART', 'SUPERMARKET', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "customer_status" AS ENUM ('ACTIVE', 'WITHDRAWN', 'INFERRED', 'MERGED');

-- CreateEnum
CREATE TYPE "receipt_type" AS ENUM ('SALE', 'RETURN');

-- CreateEnum
CREATE TYPE "point_kind" AS ENUM ('EARN', 'BURN', 'EXPIRE', 'ADJUST');

-- CreateEnum
CREATE TYPE "consent_channel" AS ENUM ('SMS', 'EMAIL', 'DM', 'TM', 'NIGHT');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('ADMIN', 'CRM_MANAGER', 'ANALYST', 'STORE_STAFF');

-- CreateEnum
CREATE TYPE "etl_batch_status" AS ENUM ('PENDING', 'RUNNING', 'LOADED', 'DUPLICATE_FILE', 'REFUSED', 'FAILED');

-- CreateTable
CREATE TABLE "source_system" (
    "code" VARCHAR(32) NOT NULL,
    "name" TEXT NOT NULL,
    "format" "retail_format" NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'KRW',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_system_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "store" (
    "id" SERIAL NOT NULL,
    "source_code" VARCHAR(32) NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" TEXT NOT NULL,
    "format" "retail_format" NOT NULL,
    "sido" VARCHAR(32),
    "sigungu" VARCHAR(32),
    "opened_on" DATE,
    "lat" DECIMAL(9,6),
    "lon" DECIMAL(9,6),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "store_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "category" (
    "code" VARCHAR(16) NOT NULL,
    "level" SMALLINT NOT NULL,
    "parent_code" VARCHAR(16),
    "name_ko" TEXT NOT NULL,
    "name_en" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "category_map" (
    "source_code" VARCHAR(32) NOT NULL,
    "source_category_code" VARCHAR(32) NOT NULL,
    "category_code" VARCHAR(16) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "category_map_pkey" PRIMARY KEY ("source_code","source_category_code")
);

-- CreateTable
CREATE TABLE "product" (
    "id" SERIAL NOT NULL,
    "source_code" VARCHAR(32) NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" TEXT NOT NULL,
    "brand" TEXT,
    "source_category_code" VARCHAR(32),
    "list_price" INTEGER,
    "category_code" VARCHAR(16),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "region" (
    "sido" VARCHAR(32) NOT NULL,
    "sigungu" VARCHAR(32) NOT NULL,
    "lat" DECIMAL(9,6) NOT NULL,
    "lon" DECIMAL(9,6) NOT NULL,

    CONSTRAINT "region_pkey" PRIMARY KEY ("sido","sigungu")
);

-- CreateTable
CREATE TABLE "customer" (
    "id" BIGSERIAL NOT NULL,
    "status" "customer_status" NOT NULL DEFAULT 'ACTIVE',
    "name" VARCHAR(100),
    "phone" VARCHAR(20),
    "phone_last4" CHAR(4),
    "email" VARCHAR(254),
    "birth_date" DATE,
    "gender" "gender",
    "zip" VARCHAR(5),
    "address_text" TEXT,
    "sido" VARCHAR(32),
    "sigungu" VARCHAR(32),
    "joined_on" DATE,
    "ci_hash" CHAR(64),
    "merged_into_id" BIGINT,
    "erased_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_source_link" (
    "id" BIGSERIAL NOT NULL,
    "source_code" VARCHAR(32) NOT NULL,
    "member_no" VARCHAR(64) NOT NULL,
    "card_no" VARCHAR(32),
    "customer_id" BIGINT NOT NULL,
    "joined_store_id" INTEGER,
    "joined_on" DATE,
    "name" VARCHAR(100),
    "phone" VARCHAR(20),
    "email" VARCHAR(254),
    "birth_date" DATE,
    "gender" "gender",
    "zip" VARCHAR(5),
    "address_text" TEXT,
    "ci_hash" CHAR(64),
    "inferred" BOOLEAN NOT NULL DEFAULT false,
    "source_changed_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_source_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_attribute_history" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "field" VARCHAR(32) NOT NULL,
    "old_value" TEXT,
    "new_value" TEXT,
    "source_code" VARCHAR(32),
    "source_ref" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_attribute_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_merge" (
    "id" BIGSERIAL NOT NULL,
    "survivor_id" BIGINT NOT NULL,
    "merged_id" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "matched_keys" TEXT[],
    "snapshot" JSONB NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "merged_by" TEXT NOT NULL,
    "unmerged_at" TIMESTAMPTZ(3),
    "unmerged_by" TEXT,

    CONSTRAINT "customer_merge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receipt" (
    "id" BIGSERIAL NOT NULL,
    "source_code" VARCHAR(32) NOT NULL,
    "source_receipt_key" VARCHAR(100) NOT NULL,
    "store_id" INTEGER NOT NULL,
    "pos_no" VARCHAR(16),
    "customer_id" BIGINT,
    "source_member_no" VARCHAR(64),
    "source_card_no" VARCHAR(32),
    "sold_at" TIMESTAMPTZ(3) NOT NULL,
    "business_date" DATE NOT NULL,
    "type" "receipt_type" NOT NULL,
    "original_receipt_key" VARCHAR(100),
    "original_receipt_id" BIGINT,
    "net_amount" INTEGER NOT NULL,
    "discount_amount" INTEGER NOT NULL DEFAULT 0,
    "declared_total" INTEGER,
    "points_earned" INTEGER NOT NULL DEFAULT 0,
    "points_used" INTEGER NOT NULL DEFAULT 0,
    "coupon_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "line_count" SMALLINT NOT NULL DEFAULT 0,
    "batch_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "receipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receipt_line" (
    "id" BIGSERIAL NOT NULL,
    "receipt_id" BIGINT NOT NULL,
    "line_no" SMALLINT NOT NULL,
    "source_product_code" VARCHAR(64) NOT NULL,
    "product_id" INTEGER,
    "category_code" VARCHAR(16),
    "quantity" INTEGER NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL DEFAULT 0,
    "amount" INTEGER NOT NULL,
    "points_earned" INTEGER,
    "points_used" INTEGER,
    "sold_at" TIMESTAMPTZ(3) NOT NULL,
    "business_date" DATE NOT NULL,

    CONSTRAINT "receipt_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "point_entry" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "kind" "point_kind" NOT NULL,
    "points" INTEGER NOT NULL,
    "origin_source_code" VARCHAR(32),
    "receipt_id" BIGINT,
    "occurred_on" DATE NOT NULL,
    "expires_on" DATE,
    "reason" TEXT,
    "created_by" TEXT NOT NULL DEFAULT 'system',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "point_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "point_allocation" (
    "id" BIGSERIAL NOT NULL,
    "debit_entry_id" BIGINT NOT NULL,
    "earn_entry_id" BIGINT NOT NULL,
    "points" INTEGER NOT NULL,

    CONSTRAINT "point_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tier" (
    "code" VARCHAR(16) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "rank" SMALLINT NOT NULL,
    "min_spend" BIGINT NOT NULL DEFAULT 0,
    "min_visits" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tier_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "customer_tier_history" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "tier_code" VARCHAR(16) NOT NULL,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "spend" BIGINT NOT NULL DEFAULT 0,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,

    CONSTRAINT "customer_tier_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_event" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "channel" "consent_channel" NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "source_ref" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_consent" (
    "customer_id" BIGINT NOT NULL,
    "channel" "consent_channel" NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_consent_pkey" PRIMARY KEY ("customer_id","channel")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(254) NOT NULL,
    "name" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "store_id" INTEGER,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "locale" VARCHAR(8) NOT NULL DEFAULT 'ko',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "actor_role" TEXT,
    "store_id" INTEGER,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSONB,
    "ip" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "etl_batch" (
    "id" BIGSERIAL NOT NULL,
    "source_code" VARCHAR(32) NOT NULL,
    "feed_kind" VARCHAR(32),
    "file_name" TEXT NOT NULL,
    "file_checksum" CHAR(64) NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "business_date" DATE,
    "status" "etl_batch_status" NOT NULL DEFAULT 'PENDING',
    "refusal_reason" TEXT,
    "rows_in" INTEGER NOT NULL DEFAULT 0,
    "loaded" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "findings" JSONB,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "etl_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "etl_rejected_row" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" BIGINT NOT NULL,
    "line_no" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "etl_rejected_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "etl_finding" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" BIGINT NOT NULL,
    "line_no" INTEGER NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "field" VARCHAR(64),
    "raw_value" TEXT,
    "source_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "etl_finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "store_sido_sigungu_idx" ON "store"("sido", "sigungu");

-- CreateIndex
CREATE UNIQUE INDEX "store_source_code_code_key" ON "store"("source_code", "code");

-- CreateIndex
CREATE INDEX "category_parent_code_idx" ON "category"("parent_code");

-- CreateIndex
CREATE INDEX "category_map_category_code_idx" ON "category_map"("category_code");

-- CreateIndex
CREATE INDEX "product_category_code_idx" ON "product"("category_code");

-- CreateIndex
CREATE UNIQUE INDEX "product_source_code_code_key" ON "product"("source_code", "code");

-- CreateIndex
CREATE UNIQUE INDEX "customer_ci_hash_key" ON "customer"("ci_hash");

-- CreateIndex
CREATE INDEX "customer_phone_last4_name_idx" ON "customer"("phone_last4", "name");

-- CreateIndex
CREATE INDEX "customer_phone_idx" ON "customer"("phone");

-- CreateIndex
CREATE INDEX "customer_email_idx" ON "customer"("email");

-- CreateIndex
CREATE INDEX "customer_sido_sigungu_idx" ON "customer"("sido", "sigungu");

-- CreateIndex
CREATE INDEX "customer_status_idx" ON "customer"("status");

-- CreateIndex
CREATE INDEX "customer_merged_into_id_idx" ON "customer"("merged_into_id");

-- CreateIndex
CREATE INDEX "customer_source_link_card_no_idx" ON "customer_source_link"("card_no");

-- CreateIndex
CREATE INDEX "customer_source_link_customer_id_idx" ON "customer_source_link"("customer_id");

-- CreateIndex
CREATE INDEX "customer_source_link_ci_hash_idx" ON "customer_source_link"("ci_hash");

-- CreateIndex
CREATE UNIQUE INDEX "customer_source_link_source_code_member_no_key" ON "customer_source_link"("source_code", "member_no");

-- CreateIndex
CREATE INDEX "customer_attribute_history_customer_id_changed_at_idx" ON "customer_attribute_history"("customer_id", "changed_at");

-- CreateIndex
CREATE INDEX "customer_merge_survivor_id_idx" ON "customer_merge"("survivor_id");

-- CreateIndex
CREATE INDEX "customer_merge_merged_id_idx" ON "customer_merge"("merged_id");

-- CreateIndex
CREATE INDEX "customer_merge_merged_at_idx" ON "customer_merge"("merged_at");

-- CreateIndex
CREATE INDEX "receipt_customer_id_sold_at_idx" ON "receipt"("customer_id", "sold_at");

-- CreateIndex
CREATE INDEX "receipt_store_id_business_date_idx" ON "receipt"("store_id", "business_date");

-- CreateIndex
CREATE INDEX "receipt_business_date_idx" ON "receipt" USING BRIN ("business_date");

-- CreateIndex
CREATE INDEX "receipt_source_code_source_member_no_idx" ON "receipt"("source_code", "source_member_no");

-- CreateIndex
CREATE INDEX "receipt_source_code_original_receipt_key_idx" ON "receipt"("source_code", "original_receipt_key");

-- CreateIndex
CREATE INDEX "receipt_original_receipt_id_idx" ON "receipt"("original_receipt_id");

-- CreateIndex
CREATE INDEX "receipt_batch_id_idx" ON "receipt"("batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "receipt_source_code_source_receipt_key_key" ON "receipt"("source_code", "source_receipt_key");

-- CreateIndex
CREATE INDEX "receipt_line_business_date_idx" ON "receipt_line" USING BRIN ("business_date");

-- CreateIndex
CREATE INDEX "receipt_line_sold_at_idx" ON "receipt_line" USING BRIN ("sold_at");

-- CreateIndex
CREATE INDEX "receipt_line_category_code_business_date_idx" ON "receipt_line"("category_code", "business_date");

-- CreateIndex
CREATE UNIQUE INDEX "receipt_line_receipt_id_line_no_key" ON "receipt_line"("receipt_id", "line_no");

-- CreateIndex
CREATE INDEX "point_entry_customer_id_occurred_on_idx" ON "point_entry"("customer_id", "occurred_on");

-- CreateIndex
CREATE INDEX "point_entry_kind_expires_on_idx" ON "point_entry"("kind", "expires_on");

-- CreateIndex
CREATE UNIQUE INDEX "point_entry_receipt_id_kind_key" ON "point_entry"("receipt_id", "kind");

-- CreateIndex
CREATE INDEX "point_allocation_earn_entry_id_idx" ON "point_allocation"("earn_entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "point_allocation_debit_entry_id_earn_entry_id_key" ON "point_allocation"("debit_entry_id", "earn_entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "tier_rank_key" ON "tier"("rank");

-- CreateIndex
CREATE INDEX "customer_tier_history_tier_code_effective_to_idx" ON "customer_tier_history"("tier_code", "effective_to");

-- CreateIndex
CREATE UNIQUE INDEX "customer_tier_history_customer_id_effective_from_key" ON "customer_tier_history"("customer_id", "effective_from");

-- CreateIndex
CREATE INDEX "consent_event_customer_id_channel_changed_at_idx" ON "consent_event"("customer_id", "channel", "changed_at");

-- CreateIndex
CREATE INDEX "consent_event_recorded_at_idx" ON "consent_event"("recorded_at");

-- CreateIndex
CREATE INDEX "customer_consent_channel_granted_idx" ON "customer_consent"("channel", "granted");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_store_id_idx" ON "app_user"("store_id");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_idx" ON "audit_log"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "etl_batch_source_code_business_date_idx" ON "etl_batch"("source_code", "business_date");

-- CreateIndex
CREATE INDEX "etl_batch_status_idx" ON "etl_batch"("status");

-- CreateIndex
CREATE INDEX "etl_batch_created_at_idx" ON "etl_batch"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "etl_batch_source_code_file_name_file_checksum_key" ON "etl_batch"("source_code", "file_name", "file_checksum");

-- CreateIndex
CREATE UNIQUE INDEX "etl_rejected_row_batch_id_line_no_key" ON "etl_rejected_row"("batch_id", "line_no");

-- CreateIndex
CREATE INDEX "etl_finding_batch_id_line_no_idx" ON "etl_finding"("batch_id", "line_no");

-- CreateIndex
CREATE INDEX "etl_finding_kind_created_at_idx" ON "etl_finding"("kind", "created_at");

-- AddForeignKey
ALTER TABLE "store" ADD CONSTRAINT "store_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source_system"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "category" ADD CONSTRAINT "category_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "category"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "category_map" ADD CONSTRAINT "category_map_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source_system"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "category_map" ADD CONSTRAINT "category_map_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product" ADD CONSTRAINT "product_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source_system"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product" ADD CONSTRAINT "product_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "category"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer" ADD CONSTRAINT "customer_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_source_link" ADD CONSTRAINT "customer_source_link_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source_system"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_source_link" ADD CONSTRAINT "customer_source_link_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_source_link" ADD CONSTRAINT "customer_source_link_joined_store_id_fkey" FOREIGN KEY ("joined_store_id") REFERENCES "store"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_attribute_history" ADD CONSTRAINT "customer_attribute_history_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_attribute_history" ADD CONSTRAINT "customer_attribute_history_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source_system"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_merge" ADD CONSTRAINT "customer_merge_survivor_id_fkey" FOREIGN KEY ("survivor_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_merge" ADD CONSTRAINT "customer_merge_merged_id_fkey" FOREIGN KEY ("merged_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt" ADD CONSTRAINT "receipt_source_code_fkey" FOREIGN KEY ("source_code") REFERENCES "source_system"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt" ADD CONSTRAINT "receipt_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt" ADD CONSTRAINT "receipt_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt" ADD CONSTRAINT "receipt_original_receipt_id_fkey" FOREIGN KEY ("original_receipt_id") REFERENCES "receipt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt" ADD CONSTRAINT "receipt_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "etl_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt_line" ADD CONSTRAINT "receipt_line_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "receipt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt_line" ADD CONSTRAINT "receipt_line_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipt_line" ADD CONSTRAINT "receipt_line_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "category"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_entry" ADD CONSTRAINT "point_entry_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_entry" ADD CONSTRAINT "point_entry_origin_source_code_fkey" FOREIGN KEY ("origin_source_code") REFERENCES "source_system"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_entry" ADD CONSTRAINT "point_entry_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "receipt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_allocation" ADD CONSTRAINT "point_allocation_debit_entry_id_fkey" FOREIGN KEY ("debit_entry_id") REFERENCES "point_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_allocation" ADD CONSTRAINT "point_allocation_earn_entry_id_fkey" FOREIGN KEY ("earn_entry_id") REFERENCES "point_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_tier_history" ADD CONSTRAINT "customer_tier_history_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_tier_history" ADD CONSTRAINT "customer_tier_history_tier_code_fkey" FOREIGN KEY ("tier_code") REFERENCES "tier"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_event" ADD CONSTRAINT "consent_event_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_consent" ADD CONSTRAINT "customer_consent_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "etl_rejected_row" ADD CONSTRAINT "etl_rejected_row_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "etl_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "etl_finding" ADD CONSTRAINT "etl_finding_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "etl_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: what schema.prisma cannot express (CHECKs, triggers); the drift check ignores these
-- ---------------------------------------------------------------------------
-- Only objects Prisma's schema diff ignores belong here, so the CI drift check stays quiet;
-- indexes (BRIN included) are in the schema. Later changes to them go into new migrations.

-- ─── audit_log: append-only ─────────────────────────────────────────────────────────────────
-- The audit trail must hold up when someone asks who revealed a customer's phone, so no role
-- the app uses may rewrite or remove it. Row triggers catch UPDATE/DELETE, a statement trigger
-- catches TRUNCATE (which skips row triggers). Test resets must recreate the database or
-- explicitly `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate` as the table owner.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit entries are never changed or removed; write a new entry instead.';
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- ─── customer_merge: append-only except unmerge and erasure ────────────────────────────────
-- A merge record is the only way back from a wrong merge, so its identity columns never change
-- and it is never deleted. Allowed updates: setting unmerged_at/unmerged_by (once), and
-- rewriting snapshot, which holds personal data that erasure must be able to clear.
CREATE OR REPLACE FUNCTION customer_merge_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'customer_merge is append-only: DELETE is not allowed (unmerge sets unmerged_at)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.survivor_id IS DISTINCT FROM OLD.survivor_id
     OR NEW.merged_id IS DISTINCT FROM OLD.merged_id
     OR NEW.reason IS DISTINCT FROM OLD.reason
     OR NEW.score IS DISTINCT FROM OLD.score
     OR NEW.matched_keys IS DISTINCT FROM OLD.matched_keys
     OR NEW.merged_at IS DISTINCT FROM OLD.merged_at
     OR NEW.merged_by IS DISTINCT FROM OLD.merged_by THEN
    RAISE EXCEPTION 'customer_merge % is append-only: only unmerged_at, unmerged_by and snapshot may change', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.unmerged_at IS NOT NULL AND NEW.unmerged_at IS DISTINCT FROM OLD.unmerged_at THEN
    RAISE EXCEPTION 'customer_merge % was already undone at %', OLD.id, OLD.unmerged_at
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER customer_merge_append_only
  BEFORE UPDATE OR DELETE ON customer_merge
  FOR EACH ROW EXECUTE FUNCTION customer_merge_guard();

ALTER TABLE customer_merge
  ADD CONSTRAINT customer_merge_distinct_customers CHECK (survivor_id <> merged_id);

-- ─── app_user ──────────────────────────────────────────────────────────────────────────────
-- Store staff see only their own store's customers: an unbound staff account would be either
-- useless or (with a careless query) all-seeing. Other roles may have a store but need none.
ALTER TABLE app_user
  ADD CONSTRAINT app_user_store_staff_has_store CHECK (role <> 'STORE_STAFF' OR store_id IS NOT NULL);

-- Sign-in looks users up by lower(email); a mixed-case row would be unreachable or duplicated.
ALTER TABLE app_user
  ADD CONSTRAINT app_user_email_lower CHECK (email = lower(email));

ALTER TABLE app_user
  ADD CONSTRAINT app_user_counters_non_negative CHECK (session_version >= 0 AND failed_logins >= 0);

-- ─── customer ──────────────────────────────────────────────────────────────────────────────
-- phone_last4 is a plain column filled by the app (Prisma cannot model GENERATED columns); this
-- keeps the counter lookup index honest.
ALTER TABLE customer
  ADD CONSTRAINT customer_phone_last4_matches CHECK (
    (phone IS NULL AND phone_last4 IS NULL)
    OR phone_last4 = right(regexp_replace(phone, '[^0-9]', '', 'g'), 4)
  );

ALTER TABLE customer
  ADD CONSTRAINT customer_email_lower CHECK (email = lower(email));

-- A merged customer points at its survivor, and only a merged one does.
ALTER TABLE customer
  ADD CONSTRAINT customer_merged_into_consistent CHECK (
    (status = 'MERGED') = (merged_into_id IS NOT NULL) AND merged_into_id IS DISTINCT FROM id
  );

-- ─── category ──────────────────────────────────────────────────────────────────────────────
ALTER TABLE category
  ADD CONSTRAINT category_level_parent CHECK (
    (level = 1 AND parent_code IS NULL) OR (level IN (2, 3) AND parent_code IS NOT NULL)
  );

-- ─── points ────────────────────────────────────────────────────────────────────────────────
-- Burns and expiries only take points away; only earns carry an expiry date.
ALTER TABLE point_entry
  ADD CONSTRAINT point_entry_sign CHECK (kind NOT IN ('BURN', 'EXPIRE') OR points <= 0);
ALTER TABLE point_entry
  ADD CONSTRAINT point_entry_expiry_on_earn CHECK (expires_on IS NULL OR kind = 'EARN');
ALTER TABLE point_allocation
  ADD CONSTRAINT point_allocation_positive CHECK (points > 0);

-- ─── tiers ─────────────────────────────────────────────────────────────────────────────────
ALTER TABLE customer_tier_history
  ADD CONSTRAINT customer_tier_history_period CHECK (effective_to IS NULL OR effective_to >= effective_from);

-- ─── ETL bookkeeping: "nothing lost" ───────────────────────────────────────────────────────
-- Once a batch is finished, every row of the file is accounted for.
ALTER TABLE etl_batch
  ADD CONSTRAINT etl_batch_counts_non_negative CHECK (rows_in >= 0 AND loaded >= 0 AND rejected >= 0 AND skipped >= 0);
ALTER TABLE etl_batch
  ADD CONSTRAINT etl_batch_rows_accounted CHECK (
    status NOT IN ('LOADED', 'DUPLICATE_FILE', 'REFUSED') OR rows_in = loaded + rejected + skipped
  );
ALTER TABLE etl_batch
  ADD CONSTRAINT etl_batch_refused_has_reason CHECK (status <> 'REFUSED' OR refusal_reason IS NOT NULL);
