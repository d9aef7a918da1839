-- Hand-written SQL that prisma/schema.prisma cannot express. The integrator appends this file to
-- the initial migration (prisma/migrations/*_init/migration.sql); later changes to these objects
-- go into new migrations, not here.
--
-- Only objects Prisma's schema diff ignores belong here (CHECK constraints, functions,
-- triggers), so the CI drift check stays quiet. Indexes (BRIN included) are in the schema.

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
