-- CreateTable
CREATE TABLE "identity_state_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "identity_state_version_pkey" PRIMARY KEY ("id")
);

-- Hand-written: exactly one row, bumped once per statement that writes the identity state.
-- Statement-level triggers cost one row update per statement, not per row, and catch every
-- writer (ETL, manual merges, unmerges, erasure) whatever timestamps it sets.
ALTER TABLE "identity_state_version" ADD CONSTRAINT "identity_state_version_single_row" CHECK ("id" = 1);
INSERT INTO "identity_state_version" ("id", "version") VALUES (1, 0);

CREATE FUNCTION bump_identity_state_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An upsert, so a test reset that truncated the table cannot leave the version frozen.
  INSERT INTO identity_state_version (id, version) VALUES (1, 1)
  ON CONFLICT (id) DO UPDATE SET version = identity_state_version.version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER customer_source_link_identity_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON customer_source_link
  FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_state_version();
CREATE TRIGGER customer_merge_identity_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON customer_merge
  FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_state_version();
