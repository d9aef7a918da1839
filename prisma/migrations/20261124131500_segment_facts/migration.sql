-- The segment builder's purchase facts (issue 7's live count at 1M customers). "Bought category X
-- within N days" over the raw tables probes every line of the window and its receipt for the
-- customer (1.4M lines for a top-level category over 90 days at 1M customers: seconds). Here each
-- (level-3 category, business day, customer) of a sale is one index entry, read index-only.
--
-- Rebuilt by refreshSegmentFacts at the end of every analytics refresh, into a new table that is
-- swapped in, so counts keep reading the old one meanwhile. A build covers the receipts with
-- id <= receipt_watermark; the compiler reads newer receipts from the raw tables, so a sale
-- loaded after the refresh counts at once. (A merge moves older receipts to the survivor: those
-- follow at the next refresh, as customer_metrics does.)
CREATE SCHEMA IF NOT EXISTS segment_facts;

CREATE TABLE segment_facts.build (
  singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  receipt_watermark bigint NOT NULL,
  built_at          timestamptz NOT NULL
);

CREATE TABLE segment_facts.category_day (
  category_code text   NOT NULL,
  business_date date   NOT NULL,
  customer_id   bigint NOT NULL
);
CREATE INDEX category_day_key ON segment_facts.category_day (category_code, business_date, customer_id);
