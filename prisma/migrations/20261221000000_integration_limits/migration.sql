-- Each integration's own limits (docs/operations.md, "Partner limits"): how many calls may be in
-- flight on it at once and how many may start per second, across every dispatcher process. An
-- integration is its id, or its platform for one Ponte has only one of (TeleCall, the softswitch).
--
-- integration_limits: the operator's overrides (NULL: the platform's default, which the
-- dispatcher passes in), what was in force at the last claim, the pacing (the next free start
-- slot), and what the partner said: a pause until its Retry-After, or a lowered rate after a 429
-- without one (multiplicative decrease, additive increase back to the configured rate). Start
-- slots and pauses are kept in the database server's own time, the one clock every process shares.
-- The rate counts the partner's calls: a delivery that takes more than one (TeleCall's 202 and the
-- reads after it) books as many slots as the integration's deliveries take on average
-- (calls_per_delivery, learnt from the outcomes).
CREATE TABLE "integration_limits" (
  "key"                  TEXT PRIMARY KEY,
  "platform"             TEXT NOT NULL,
  "concurrency"          INTEGER,
  "rate_per_second"      DOUBLE PRECISION,
  "concurrency_in_force" INTEGER,
  "rate_in_force"        DOUBLE PRECISION,
  "throttled_rate"       DOUBLE PRECISION,
  "throttled_at"         TIMESTAMPTZ,
  "paused_until"         TIMESTAMPTZ,
  "pause_reason"         TEXT,
  "next_slot_at"         TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
  "calls_per_delivery"   DOUBLE PRECISION NOT NULL DEFAULT 1,
  "version"              INTEGER NOT NULL DEFAULT 0,
  "updated_at"           TIMESTAMPTZ(3),
  "updated_by"           TEXT
);

-- Every change an operator made to an integration's limits.
CREATE TABLE "integration_limit_changes" (
  "id"     UUID PRIMARY KEY,
  "key"    TEXT NOT NULL,
  "at"     TIMESTAMPTZ(3) NOT NULL,
  "actor"  TEXT NOT NULL,
  "before" JSONB NOT NULL,
  "after"  JSONB NOT NULL
);
CREATE INDEX "integration_limit_changes_key_idx" ON "integration_limit_changes" ("key", "at", "id");

-- The deliveries each claim holds on each integration until its lease ends: the calls in flight
-- (or about to start) there, counted by every process. A process that dies leaves its rows to
-- expire with its leases.
CREATE TABLE "integration_leases" (
  "token"        UUID NOT NULL,
  "key"          TEXT NOT NULL,
  "held"         INTEGER NOT NULL,
  "leased_until" TIMESTAMPTZ NOT NULL,
  PRIMARY KEY ("token", "key")
);

-- Pending deliveries by integration, in the order they are due: the claim walks one integration at
-- a time. It replaces the index over every integration at once.
CREATE INDEX "integration_deliveries_limit_idx" ON "integration_deliveries"
  ((COALESCE("integration_id"::text, "platform")), "next_attempt_at", "seq") WHERE "status" = 'pending';
DROP INDEX "integration_deliveries_open_idx";

DROP FUNCTION "ponte_exchange_deliveries"(UUID[], UUID[], TEXT[], TIMESTAMPTZ[], TIMESTAMPTZ[], TEXT[], TEXT[], TIMESTAMPTZ, INTEGER, UUID, TIMESTAMPTZ);
DROP FUNCTION "ponte_claim_deliveries"(TIMESTAMPTZ, INTEGER, UUID, TIMESTAMPTZ);

