-- Every event reaches the webhook endpoints that want it however it is written (docs/webhooks.md):
-- by the application, by the statement that moves a bulk event's targets, or by a trigger. One
-- rule says which endpoints want an event, and one function queues its deliveries.

CREATE FUNCTION "ponte_endpoint_wants"("p_all_events" BOOLEAN, "p_event_types" TEXT[], "p_type" TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT p_all_events OR p_type = ANY (p_event_types) $$;

-- The events of one contract (or of one resource without a contract) reach an endpoint in order.
CREATE FUNCTION "ponte_webhook_ordering_key"("p_endpoint" UUID, "p_contract" UUID, "p_resource" UUID) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT 'webhook:' || p_endpoint || ':' || COALESCE(p_contract, p_resource) $$;

-- Queues the deliveries of the events not fanned out yet, oldest first, to every enabled endpoint
-- that wants each, and marks them: up to p_limit events, by one process at a time (the others
-- answer NULL at once). Events are written lean, with their change; their deliveries follow here,
-- outside the change's transaction. Events of one contract (or resource) are written in order
-- under that contract's lock, so fanning out by seq keeps their order. Answers the events fanned
-- out and the deliveries queued.
CREATE FUNCTION "ponte_fan_out_events"("p_limit" INTEGER)
RETURNS TABLE ("fanned_events" INTEGER, "queued_deliveries" INTEGER)
LANGUAGE plpgsql
AS $$
DECLARE
  v_events INTEGER;
  v_deliveries INTEGER;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('ponte_fan_out_events')) THEN RETURN; END IF;
  WITH batch AS (
    SELECT n.id, n.seq, n.type, n.contract_id, n.resource_id, n.occurred_at FROM events n
     WHERE NOT n.fanned_out ORDER BY n.seq LIMIT p_limit FOR UPDATE
  ), marked AS (
    UPDATE events e SET fanned_out = true FROM batch b WHERE e.id = b.id
  ), queued AS (
    INSERT INTO integration_deliveries (id, ordering_key, idempotency_key, target_kind, target_id, platform, integration_id,
                                        contract_id, action, payload, next_attempt_at, created_at)
    SELECT ponte_uuid_v7(), ponte_webhook_ordering_key(e.id, n.contract_id, n.resource_id), 'event:' || n.id || ':' || e.id,
           'webhook', n.id, 'webhook', e.id, n.contract_id, n.type, jsonb_build_object('eventId', n.id),
           -- Due when it happened, and no later than now (a PBX's clock may run ahead).
           LEAST(n.occurred_at, clock_timestamp()), LEAST(n.occurred_at, clock_timestamp())
      FROM batch n
      JOIN webhook_endpoints e ON e.enabled AND n.seq > e.from_event_seq
                              AND ponte_endpoint_wants(e.all_events, e.event_types, n.type)
     ORDER BY n.seq, e.id
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM batch)::INTEGER, (SELECT count(*) FROM queued)::INTEGER INTO v_events, v_deliveries;
  RETURN QUERY SELECT v_events, v_deliveries;
END
$$;

-- A partner delivery that gives up is an integration error an operator must look at: told as
-- `delivery.dead` (and, for an SVA user, `sva_user.failed`) in the transaction that records it.
-- Webhook deliveries are not told of (an endpoint's failures are in its own log).
CREATE FUNCTION "ponte_tell_dead_delivery"() RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_at TIMESTAMPTZ := COALESCE(NEW.completed_at, NEW.last_error_at, clock_timestamp());
  v_delivery JSONB := jsonb_build_object(
    'id', NEW.id, 'targetKind', NEW.target_kind, 'targetId', NEW.target_id, 'platform', NEW.platform,
    'integrationId', NEW.integration_id, 'contractId', NEW.contract_id, 'action', NEW.action, 'attempts', NEW.attempts,
    'lastError', CASE WHEN NEW.last_error_kind IS NULL THEN NULL
                      ELSE jsonb_build_object('kind', NEW.last_error_kind, 'message', NEW.last_error) END);
BEGIN
  INSERT INTO events (id, type, resource_kind, resource_id, contract_id, occurred_at, data)
  SELECT ponte_uuid_v7(), 'delivery.dead', 'delivery', NEW.id, NEW.contract_id, v_at, jsonb_build_object('delivery', v_delivery)
  UNION ALL
  SELECT ponte_uuid_v7(), 'sva_user.failed', 'sva_user', NEW.target_id, NEW.contract_id, v_at,
         jsonb_build_object('svaUser', jsonb_build_object('id', NEW.target_id, 'contractId', NEW.contract_id,
                                                          'platform', NEW.platform, 'integrationId', NEW.integration_id),
                            'delivery', v_delivery)
  WHERE NEW.target_kind = 'sva_user';
  RETURN NULL;
END
$$;

CREATE TRIGGER "integration_deliveries_tell_dead" AFTER UPDATE OF "status" ON "integration_deliveries"
FOR EACH ROW WHEN (NEW.status = 'dead' AND OLD.status IS DISTINCT FROM 'dead' AND NEW.target_kind <> 'webhook')
EXECUTE FUNCTION ponte_tell_dead_delivery();

-- A call's steps, as the PBX's events fold into it, told to frontends: started (its first events
-- folded), answered, ended. Folding is idempotent and converges, so each step is told once.
CREATE FUNCTION "ponte_tell_call"() RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_call JSONB := jsonb_build_object('call', jsonb_build_object(
    'id', NEW.id, 'pbxId', NEW.pbx_id, 'agentId', NEW.agent_id, 'direction', NEW.direction, 'from', NEW.from_number,
    'to', NEW.to_number, 'did', NEW.did, 'extension', NEW.extension, 'state', NEW.state, 'startedAt', NEW.started_at,
    'answeredAt', NEW.answered_at, 'endedAt', NEW.ended_at, 'durationSeconds', NEW.duration_seconds,
    'unanswered', NEW.unanswered, 'customerId', NEW.customer_id));
BEGIN
  INSERT INTO events (id, type, resource_kind, resource_id, contract_id, occurred_at, data)
  SELECT ponte_uuid_v7(), 'call.started', 'call', NEW.id, NULL::uuid, NEW.started_at, v_call WHERE OLD.folded_events = 0
  UNION ALL
  SELECT ponte_uuid_v7(), 'call.answered', 'call', NEW.id, NULL::uuid, NEW.answered_at, v_call
   WHERE NEW.answered_at IS NOT NULL AND OLD.answered_at IS NULL
  UNION ALL
  SELECT ponte_uuid_v7(), 'call.ended', 'call', NEW.id, NULL::uuid, NEW.ended_at, v_call
   WHERE NEW.ended_at IS NOT NULL AND OLD.ended_at IS NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "calls_tell" AFTER UPDATE ON "calls"
FOR EACH ROW WHEN (NEW.folded_events > 0 AND (OLD.folded_events = 0 OR NEW.answered_at IS DISTINCT FROM OLD.answered_at
                                              OR NEW.ended_at IS DISTINCT FROM OLD.ended_at))
EXECUTE FUNCTION ponte_tell_call();
