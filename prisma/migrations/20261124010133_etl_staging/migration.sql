-- Staging for the ETL's ingest stage: parsed rows exactly as read, keyed by (batch_id, line_no).
-- Hand-written and outside schema "public", so Prisma's drift check ignores it by design.
-- UNLOGGED: no WAL, roughly twice the COPY speed; the price is that a Postgres crash empties
-- these tables. They are a hand-off, not a record: the next stage checks a batch's staged row
-- count against etl_batch.loaded before consuming it, and re-ingests the file if they differ.
-- No foreign key to etl_batch: an FK check per COPY row costs more than staging itself, and
-- the loader deletes a batch's rows before (re)staging it.
CREATE SCHEMA IF NOT EXISTS staging;

CREATE UNLOGGED TABLE staging.member (
  batch_id           bigint      NOT NULL,
  line_no            integer     NOT NULL,
  division           varchar(8)  NOT NULL,
  member_no          text        NOT NULL,
  card_no            text,
  name               text,
  gender             char(1),
  birth_date         date,
  birth_date_raw     text,
  phone              text,
  phone_raw          text,
  email              text,
  email_raw          text,
  zip                text,
  address1           text,
  address2           text,
  join_date          date,
  join_store         text,
  ci                 text,
  agree_sms          boolean,
  agree_email        boolean,
  agree_dm           boolean,
  agree_tm           boolean,
  agree_night        boolean,
  consent_changed_at timestamptz,
  change_type        varchar(8)  NOT NULL,
  changed_at         timestamptz
);
CREATE INDEX member_batch_idx ON staging.member (batch_id);

-- One row per sale line; an SM receipt (one JSON line) stages one row per item, same line_no.
-- Points as delivered: DPT and SM give the receipt's points (DPT repeats them on every line),
-- MART gives them per line; the columns keep the two meanings apart.
CREATE UNLOGGED TABLE staging.sale_line (
  batch_id             bigint      NOT NULL,
  line_no              integer     NOT NULL,
  division             varchar(8)  NOT NULL,
  receipt_key          text        NOT NULL,
  store_code           text        NOT NULL,
  pos_no               text,
  trx_at               timestamptz NOT NULL,
  trx_type             varchar(8)  NOT NULL,
  original_receipt_key text,
  member_no            text,
  card_no              text,
  item_line            integer     NOT NULL,
  product_code         text,
  qty                  integer     NOT NULL,
  unit_price           bigint,
  discount             bigint,
  amount               bigint      NOT NULL,
  line_earn_points     integer,
  line_use_points      integer,
  receipt_earn_points  integer,
  receipt_use_points   integer,
  coupons              text[]      NOT NULL,
  receipt_total        bigint
);
CREATE INDEX sale_line_batch_idx ON staging.sale_line (batch_id);

CREATE UNLOGGED TABLE staging.store (
  batch_id   bigint     NOT NULL,
  line_no    integer    NOT NULL,
  division   varchar(8) NOT NULL,
  store_code text       NOT NULL,
  name       text,
  sido       text,
  sigungu    text,
  opened_on  date,
  lat        numeric,
  lon        numeric
);
CREATE INDEX store_batch_idx ON staging.store (batch_id);

CREATE UNLOGGED TABLE staging.product (
  batch_id             bigint     NOT NULL,
  line_no              integer    NOT NULL,
  division             varchar(8) NOT NULL,
  product_code         text       NOT NULL,
  name                 text,
  brand                text,
  source_category_code text,
  list_price           bigint
);
CREATE INDEX product_batch_idx ON staging.product (batch_id);

CREATE UNLOGGED TABLE staging.hq_category (
  batch_id    bigint   NOT NULL,
  line_no     integer  NOT NULL,
  code        text     NOT NULL,
  level       smallint NOT NULL,
  parent_code text,
  name_ko     text,
  name_en     text
);
CREATE INDEX hq_category_batch_idx ON staging.hq_category (batch_id);

CREATE UNLOGGED TABLE staging.hq_category_map (
  batch_id             bigint     NOT NULL,
  line_no              integer    NOT NULL,
  division             varchar(8) NOT NULL,
  source_category_code text       NOT NULL,
  category_code        text       NOT NULL
);
CREATE INDEX hq_category_map_batch_idx ON staging.hq_category_map (batch_id);

CREATE UNLOGGED TABLE staging.hq_region (
  batch_id bigint  NOT NULL,
  line_no  integer NOT NULL,
  sido     text    NOT NULL,
  sigungu  text    NOT NULL,
  lat      numeric,
  lon      numeric
);
CREATE INDEX hq_region_batch_idx ON staging.hq_region (batch_id);

-- The seam to the next stage: per file name, the latest staged batch. A correction (same name,
-- new content) supersedes the earlier batch, so consumers read only these batch ids.
CREATE VIEW staging.current_batch AS
SELECT DISTINCT ON (source_code, file_name)
       id AS batch_id, source_code, feed_kind, file_name, business_date, loaded, finished_at
  FROM public.etl_batch
 WHERE status = 'LOADED'
 ORDER BY source_code, file_name, finished_at DESC, id DESC;
