-- AlterTable
ALTER TABLE "category_map" DROP CONSTRAINT "category_map_pkey",
ALTER COLUMN "source_category_code" SET DATA TYPE VARCHAR(128),
ADD CONSTRAINT "category_map_pkey" PRIMARY KEY ("source_code", "source_category_code");

-- AlterTable
ALTER TABLE "etl_batch" ADD COLUMN     "warehouse_loaded_at" TIMESTAMPTZ(3),
ADD COLUMN     "warehouse_stats" JSONB;

-- AlterTable
ALTER TABLE "product" ALTER COLUMN "source_category_code" SET DATA TYPE VARCHAR(128);

-- CreateTable
CREATE TABLE "identity_review" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "candidate_customer_id" BIGINT NOT NULL,
    "source_code" VARCHAR(32) NOT NULL,
    "member_no" VARCHAR(64) NOT NULL,
    "matched_source_code" VARCHAR(32),
    "matched_member_no" VARCHAR(64),
    "reason" VARCHAR(32) NOT NULL,
    "score" DOUBLE PRECISION,
    "evidence" TEXT[],
    "batch_id" BIGINT,
    "status" VARCHAR(16) NOT NULL DEFAULT 'OPEN',
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "identity_review_status_created_at_idx" ON "identity_review"("status", "created_at");

-- CreateIndex
CREATE INDEX "identity_review_candidate_customer_id_idx" ON "identity_review"("candidate_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "identity_review_customer_id_candidate_customer_id_key" ON "identity_review"("customer_id", "candidate_customer_id");
