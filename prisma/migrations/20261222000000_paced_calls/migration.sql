-- A call made while a client waits (a PBX command, a credit consult) takes its place in its
-- integration's limits as a delivery does: refused while the partner has the integration paused
-- ('paused', for as long as the pause lasts) or while every place is taken ('busy'); otherwise a
-- place is leased until p_leased_until and the next start slot booked, no further than p_max_wait_ms
-- ahead ('busy' past it, for how long until that slot). Leases are read at p_now, the dispatchers'
-- clock, as a claim reads them. The row is waited for, not skipped: one row locked alone, by a
-- transaction that holds no other.
CREATE FUNCTION "ponte_acquire_call"(
  "p_key" TEXT, "p_platform" TEXT, "p_now" TIMESTAMPTZ, "p_token" UUID, "p_leased_until" TIMESTAMPTZ, "p_max_wait_ms" INTEGER,
  "p_concurrency" INTEGER, "p_rate" DOUBLE PRECISION, "p_calls_per_delivery" DOUBLE PRECISION)
RETURNS TABLE ("refused" TEXT, "wait_ms" DOUBLE PRECISION, "reason" TEXT)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
  v_clock TIMESTAMPTZ := clock_timestamp();
  v_limit integration_limits%ROWTYPE;
  v_concurrency INTEGER;
  v_configured DOUBLE PRECISION;
  v_rate DOUBLE PRECISION;
  v_held INTEGER;
  v_start TIMESTAMPTZ;
BEGIN
  INSERT INTO integration_limits (key, platform, calls_per_delivery) VALUES (p_key, p_platform, p_calls_per_delivery)
  ON CONFLICT (key) DO NOTHING;
  SELECT * INTO v_limit FROM integration_limits l WHERE l.key = p_key FOR UPDATE;
  IF v_limit.paused_until IS NOT NULL AND v_limit.paused_until > v_clock THEN
    RETURN QUERY SELECT 'paused'::TEXT, extract(epoch FROM (v_limit.paused_until - v_clock))::DOUBLE PRECISION * 1000,
                        v_limit.pause_reason;
    RETURN;
  END IF;
  v_concurrency := COALESCE(v_limit.concurrency, p_concurrency);
  v_configured := COALESCE(v_limit.rate_per_second, p_rate);
  v_rate := LEAST(v_configured, COALESCE(v_limit.throttled_rate, v_configured));
  SELECT COALESCE(sum(l.held), 0) INTO v_held FROM integration_leases l WHERE l.key = p_key AND l.leased_until >= p_now;
  IF v_held >= v_concurrency THEN
    RETURN QUERY SELECT 'busy'::TEXT, NULL::DOUBLE PRECISION, NULL::TEXT;
    RETURN;
  END IF;
  v_start := GREATEST(v_limit.next_slot_at, v_clock);
  IF v_start > v_clock + p_max_wait_ms * INTERVAL '1 millisecond' THEN
    RETURN QUERY SELECT 'busy'::TEXT, extract(epoch FROM (v_start - v_clock))::DOUBLE PRECISION * 1000, NULL::TEXT;
    RETURN;
  END IF;
  INSERT INTO integration_leases (token, key, held, leased_until) VALUES (p_token, p_key, 1, p_leased_until);
  UPDATE integration_limits l
  SET next_slot_at = v_start + INTERVAL '1 second' / v_rate, concurrency_in_force = v_concurrency, rate_in_force = v_configured
  WHERE l.key = p_key;
  RETURN QUERY SELECT NULL::TEXT, extract(epoch FROM (v_start - v_clock))::DOUBLE PRECISION * 1000, NULL::TEXT;
END
$$;

-- The call taken with ponte_acquire_call ended: its place is free, and what the partner said is
-- kept as for a delivery's outcome (a pause until Retry-After; the rate halved after a 429 without
-- it, at most once a second; a lowered rate grows back with each call that succeeds).
CREATE FUNCTION "ponte_release_call"(
  "p_key" TEXT, "p_token" UUID, "p_succeeded" BOOLEAN, "p_throttled" BOOLEAN, "p_retry_after_ms" DOUBLE PRECISION,
  "p_reason" TEXT)
RETURNS VOID
LANGUAGE plpgsql
AS $$
DECLARE
  v_clock TIMESTAMPTZ := clock_timestamp();
  v_pause TIMESTAMPTZ := CASE WHEN p_throttled AND p_retry_after_ms IS NOT NULL
                              THEN v_clock + p_retry_after_ms * INTERVAL '1 millisecond' END;
BEGIN
  DELETE FROM integration_leases l WHERE l.token = p_token AND l.key = p_key;
  IF v_pause IS NOT NULL THEN
    UPDATE integration_limits l
    SET paused_until = GREATEST(COALESCE(l.paused_until, v_pause), v_pause), pause_reason = p_reason, throttled_at = v_clock
    WHERE l.key = p_key;
  ELSIF p_throttled THEN
    UPDATE integration_limits l
    SET throttled_rate = GREATEST(0.2, COALESCE(l.throttled_rate, l.rate_in_force, 1) / 2), throttled_at = v_clock
    WHERE l.key = p_key AND (l.throttled_at IS NULL OR l.throttled_at < v_clock - INTERVAL '1 second');
  ELSIF p_succeeded THEN
    UPDATE integration_limits l
    SET throttled_rate = NULLIF(LEAST(COALESCE(l.rate_in_force, 'infinity'::DOUBLE PRECISION),
                                      l.throttled_rate + GREATEST(1, COALESCE(l.rate_in_force, 20) / 20) / l.throttled_rate),
                                COALESCE(l.rate_in_force, 'infinity'::DOUBLE PRECISION))
    WHERE l.key = p_key AND l.throttled_rate IS NOT NULL;
  END IF;
END
$$;
