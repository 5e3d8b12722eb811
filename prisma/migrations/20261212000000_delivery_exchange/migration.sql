-- A dispatcher's round trip: the outcomes of the calls that ended, then a claim of what is due,
-- in one statement and one transaction. The claim runs after the outcomes are written, so the
-- next delivery of a target whose effect just succeeded can be claimed at once. Rows with
-- "recorded" set are the outcomes written (a delivery whose lease was lost is left as it is);
-- the others are the deliveries claimed (see ponte_claim_deliveries).
CREATE FUNCTION "ponte_exchange_deliveries"(
  "p_ids" UUID[], "p_lease_tokens" UUID[], "p_statuses" TEXT[], "p_next_attempts" TIMESTAMPTZ[], "p_ats" TIMESTAMPTZ[],
  "p_error_kinds" TEXT[], "p_errors" TEXT[],
  "p_now" TIMESTAMPTZ, "p_limit" INTEGER, "p_token" UUID, "p_leased_until" TIMESTAMPTZ)
RETURNS TABLE (
  "recorded" UUID, "id" UUID, "target_kind" TEXT, "target_id" UUID, "platform" TEXT, "integration_id" UUID, "action" TEXT,
  "payload" JSONB, "attempts" INTEGER, "attempts_before_retry" INTEGER
)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
BEGIN
  IF cardinality(p_ids) > 0 THEN
    -- Only deliveries whose lease is still the one claimed are touched; the ids are also an index
    -- condition, so that no plan reads more of the table than these rows.
    RETURN QUERY
    WITH outcome AS (
      SELECT * FROM unnest(p_ids, p_lease_tokens, p_statuses, p_next_attempts, p_ats, p_error_kinds, p_errors)
        AS o(id, lease_token, status, next_attempt_at, at, error_kind, error)
    ), written AS (
      UPDATE integration_deliveries d
      SET status = o.status,
          next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
          completed_at = CASE WHEN o.status = 'pending' THEN NULL ELSE o.at END,
          last_error_kind = o.error_kind, last_error = o.error, last_error_at = CASE WHEN o.error_kind IS NULL THEN NULL ELSE o.at END,
          lease_token = NULL, leased_until = NULL
      FROM outcome o
      WHERE d.id = ANY (p_ids) AND d.id = o.id AND d.lease_token = o.lease_token
      RETURNING d.id, d.attempts, o.at, o.status, o.error_kind, o.error
    ), logged AS (
      INSERT INTO integration_delivery_attempts (delivery_id, attempt, at, outcome, message)
      SELECT w.id, w.attempts, w.at, COALESCE(w.error_kind, w.status), w.error FROM written w
      RETURNING delivery_id
    )
    SELECT l.delivery_id, NULL::uuid, NULL::text, NULL::uuid, NULL::text, NULL::uuid, NULL::text, NULL::jsonb, NULL::integer, NULL::integer
    FROM logged l;
  END IF;
  IF p_limit > 0 THEN
    RETURN QUERY
    SELECT NULL::uuid, c.id, c.target_kind, c.target_id, c.platform, c.integration_id, c.action, c.payload, c.attempts, c.attempts_before_retry
    FROM ponte_claim_deliveries(p_now, p_limit, p_token, p_leased_until) c;
  END IF;
END
$$;
