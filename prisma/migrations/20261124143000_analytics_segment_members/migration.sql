-- The workbench's `segment` parameter binds a saved segment's id; analysts join its members
-- through this view: each segment's latest snapshot (nightly, or a campaign's launch), so a query
-- reads the same members a campaign would have used, without the segment's rules.
CREATE VIEW analytics.segment_members AS
SELECT latest.segment_id, m.customer_id, latest.taken_at
  FROM (SELECT DISTINCT ON (p.segment_id) p.id, p.segment_id, p.taken_at
          FROM segment_snapshot p
          JOIN segment s ON s.id = p.segment_id AND s.deleted_at IS NULL
         ORDER BY p.segment_id, p.taken_at DESC) latest
  JOIN segment_snapshot_member m ON m.snapshot_id = latest.id;
COMMENT ON VIEW analytics.segment_members IS '세그먼트별 최근 스냅샷의 고객 (segment 파라미터와 함께 사용) / Each segment''s customers in its latest snapshot (use with a segment parameter)';
COMMENT ON COLUMN analytics.segment_members.taken_at IS '스냅샷 시각 / When the snapshot was taken';

GRANT SELECT ON analytics.segment_members TO dangol_query;
