-- CreateEnum
CREATE TYPE "campaign_state" AS ENUM ('DRAFT', 'APPROVED', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "campaign_channel" AS ENUM ('SMS', 'EMAIL', 'DM', 'TM');

-- CreateEnum
CREATE TYPE "campaign_group" AS ENUM ('TARGET', 'CONTROL');

-- CreateEnum
CREATE TYPE "campaign_contact_status" AS ENUM ('PLANNED', 'CLAIMED', 'SENT', 'FAILED', 'EXCLUDED', 'UNKNOWN');

-- CreateTable
CREATE TABLE "campaign" (
    "id" BIGSERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "theme" VARCHAR(32) NOT NULL,
    "owner_id" UUID NOT NULL,
    "segment_id" BIGINT NOT NULL,
    "state" "campaign_state" NOT NULL DEFAULT 'DRAFT',
    "definition" JSONB NOT NULL,
    "budget" BIGINT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "next_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_run" (
    "id" BIGSERIAL NOT NULL,
    "campaign_id" BIGINT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'planning',
    "snapshot_id" BIGINT,
    "seed" VARCHAR(64) NOT NULL,
    "snapshot_size" INTEGER NOT NULL DEFAULT 0,
    "eligible" INTEGER NOT NULL DEFAULT 0,
    "target" INTEGER NOT NULL DEFAULT 0,
    "control" INTEGER NOT NULL DEFAULT 0,
    "batches" INTEGER NOT NULL DEFAULT 0,
    "definition" JSONB NOT NULL,
    "error" TEXT,
    "planned_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_member" (
    "run_id" BIGINT NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "campaign_id" BIGINT NOT NULL,
    "group" "campaign_group" NOT NULL,
    "stratum" VARCHAR(16) NOT NULL,
    "batch_no" INTEGER NOT NULL,

    CONSTRAINT "campaign_member_pkey" PRIMARY KEY ("run_id","customer_id")
);

-- CreateTable
CREATE TABLE "campaign_batch" (
    "run_id" BIGINT NOT NULL,
    "batch_no" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_batch_pkey" PRIMARY KEY ("run_id","batch_no")
);

-- CreateTable
CREATE TABLE "campaign_contact" (
    "id" BIGSERIAL NOT NULL,
    "run_id" BIGINT NOT NULL,
    "campaign_id" BIGINT NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "channel" "campaign_channel" NOT NULL,
    "batch_no" INTEGER NOT NULL,
    "status" "campaign_contact_status" NOT NULL DEFAULT 'PLANNED',
    "idempotency_key" VARCHAR(64) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "exclusion_reason" VARCHAR(32),
    "failure_reason" TEXT,
    "coupon_code" VARCHAR(32),
    "attempts" SMALLINT NOT NULL DEFAULT 0,
    "provider" VARCHAR(32),
    "provider_message_id" TEXT,
    "claimed_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_outbox" (
    "contact_id" BIGINT NOT NULL,
    "channel" "campaign_channel" NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_outbox_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "campaign_suppression" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "channel" "campaign_channel",
    "reason" VARCHAR(200) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_suppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_address_invalid" (
    "customer_id" BIGINT NOT NULL,
    "channel" "campaign_channel" NOT NULL,
    "address" VARCHAR(254) NOT NULL,
    "reason" TEXT NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_address_invalid_pkey" PRIMARY KEY ("customer_id","channel","address")
);

-- CreateTable
CREATE TABLE "promotion" (
    "id" BIGSERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "formats" "retail_format"[],
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaign_state_next_run_at_idx" ON "campaign"("state", "next_run_at");

-- CreateIndex
CREATE INDEX "campaign_owner_id_idx" ON "campaign"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_run_campaign_id_due_at_key" ON "campaign_run"("campaign_id", "due_at");

-- CreateIndex
CREATE INDEX "campaign_member_run_id_batch_no_idx" ON "campaign_member"("run_id", "batch_no");

-- CreateIndex
CREATE INDEX "campaign_member_customer_id_idx" ON "campaign_member"("customer_id");

-- CreateIndex
CREATE INDEX "campaign_member_campaign_id_group_idx" ON "campaign_member"("campaign_id", "group");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_contact_idempotency_key_key" ON "campaign_contact"("idempotency_key");

-- CreateIndex
CREATE INDEX "campaign_contact_run_id_batch_no_status_idx" ON "campaign_contact"("run_id", "batch_no", "status");

-- CreateIndex
CREATE INDEX "campaign_contact_run_id_status_idx" ON "campaign_contact"("run_id", "status");

-- CreateIndex
CREATE INDEX "campaign_contact_customer_id_finished_at_idx" ON "campaign_contact"("customer_id", "finished_at");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_contact_run_id_customer_id_channel_key" ON "campaign_contact"("run_id", "customer_id", "channel");

-- CreateIndex
CREATE INDEX "campaign_suppression_customer_id_idx" ON "campaign_suppression"("customer_id");

-- CreateIndex
CREATE INDEX "promotion_starts_on_ends_on_idx" ON "promotion"("starts_on", "ends_on");

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_run" ADD CONSTRAINT "campaign_run_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_run" ADD CONSTRAINT "campaign_run_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "segment_snapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_member" ADD CONSTRAINT "campaign_member_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "campaign_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_member" ADD CONSTRAINT "campaign_member_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_member" ADD CONSTRAINT "campaign_member_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_batch" ADD CONSTRAINT "campaign_batch_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "campaign_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contact" ADD CONSTRAINT "campaign_contact_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "campaign_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contact" ADD CONSTRAINT "campaign_contact_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contact" ADD CONSTRAINT "campaign_contact_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_suppression" ADD CONSTRAINT "campaign_suppression_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_address_invalid" ADD CONSTRAINT "contact_address_invalid_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: what Prisma cannot express.
-- Every final state carries what the operator needs to read it: an excluded contact its reason,
-- a failed or unknown one why, a sent one the moment the provider took it.
ALTER TABLE "campaign_contact" ADD CONSTRAINT "campaign_contact_state_check" CHECK (
  ("status" = 'EXCLUDED') = ("exclusion_reason" IS NOT NULL)
  AND ("status" NOT IN ('FAILED', 'UNKNOWN') OR "failure_reason" IS NOT NULL)
  AND ("status" NOT IN ('SENT', 'FAILED', 'EXCLUDED', 'UNKNOWN') OR "finished_at" IS NOT NULL)
);
ALTER TABLE "campaign_run" ADD CONSTRAINT "campaign_run_status_check"
  CHECK ("status" IN ('planning', 'dispatching', 'done', 'failed', 'cancelled'));
ALTER TABLE "promotion" ADD CONSTRAINT "promotion_days_check" CHECK ("ends_on" >= "starts_on");
ALTER TABLE "promotion" ADD CONSTRAINT "promotion_kind_check" CHECK ("kind" IN ('sale', 'gift', 'season', 'other'));
-- One suppression per customer and channel, and one for every channel (NULL) beside them.
CREATE UNIQUE INDEX "campaign_suppression_customer_channel_key"
  ON "campaign_suppression" ("customer_id", "channel") WHERE "channel" IS NOT NULL;
CREATE UNIQUE INDEX "campaign_suppression_customer_all_key"
  ON "campaign_suppression" ("customer_id") WHERE "channel" IS NULL;
