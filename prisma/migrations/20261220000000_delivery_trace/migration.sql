-- W3C trace context of the request that queued a delivery (docs/operations.md, "Traces"): the
-- dispatcher's partner call continues that request's trace. The claim functions return it with the
-- rest of a claimed delivery; a changed return type means dropping and creating them again, as
-- they were but for the new column.
ALTER TABLE "integration_deliveries" ADD COLUMN "trace_parent" TEXT;

DROP FUNCTION "ponte_exchange_deliveries"(UUID[], UUID[], TEXT[], TIMESTAMPTZ[], TIMESTAMPTZ[], TEXT[], TEXT[], TIMESTAMPTZ, INTEGER, UUID, TIMESTAMPTZ);
DROP FUNCTION "ponte_claim_deliveries"(TIMESTAMPTZ, INTEGER, UUID, TIMESTAMPTZ);

CREATE FUNCTION "ponte_claim_deliveries"("p_now" TIMESTAMPTZ, "p_limit" INTEGER, "p_token" UUID, "p_leased_until" TIMESTAMPTZ)
RETURNS TABLE (
  "id" UUID, "target_kind" TEXT, "target_id" UUID, "platform" TEXT, "integration_id" UUID, "action" TEXT,
  "payload" JSONB, "attempts" INTEGER, "attempts_before_retry" INTEGER, "trace_parent" TEXT
)
LANGUAGE plpgsql
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_sort = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  UPDATE integration_deliveries d
  SET lease_token = p_token, leased_until = p_leased_until, attempts = d.attempts + 1
  WHERE d.id = ANY (ARRAY(
    SELECT c.id FROM integration_deliveries c
    WHERE c.status = 'pending' AND c.next_attempt_at <= p_now
      AND (c.leased_until IS NULL OR c.leased_until < p_now)
      AND c.seq = (SELECT e.seq FROM integration_deliveries e
                   WHERE e.ordering_key = c.ordering_key AND e.status <> 'succeeded'
                   ORDER BY e.seq LIMIT 1)
    ORDER BY c.next_attempt_at, c.seq
    LIMIT p_limit
    FOR UPDATE OF c SKIP LOCKED))
  RETURNING d.id, d.target_kind, d.target_id, d.platform, d.integration_id, d.action, d.payload, d.attempts, d.attempts_before_retry, d.trace_parent;
END
$$;

CREATE FUNCTION "ponte_exchange_deliveries"(
  "p_ids" UUID[], "p_lease_tokens" UUID[], "p_statuses" TEXT[], "p_next_attempts" TIMESTAMPTZ[], "p_ats" TIMESTAMPTZ[],
  "p_error_kinds" TEXT[], "p_errors" TEXT[],
  "p_now" TIMESTAMPTZ, "p_limit" INTEGER, "p_token" UUID, "p_leased_until" TIMESTAMPTZ)
RETURNS TABLE (
  "recorded" UUID, "id" UUID, "target_kind" TEXT, "target_id" UUID, "platform" TEXT, "integration_id" UUID, "action" TEXT,
  "payload" JSONB, "attempts" INTEGER, "attempts_before_retry" INTEGER, "trace_parent" TEXT
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
    SELECT l.delivery_id, NULL::uuid, NULL::text, NULL::uuid, NULL::text, NULL::uuid, NULL::text, NULL::jsonb, NULL::integer, NULL::integer, NULL::text
    FROM logged l;
  END IF;
  IF p_limit > 0 THEN
    RETURN QUERY
    SELECT NULL::uuid, c.id, c.target_kind, c.target_id, c.platform, c.integration_id, c.action, c.payload, c.attempts, c.attempts_before_retry, c.trace_parent
    FROM ponte_claim_deliveries(p_now, p_limit, p_token, p_leased_until) c;
  END IF;
END
$$;
