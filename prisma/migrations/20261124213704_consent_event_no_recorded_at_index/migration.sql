-- The ETL writes five consent events per member row; an index on recorded_at over all of them cost
-- every member row five index writes for one reader: the daily export of Dangol's own opt-outs
-- (consent-export.ts), which filters by recorded_at and a Dangol source. A partial index over those
-- sources alone serves it; the divisions' events need no index on recorded_at.
-- DropIndex
DROP INDEX "consent_event_recorded_at_idx";

CREATE INDEX "consent_event_dangol_recorded_at_idx" ON "consent_event" ("recorded_at")
  WHERE "source" NOT IN ('DPT', 'MART', 'SM');
