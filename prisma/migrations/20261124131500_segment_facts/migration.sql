-- The segment builder's purchase facts (issue 7's live count at 1M customers). "Bought category X
-- within N days" over the raw tables probes every line of the window and its receipt for the
-- customer (1.4M lines for a top-level category over 90 days at 1M customers: seconds). Here each
-- (category, business day, customer) of a sale is one index entry, read index-only; a line counts
-- for its level-3 category and that category's level-2 and level-1 ancestors.
--
-- The same for the window rules (spend, visits, formats) over preset windows: customer_window.
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
  -- the Seoul business day the preset windows (customer_window) end on: the refresh's as-of
  as_of             date NOT NULL,
  built_at          timestamptz NOT NULL
);

CREATE TABLE segment_facts.category_day (
  category_code text   NOT NULL,
  business_date date   NOT NULL,
  customer_id   bigint NOT NULL
);
CREATE INDEX category_day_key ON segment_facts.category_day (category_code, business_date, customer_id);

-- Spend, visit days and formats per customer over the builder's preset windows (7 … 730 days)
-- ending at the build's as_of: "spend ≥ ₩1M in 365 days" at 1M customers aggregated 3M receipts
-- per count (2.3 s); here it is a range of one index. Only customers with a receipt in the window
-- have a row (no row = spend 0, no visits, no formats). formats: 1 DPT | 2 MART | 4 SM, sales only.
CREATE TABLE segment_facts.customer_window (
  window_days smallint NOT NULL,
  customer_id bigint   NOT NULL,
  spend       bigint   NOT NULL,
  visit_days  integer  NOT NULL,
  formats     smallint NOT NULL
);
CREATE INDEX customer_window_spend ON segment_facts.customer_window (window_days, spend) INCLUDE (customer_id);
CREATE INDEX customer_window_visits ON segment_facts.customer_window (window_days, visit_days) INCLUDE (customer_id);
CREATE INDEX customer_window_formats ON segment_facts.customer_window (window_days, formats) INCLUDE (customer_id);