-- Leases up to p_limit due deliveries of one integration: only the oldest unfinished delivery of
-- each ordering key, so a target's effects apply in order.
CREATE FUNCTION "ponte_claim_integration_deliveries"("p_key" TEXT, "p_now" TIMESTAMPTZ, "p_limit" INTEGER, "p_token" UUID, "p_leased_until" TIMESTAMPTZ)
RETURNS TABLE (
  "id" UUID, "target_kind" TEXT, "target_id" UUID, "platform" TEXT, "integration_id" UUID, "action" TEXT,
  "payload" JSONB, "attempts" INTEGER, "attempts_before_retry" INTEGER, "trace_parent" TEXT,
  "next_attempt_at" TIMESTAMPTZ, "seq" BIGINT
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
    WHERE c.status = 'pending' AND COALESCE(c.integration_id::text, c.platform) = p_key AND c.next_attempt_at <= p_now
      AND (c.leased_until IS NULL OR c.leased_until < p_now)
      AND c.seq = (SELECT e.seq FROM integration_deliveries e
                   WHERE e.ordering_key = c.ordering_key AND e.status <> 'succeeded'
                   ORDER BY e.seq LIMIT 1)
    ORDER BY c.next_attempt_at, c.seq
    LIMIT p_limit
    FOR UPDATE OF c SKIP LOCKED))
  RETURNING d.id, d.target_kind, d.target_id, d.platform, d.integration_id, d.action, d.payload, d.attempts,
            d.attempts_before_retry, d.trace_parent, d.next_attempt_at, d.seq;
END
$$;

