-- Claiming due deliveries. A delivery is due when it is pending, its time has come, no live lease
-- holds it, and it is the oldest unfinished delivery of its ordering key (a dead one holds the line
-- until an operator retries it: a block must not overtake the create it depends on).
--
-- The claim walks integration_deliveries_open_idx in (next_attempt_at, seq) order and stops at the
-- limit, whatever the backlog. A planner without fresh statistics (a new table, a burst of rows
-- since the last ANALYZE, the embedded database that never analyses) would otherwise read every
-- due row into a bitmap and sort it, so the function forbids those plans for itself. PL/pgSQL keeps
-- the plan prepared for the whole session.
CREATE FUNCTION "ponte_claim_deliveries"("p_now" TIMESTAMPTZ, "p_limit" INTEGER, "p_token" UUID, "p_leased_until" TIMESTAMPTZ)
RETURNS TABLE (
  "id" UUID, "target_kind" TEXT, "target_id" UUID, "platform" TEXT, "integration_id" UUID, "action" TEXT,
  "payload" JSONB, "attempts" INTEGER, "attempts_before_retry" INTEGER
)
LANGUAGE plpgsql
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_sort = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH due AS (
    SELECT d.id FROM integration_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= p_now
      AND (d.leased_until IS NULL OR d.leased_until < p_now)
      AND d.seq = (SELECT e.seq FROM integration_deliveries e
                   WHERE e.ordering_key = d.ordering_key AND e.status <> 'succeeded'
                   ORDER BY e.seq LIMIT 1)
    ORDER BY d.next_attempt_at, d.seq
    LIMIT p_limit
    FOR UPDATE OF d SKIP LOCKED
  )
  UPDATE integration_deliveries d
  SET lease_token = p_token, leased_until = p_leased_until, attempts = d.attempts + 1
  FROM due WHERE d.id = due.id
  RETURNING d.id, d.target_kind, d.target_id, d.platform, d.integration_id, d.action, d.payload, d.attempts, d.attempts_before_retry;
END
$$;
