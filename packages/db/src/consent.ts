/**
 * customer_consent = the latest consent_event per channel, whatever the source; at the same instant
 * the opt-out stands, as the send rules decide (effectiveConsent in @dangol/domain). `$1` is the
 * customers' ids (bigint[]). One statement for every writer: the ETL's member loads and Dangol's
 * own opt-outs (store, unsubscribe link, 080 list) must never disagree on the current state.
 */
export const RECOMPUTE_CUSTOMER_CONSENT_SQL = `
  INSERT INTO customer_consent (customer_id, channel, granted, changed_at, source, updated_at)
  SELECT DISTINCT ON (customer_id, channel) customer_id, channel, granted, changed_at, source, now()
    FROM consent_event WHERE customer_id = ANY($1::bigint[])
   ORDER BY customer_id, channel, changed_at DESC, granted ASC, id DESC
  ON CONFLICT (customer_id, channel) DO UPDATE SET granted = excluded.granted, changed_at = excluded.changed_at,
    source = excluded.source, updated_at = now()
  WHERE (customer_consent.granted, customer_consent.changed_at, customer_consent.source)
        IS DISTINCT FROM (excluded.granted, excluded.changed_at, excluded.source)`;
