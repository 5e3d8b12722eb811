-- Claiming due deliveries. A delivery is due when it is pending, its time has come, no live lease
-- holds it, and it is the oldest unfinished delivery of its ordering key (a dead one holds the line
-- until an operator retries it: a block must not overtake the create it depends on).
--
-- The claim walks integration_deliveries_open_idx in (next_attempt_at, seq) order and stops at the
-- limit, then leases what it found by primary key, whatever the backlog. A planner without fresh
-- statistics (a new table, a burst of rows since the last ANALYZE, the embedded database that never
-- analyses) would otherwise read every due row into a bitmap and sort it, or join the few claimed
-- rows against the whole table, so the function forbids sorts, bitmaps and sequential scans for
-- itself and hands the ids over as an array (an index condition, not a join). PL/pgSQL keeps the
-- plan prepared for the whole session.
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
  RETURNING d.id, d.target_kind, d.target_id, d.platform, d.integration_id, d.action, d.payload, d.attempts, d.attempts_before_retry;
END
$$;
