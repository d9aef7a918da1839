-- CreateEnum
CREATE TYPE "touchpoint_kind" AS ENUM ('AFTER_SALES', 'COUNSELLING', 'DELIVERY', 'COMPLAINT', 'COMPLIMENT', 'CONTACT_CONFIRMED');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "lookup_locked_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "touchpoint" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" BIGINT NOT NULL,
    "kind" "touchpoint_kind" NOT NULL,
    "note" VARCHAR(1000),
    "store_id" INTEGER,
    "user_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "touchpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "touchpoint_customer_id_at_idx" ON "touchpoint"("customer_id", "at");

-- CreateIndex
CREATE INDEX "touchpoint_store_id_at_idx" ON "touchpoint"("store_id", "at");

-- AddForeignKey
ALTER TABLE "touchpoint" ADD CONSTRAINT "touchpoint_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoint" ADD CONSTRAINT "touchpoint_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoint" ADD CONSTRAINT "touchpoint_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: contact details a customer confirms in person at a store (the lookup page) enter
-- the golden record as the member record of this source, so survivorship ("newest wins" for
-- phone, e-mail and address), merges, unmerges and erasure treat them like any division's.
INSERT INTO "source_system" ("code", "name", "format") VALUES ('DANGOL', '단골 매장 확인', 'EXTERNAL')
ON CONFLICT ("code") DO NOTHING;
