-- CreateTable
CREATE TABLE "data_quality_snapshot" (
    "day" DATE NOT NULL,
    "customers" INTEGER NOT NULL,
    "with_valid_phone" INTEGER NOT NULL,
    "with_valid_email" INTEGER NOT NULL,
    "with_valid_birth" INTEGER NOT NULL,
    "with_consent" INTEGER NOT NULL,
    "merges_total" INTEGER NOT NULL,
    "reviews_open" INTEGER NOT NULL,
    "merges_of_day" INTEGER NOT NULL,
    "reviews_of_day" INTEGER NOT NULL,
    "batches" INTEGER NOT NULL,
    "rows_in" INTEGER NOT NULL,
    "rejected_rows" INTEGER NOT NULL,
    "findings" INTEGER NOT NULL,
    "findings_by_kind" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_quality_snapshot_pkey" PRIMARY KEY ("day")
);
