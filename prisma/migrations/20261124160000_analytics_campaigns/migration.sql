-- ─── Hand-written: campaigns in the analysts' schema (issue 6 asks for them as they land) ──────
-- Like the other analytics views: no names, addresses, message texts or coupon codes, no staff
-- identities (the owner's role only). The outbox (recipients and bodies) stays out of reach: the
-- query role gets SELECT on these views only. The response window is read from each run's
-- definition as launched, exactly as the measurement in packages/campaigns (measure.ts) reads it:
-- [batch sent_at, sent_at + responseWindowDays × 24 h), 14 days when the definition has none.

CREATE FUNCTION analytics.campaign_window_days(definition jsonb) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
           WHEN jsonb_typeof(definition -> 'responseWindowDays') = 'number'
            AND (definition ->> 'responseWindowDays')::numeric BETWEEN 1 AND 90
            AND (definition ->> 'responseWindowDays')::numeric = trunc((definition ->> 'responseWindowDays')::numeric)
           THEN (definition ->> 'responseWindowDays')::int
           ELSE 14
         END
$$;
COMMENT ON FUNCTION analytics.campaign_window_days(jsonb) IS '캠페인 정의의 반응 기간 (일, 기본 14) / The response window in days of a campaign definition (14 by default)';

CREATE VIEW analytics.campaigns AS
SELECT c.id AS campaign_id, c.name, c.theme, c.state::text AS state, c.segment_id,
       u.role::text AS owner_role,
       ARRAY(SELECT ch ->> 'channel' FROM jsonb_array_elements(
               CASE WHEN jsonb_typeof(c.definition -> 'channels') = 'array' THEN c.definition -> 'channels' ELSE '[]'::jsonb END) ch)
         AS channels,
       c.definition -> 'offer' ->> 'kind' AS offer_kind,
       c.definition -> 'schedule' ->> 'kind' AS schedule_kind,
       analytics.campaign_window_days(c.definition) AS response_window_days,
       CASE WHEN jsonb_typeof(c.definition -> 'controlShare') = 'number'
            THEN (c.definition ->> 'controlShare')::numeric END AS control_share,
       c.budget, c.version, c.created_at, c.approved_at,
       (SELECT min(r.due_at) FROM campaign_run r WHERE r.campaign_id = c.id) AS first_run_at,
       c.next_run_at, c.updated_at
  FROM campaign c
  JOIN app_user u ON u.id = c.owner_id;
COMMENT ON VIEW analytics.campaigns IS '캠페인 (담당자는 역할만) / Campaigns (the owner by role only)';
COMMENT ON COLUMN analytics.campaigns.theme IS 'win_back, purchase_cycle, cross_sell, tier_up, tier_down_prevention, vip_retention, cross_format, distant_purchase';
COMMENT ON COLUMN analytics.campaigns.state IS 'DRAFT, APPROVED, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED';
COMMENT ON COLUMN analytics.campaigns.channels IS 'SMS, EMAIL, DM, TM';
COMMENT ON COLUMN analytics.campaigns.budget IS '예산 (원, NULL = 없음) / budget in KRW, null = none';
COMMENT ON COLUMN analytics.campaigns.control_share IS '통제군 비율 (0–0.5) / share held out as the control group';
COMMENT ON COLUMN analytics.campaigns.first_run_at IS '첫 실행 예정 시각 (NULL = 미발송) / when the first run was due, null = never launched';

CREATE VIEW analytics.campaign_runs AS
SELECT r.id AS run_id, r.campaign_id, r.due_at, r.status, r.snapshot_id, r.snapshot_size, r.eligible,
       r.target, r.control, r.batches, analytics.campaign_window_days(r.definition) AS response_window_days,
       r.planned_at, r.finished_at
  FROM campaign_run r;
COMMENT ON VIEW analytics.campaign_runs IS '캠페인 실행 (1회 또는 반복마다 하나) / Campaign runs (one per one-off launch or per recurrence)';
COMMENT ON COLUMN analytics.campaign_runs.status IS 'planning, dispatching, done, failed, cancelled';
COMMENT ON COLUMN analytics.campaign_runs.eligible IS '발송 가능 고객 (대상군 + 통제군) / customers eligible on a channel (target + control)';
COMMENT ON COLUMN analytics.campaign_runs.response_window_days IS '실행 당시 정의의 반응 기간 (일) / the response window of the definition as launched, days';

CREATE VIEW analytics.campaign_members AS
SELECT m.campaign_id, m.run_id, m.customer_id, m."group"::text AS "group", m.stratum, m.batch_no,
       b.sent_at AS window_start,
       b.sent_at + make_interval(days => analytics.campaign_window_days(r.definition)) AS window_end
  FROM campaign_member m
  JOIN campaign_run r ON r.id = m.run_id
  JOIN campaign_batch b ON b.run_id = m.run_id AND b.batch_no = m.batch_no;
COMMENT ON VIEW analytics.campaign_members IS '캠페인 대상군·통제군 고객 / Target and control members of each campaign run';
COMMENT ON COLUMN analytics.campaign_members."group" IS 'TARGET (발송 대상) 또는 CONTROL (무작위 통제군, 발송 없음) / TARGET (contacted) or CONTROL (random holdout, not contacted)';
COMMENT ON COLUMN analytics.campaign_members.stratum IS '통제군 층화 기준 등급 (NONE = 등급 없음) / the tier the control draw was stratified by';
COMMENT ON COLUMN analytics.campaign_members.window_start IS '반응 기간 시작 = 배치 첫 발송 시각 (통제군도 같음, NULL = 미발송) / response window start: the batch''s first send (control alike); null = batch not sent yet';
COMMENT ON COLUMN analytics.campaign_members.window_end IS '반응 기간 끝 (포함하지 않음) / response window end (exclusive)';

CREATE VIEW analytics.campaign_contacts AS
SELECT k.id AS contact_id, k.campaign_id, k.run_id, k.customer_id, k.channel::text AS channel,
       k.status::text AS status, k.exclusion_reason, k.batch_no, k.due_at, k.attempts,
       k.coupon_code IS NOT NULL AS has_coupon, k.claimed_at, k.finished_at,
       CASE WHEN k.status = 'SENT' THEN k.finished_at END AS sent_at
  FROM campaign_contact k;
COMMENT ON VIEW analytics.campaign_contacts IS '캠페인 접촉 (고객 × 채널, 주소·문구 제외) / Campaign contacts, one per customer and channel (no addresses, no message text)';
COMMENT ON COLUMN analytics.campaign_contacts.status IS 'PLANNED, CLAIMED, SENT, FAILED, EXCLUDED, UNKNOWN (결과 불명 / outcome unknown)';
COMMENT ON COLUMN analytics.campaign_contacts.exclusion_reason IS 'EXCLUDED 사유: duplicate, no_consent, suppressed, no_address, invalid_address, frequency_cap, cancelled';
COMMENT ON COLUMN analytics.campaign_contacts.due_at IS '발송 예정 시각 (야간 보류 시 08:00) / due time (08:00 when held by the quiet hours)';
COMMENT ON COLUMN analytics.campaign_contacts.finished_at IS '최종 상태 시각 / when it reached its final state';

CREATE VIEW analytics.campaign_responses AS
SELECT m.campaign_id, m.run_id, m.customer_id, m."group", m.window_start, m.window_end,
       w.first_response_at, w.first_response_at IS NOT NULL AS responded,
       coalesce(w.receipts, 0) AS receipts, coalesce(w.revenue, 0) AS revenue
  FROM analytics.campaign_members m
  LEFT JOIN LATERAL (
    SELECT min(rc.sold_at) FILTER (WHERE rc.net_amount > 0) AS first_response_at,
           count(*)::int AS receipts, sum(rc.net_amount)::bigint AS revenue
      FROM receipt rc
     WHERE rc.customer_id = m.customer_id AND rc.sold_at >= m.window_start AND rc.sold_at < m.window_end
  ) w ON true
 WHERE m.window_start IS NOT NULL;
COMMENT ON VIEW analytics.campaign_responses IS '반응 기간 내 구매 (대상군·통제군, 발송된 배치만) / Purchases within each member''s response window (target and control; sent batches only)';
COMMENT ON COLUMN analytics.campaign_responses.first_response_at IS '기간 내 첫 구매 (순매출 > 0) 시각 / first purchase with a positive net amount in the window';
COMMENT ON COLUMN analytics.campaign_responses.receipts IS '기간 내 영수증 수 (반품 포함) / receipts in the window, returns included';
COMMENT ON COLUMN analytics.campaign_responses.revenue IS '기간 내 순매출 (원, 반품 차감) / net revenue in the window, KRW, returns subtracted';

GRANT EXECUTE ON FUNCTION analytics.campaign_window_days(jsonb) TO dangol_query;
GRANT SELECT ON analytics.campaigns, analytics.campaign_runs, analytics.campaign_members,
                analytics.campaign_contacts, analytics.campaign_responses TO dangol_query;