-- Leases up to p_limit due deliveries across the integrations with work, each within its own
-- limits: no more held at once than its concurrency (counting every process's leases), and each
-- given a start time one 1/rate apart from the last one booked ("start_in_ms" from now), booking no
-- further than p_horizon_ms ahead. A paused integration gets nothing. The integrations are visited in a
-- random order and each takes at most its share of what is left, so none starves another. The
-- platforms' defaults come in the arrays (the entry '*' for any other platform); an integration
-- with an override in integration_limits uses it. An integration seen for the first time starts
-- from its platform's calls per delivery.
CREATE FUNCTION "ponte_claim_deliveries"(
  "p_now" TIMESTAMPTZ, "p_limit" INTEGER, "p_token" UUID, "p_leased_until" TIMESTAMPTZ, "p_horizon_ms" INTEGER,
  "p_platforms" TEXT[], "p_concurrency" INTEGER[], "p_rates" DOUBLE PRECISION[], "p_calls_per_delivery" DOUBLE PRECISION[])
RETURNS TABLE (
  "id" UUID, "target_kind" TEXT, "target_id" UUID, "platform" TEXT, "integration_id" UUID, "action" TEXT,
  "payload" JSONB, "attempts" INTEGER, "attempts_before_retry" INTEGER, "trace_parent" TEXT,
  "limit_key" TEXT, "start_in_ms" DOUBLE PRECISION
)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
  v_clock TIMESTAMPTZ := clock_timestamp();
  v_keys TEXT[];
  v_platforms TEXT[];
  v_left INTEGER := p_limit;
  v_key TEXT;
  v_default INTEGER;
  v_limit integration_limits%ROWTYPE;
  v_concurrency INTEGER;
  v_configured DOUBLE PRECISION;
  v_rate DOUBLE PRECISION;
  v_held INTEGER;
  v_stale INTEGER;
  v_start TIMESTAMPTZ;
  v_horizon TIMESTAMPTZ := v_clock + p_horizon_ms * INTERVAL '1 millisecond';
  v_spacing INTERVAL;
  v_take INTEGER;
  v_got INTEGER;
BEGIN
  IF p_limit <= 0 THEN RETURN; END IF;
  -- The integrations with pending work: one probe of the index each.
  WITH RECURSIVE k AS (
    (SELECT COALESCE(d.integration_id::text, d.platform) AS lk, d.platform AS lp FROM integration_deliveries d
      WHERE d.status = 'pending' ORDER BY COALESCE(d.integration_id::text, d.platform) LIMIT 1)
    UNION ALL
    SELECT n.lk, n.lp FROM k, LATERAL (
      SELECT COALESCE(d.integration_id::text, d.platform) AS lk, d.platform AS lp FROM integration_deliveries d
      WHERE d.status = 'pending' AND COALESCE(d.integration_id::text, d.platform) > k.lk
      ORDER BY COALESCE(d.integration_id::text, d.platform) LIMIT 1) n
  ), shuffled AS (SELECT k.lk, k.lp, random() AS r FROM k)
  SELECT array_agg(s.lk ORDER BY s.r), array_agg(s.lp ORDER BY s.r) INTO v_keys, v_platforms FROM shuffled s;

  FOR i IN 1 .. COALESCE(cardinality(v_keys), 0) LOOP
    EXIT WHEN v_left <= 0;
    v_key := v_keys[i];
    v_default := COALESCE(array_position(p_platforms, v_platforms[i]), array_position(p_platforms, '*'));
    -- Another process claiming for this integration right now: leave it to that one this time.
    SELECT * INTO v_limit FROM integration_limits l WHERE l.key = v_key FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      -- Looked for before inserting: an insert that meets a row another transaction is writing
      -- would wait for it, and that transaction may be waiting for a row this one holds.
      CONTINUE WHEN EXISTS (SELECT 1 FROM integration_limits l WHERE l.key = v_key);
      INSERT INTO integration_limits (key, platform, calls_per_delivery)
      VALUES (v_key, v_platforms[i], COALESCE(p_calls_per_delivery[v_default], 1)) ON CONFLICT (key) DO NOTHING;
      SELECT * INTO v_limit FROM integration_limits l WHERE l.key = v_key FOR UPDATE SKIP LOCKED;
      CONTINUE WHEN NOT FOUND;
    END IF;
    CONTINUE WHEN v_limit.paused_until IS NOT NULL AND v_limit.paused_until > v_clock;
    v_concurrency := COALESCE(v_limit.concurrency, p_concurrency[v_default], 1);
    v_configured := COALESCE(v_limit.rate_per_second, p_rates[v_default], 1);
    v_rate := LEAST(v_configured, COALESCE(v_limit.throttled_rate, v_configured));
    SELECT COALESCE(sum(l.held) FILTER (WHERE l.leased_until >= p_now), 0), count(*) FILTER (WHERE l.leased_until < p_now)
    INTO v_held, v_stale FROM integration_leases l WHERE l.key = v_key;
    -- Leases of a process that died: gone once they end. Rows another transaction is writing are
    -- left for a later claim (waiting for them here, holding this integration's row, could deadlock).
    IF v_stale > 0 THEN
      DELETE FROM integration_leases l WHERE (l.token, l.key) IN (
        SELECT e.token, e.key FROM integration_leases e WHERE e.key = v_key AND e.leased_until < p_now FOR UPDATE SKIP LOCKED);
    END IF;
    v_start := GREATEST(v_limit.next_slot_at, v_clock);
    -- The calls after a delivery's first are not paced: they are booked with a tenth to spare.
    v_spacing := INTERVAL '1 second' * (1 + 1.1 * GREATEST(0, v_limit.calls_per_delivery - 1)) / v_rate;
    v_take := LEAST(
      v_concurrency - v_held,
      CASE WHEN v_start > v_horizon THEN 0
           ELSE floor(extract(epoch FROM (v_horizon - v_start)) / extract(epoch FROM v_spacing))::INTEGER + 1 END,
      GREATEST(1, ceil(v_left::DOUBLE PRECISION / (cardinality(v_keys) - i + 1))::INTEGER));
    v_got := 0;
    IF v_take > 0 THEN
      RETURN QUERY
      SELECT c.id, c.target_kind, c.target_id, c.platform, c.integration_id, c.action, c.payload, c.attempts,
             c.attempts_before_retry, c.trace_parent, v_key,
             extract(epoch FROM (v_start + (c.n - 1) * v_spacing - v_clock))::DOUBLE PRECISION * 1000
      FROM (SELECT x.*, row_number() OVER (ORDER BY x.next_attempt_at, x.seq) AS n
            FROM ponte_claim_integration_deliveries(v_key, p_now, v_take, p_token, p_leased_until) x) c;
      GET DIAGNOSTICS v_got = ROW_COUNT;
    END IF;
    IF v_got > 0 THEN
      -- The places taken and the slots booked, in one statement.
      WITH lease AS (
        INSERT INTO integration_leases (token, key, held, leased_until) VALUES (p_token, v_key, v_got, p_leased_until)
      )
      UPDATE integration_limits l
      SET next_slot_at = v_start + v_got * v_spacing, concurrency_in_force = v_concurrency, rate_in_force = v_configured
      WHERE l.key = v_key;
      v_left := v_left - v_got;
    ELSIF v_limit.concurrency_in_force IS DISTINCT FROM v_concurrency
          OR v_limit.rate_in_force IS DISTINCT FROM v_configured THEN
      UPDATE integration_limits l SET concurrency_in_force = v_concurrency, rate_in_force = v_configured
      WHERE l.key = v_key;
    END IF;
  END LOOP;
END
$$;

-- A dispatcher's round trip: the outcomes of the calls that ended, then a claim of what is due,
-- in one transaction. Rows with "recorded" set are the outcomes written (a delivery whose lease
-- was lost is left as it is); the others are the deliveries claimed. With the outcomes, each
-- integration's leases shrink by the calls that ended, and what the partner said is kept: a pause
-- until the latest Retry-After; after a 429 without one, the rate halved (from what was in force,
-- or from the calls per second the dispatcher saw, whichever is lower; at most once a second); after
-- calls that succeed, the lowered rate grows back by max(1, rate/20) calls per second each second.
-- A throttled attempt does not count against the delivery's budget of tries; the calls each
-- delivery that succeeded made move the integration's calls_per_delivery.
CREATE FUNCTION "ponte_exchange_deliveries"(
  "p_ids" UUID[], "p_lease_tokens" UUID[], "p_statuses" TEXT[], "p_next_attempts" TIMESTAMPTZ[], "p_ats" TIMESTAMPTZ[],
  "p_error_kinds" TEXT[], "p_errors" TEXT[], "p_throttled" BOOLEAN[], "p_retry_after_ms" DOUBLE PRECISION[],
  "p_observed_rates" DOUBLE PRECISION[], "p_calls" INTEGER[],
  "p_now" TIMESTAMPTZ, "p_limit" INTEGER, "p_token" UUID, "p_leased_until" TIMESTAMPTZ, "p_horizon_ms" INTEGER,
  "p_platforms" TEXT[], "p_concurrency" INTEGER[], "p_rates" DOUBLE PRECISION[], "p_calls_per_delivery" DOUBLE PRECISION[])
RETURNS TABLE (
  "recorded" UUID, "id" UUID, "target_kind" TEXT, "target_id" UUID, "platform" TEXT, "integration_id" UUID, "action" TEXT,
  "payload" JSONB, "attempts" INTEGER, "attempts_before_retry" INTEGER, "trace_parent" TEXT,
  "limit_key" TEXT, "start_in_ms" DOUBLE PRECISION
)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
  v_clock TIMESTAMPTZ := clock_timestamp();
BEGIN
  IF cardinality(p_ids) > 0 THEN
    -- The integrations these outcomes may change, locked in the order of their keys, as every
    -- process locks them: two processes writing outcomes of the same integrations never deadlock.
    PERFORM 1 FROM integration_limits l
    WHERE l.key IN (SELECT COALESCE(d.integration_id::text, d.platform) FROM integration_deliveries d WHERE d.id = ANY (p_ids))
    ORDER BY l.key FOR UPDATE;
    -- Only deliveries whose lease is still the one claimed are touched; the ids are also an index
    -- condition, so that no plan reads more of the table than these rows.
    RETURN QUERY
    WITH outcome AS (
      SELECT * FROM unnest(p_ids, p_lease_tokens, p_statuses, p_next_attempts, p_ats, p_error_kinds, p_errors,
                           p_throttled, p_retry_after_ms, p_observed_rates, p_calls)
        AS o(id, lease_token, status, next_attempt_at, at, error_kind, error, throttled, retry_after_ms, observed_rate, calls)
    ), written AS (
      UPDATE integration_deliveries d
      SET status = o.status,
          next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
          completed_at = CASE WHEN o.status = 'pending' THEN NULL ELSE o.at END,
          last_error_kind = o.error_kind, last_error = o.error, last_error_at = CASE WHEN o.error_kind IS NULL THEN NULL ELSE o.at END,
          lease_token = NULL, leased_until = NULL,
          attempts_before_retry = d.attempts_before_retry + CASE WHEN o.throttled THEN 1 ELSE 0 END
      FROM outcome o
      WHERE d.id = ANY (p_ids) AND d.id = o.id AND d.lease_token = o.lease_token
      RETURNING d.id, d.attempts, o.at, o.status, o.error_kind, o.error, o.lease_token,
                COALESCE(d.integration_id::text, d.platform) AS lk, o.throttled,
                CASE WHEN o.throttled THEN v_clock + o.retry_after_ms * INTERVAL '1 millisecond' END AS pause_until,
                o.observed_rate, o.calls
    ), logged AS (
      INSERT INTO integration_delivery_attempts (delivery_id, attempt, at, outcome, message)
      SELECT w.id, w.attempts, w.at, COALESCE(w.error_kind, w.status), w.error FROM written w
      RETURNING delivery_id
    ), ended AS (
      SELECT w.lease_token, w.lk, count(*)::INTEGER AS n FROM written w GROUP BY w.lease_token, w.lk
    ), emptied AS (
      DELETE FROM integration_leases l USING ended g WHERE l.token = g.lease_token AND l.key = g.lk AND l.held <= g.n
    ), shrunk AS (
      UPDATE integration_leases l SET held = l.held - g.n
      FROM ended g WHERE l.token = g.lease_token AND l.key = g.lk AND l.held > g.n
    ), said AS (
      SELECT w.lk, max(w.pause_until) AS pause_until,
             (array_agg(w.error ORDER BY w.pause_until DESC NULLS LAST))[1] AS pause_reason,
             bool_or(w.throttled AND w.pause_until IS NULL) AS backoff,
             max(w.observed_rate) AS observed,
             count(*) FILTER (WHERE w.status = 'succeeded') AS successes,
             avg(w.calls) FILTER (WHERE w.status = 'succeeded' AND w.calls > 0) AS calls
      FROM written w GROUP BY w.lk
    ), limits AS (
      UPDATE integration_limits l
      SET paused_until = CASE WHEN s.pause_until IS NULL THEN l.paused_until
                              ELSE GREATEST(COALESCE(l.paused_until, s.pause_until), s.pause_until) END,
          pause_reason = CASE WHEN s.pause_until IS NULL THEN l.pause_reason ELSE s.pause_reason END,
          throttled_rate = CASE
            WHEN s.backoff AND (l.throttled_at IS NULL OR l.throttled_at < v_clock - INTERVAL '1 second') THEN
              GREATEST(0.2, LEAST(COALESCE(l.throttled_rate, l.rate_in_force, s.observed, 1),
                                  COALESCE(s.observed, 'infinity'::DOUBLE PRECISION)) / 2)
            WHEN l.throttled_rate IS NOT NULL AND s.successes > 0 THEN
              NULLIF(LEAST(COALESCE(l.rate_in_force, 'infinity'::DOUBLE PRECISION),
                           l.throttled_rate + s.successes * GREATEST(1, COALESCE(l.rate_in_force, 20) / 20) / l.throttled_rate),
                     COALESCE(l.rate_in_force, 'infinity'::DOUBLE PRECISION))
            ELSE l.throttled_rate END,
          throttled_at = CASE
            WHEN s.pause_until IS NOT NULL OR (s.backoff AND (l.throttled_at IS NULL OR l.throttled_at < v_clock - INTERVAL '1 second'))
            THEN v_clock ELSE l.throttled_at END,
          -- A moving average over the batches: a few deliveries move it a little, many a lot.
          calls_per_delivery = CASE WHEN s.calls IS NULL THEN l.calls_per_delivery
            ELSE l.calls_per_delivery + (s.calls - l.calls_per_delivery) * LEAST(1, s.successes / 20.0) END
      FROM said s
      WHERE l.key = s.lk AND (s.pause_until IS NOT NULL OR s.backoff OR (l.throttled_rate IS NOT NULL AND s.successes > 0)
                              OR (s.calls IS NOT NULL AND s.calls <> l.calls_per_delivery))
    )
    SELECT l.delivery_id, NULL::uuid, NULL::text, NULL::uuid, NULL::text, NULL::uuid, NULL::text, NULL::jsonb,
           NULL::integer, NULL::integer, NULL::text, NULL::text, NULL::double precision
    FROM logged l;
  END IF;
  IF p_limit > 0 THEN
    RETURN QUERY
    SELECT NULL::uuid, c.id, c.target_kind, c.target_id, c.platform, c.integration_id, c.action, c.payload, c.attempts,
           c.attempts_before_retry, c.trace_parent, c.limit_key, c.start_in_ms
    FROM ponte_claim_deliveries(p_now, p_limit, p_token, p_leased_until, p_horizon_ms, p_platforms, p_concurrency, p_rates, p_calls_per_delivery) c;
  END IF;
END
$$;
