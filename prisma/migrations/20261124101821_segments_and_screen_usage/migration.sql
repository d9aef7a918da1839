-- CreateTable
CREATE TABLE "segment" (
    "id" BIGSERIAL NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" UUID NOT NULL,
    "themes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "definition" JSONB NOT NULL,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_snapshot" (
    "id" BIGSERIAL NOT NULL,
    "segment_id" BIGINT NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" VARCHAR(16) NOT NULL,
    "reference" TEXT,
    "definition" JSONB NOT NULL,
    "size" INTEGER NOT NULL,
    "spend_12m" BIGINT NOT NULL,
    "base_size" INTEGER NOT NULL,

    CONSTRAINT "segment_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_snapshot_member" (
    "snapshot_id" BIGINT NOT NULL,
    "customer_id" BIGINT NOT NULL,

    CONSTRAINT "segment_snapshot_member_pkey" PRIMARY KEY ("snapshot_id","customer_id")
);

-- CreateTable
CREATE TABLE "page_view" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" UUID,
    "role" VARCHAR(16) NOT NULL,
    "page" VARCHAR(200) NOT NULL,
    "duration_ms" INTEGER,

    CONSTRAINT "page_view_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "segment_owner_id_idx" ON "segment"("owner_id");

-- CreateIndex
CREATE INDEX "segment_snapshot_segment_id_taken_at_idx" ON "segment_snapshot"("segment_id", "taken_at");

-- CreateIndex
CREATE INDEX "segment_snapshot_member_customer_id_idx" ON "segment_snapshot_member"("customer_id");

-- CreateIndex
CREATE INDEX "page_view_at_idx" ON "page_view"("at");

-- CreateIndex
CREATE INDEX "page_view_page_at_idx" ON "page_view"("page", "at");

-- AddForeignKey
ALTER TABLE "segment" ADD CONSTRAINT "segment_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_snapshot" ADD CONSTRAINT "segment_snapshot_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_snapshot_member" ADD CONSTRAINT "segment_snapshot_member_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "segment_snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_view" ADD CONSTRAINT "page_view_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ─── Hand-written: segments in the analysts' schema (issue 6 asked for them as they land) ─────
CREATE VIEW analytics.segments AS
SELECT s.id AS segment_id, s.name, s.description, s.themes, s.built_in, s.version, s.created_at, s.updated_at
  FROM segment s
 WHERE s.deleted_at IS NULL;
COMMENT ON VIEW analytics.segments IS '세그먼트 (규칙으로 정의한 고객 그룹) / Segments (customer groups defined by rules)';

CREATE VIEW analytics.segment_snapshots AS
SELECT p.id AS snapshot_id, p.segment_id, p.taken_at, p.reason, p.size, p.spend_12m, p.base_size
  FROM segment_snapshot p;
COMMENT ON VIEW analytics.segment_snapshots IS '세그먼트 스냅샷 (캠페인 사용 시, 매일 밤) / Segment snapshots (when a campaign uses one, and nightly)';

CREATE VIEW analytics.segment_snapshot_members AS
SELECT m.snapshot_id, m.customer_id FROM segment_snapshot_member m;
COMMENT ON VIEW analytics.segment_snapshot_members IS '스냅샷 당시의 세그먼트 고객 / The customers in a segment when the snapshot was taken';

GRANT SELECT ON analytics.segments, analytics.segment_snapshots, analytics.segment_snapshot_members TO dangol_query;
