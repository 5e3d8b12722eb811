-- A PBX's call events in two statements, without a transaction held across them.
--
-- 1. ponte_keep_call_events: the call's row made by its first event (its agent the one the events'
--    extension names), the new events kept once, and every event the call has. NULL when the PBX
--    is gone; only the call's id when every event was heard before and its state is folded from
--    all of them. Each statement of a PL/pgSQL function reads with a snapshot of its own, so the
--    events read include whatever another call of it committed before.
-- 2. The state folded from those events is saved only over a state folded from fewer events
--    (folded_events): events are only ever added, so a fold of more events is a fold of a later,
--    larger set, and whatever order two folds of one call end in, the last state standing is the
--    fold of the most events. A state not saved (a failure between the two) shows as
--    folded_events below the count, and the next event, or the same one heard again, folds it.
ALTER TABLE "calls" ADD COLUMN "folded_events" INTEGER NOT NULL DEFAULT 0;
UPDATE "calls" c SET "folded_events" = (SELECT count(*) FROM "call_events" e WHERE e."call_id" = c."id");

CREATE FUNCTION "ponte_keep_call_events"(
  "p_id" UUID, "p_pbx_id" UUID, "p_external_id" TEXT, "p_agent_id" UUID, "p_extension" TEXT,
  "p_direction" TEXT, "p_started_at" TIMESTAMPTZ, "p_now" TIMESTAMPTZ, "p_events" JSONB
)
RETURNS JSONB
LANGUAGE plpgsql
AS $$
DECLARE
  v_agent_id UUID := "p_agent_id";
  v_call RECORD;
  v_added INTEGER;
  v_count INTEGER;
  v_events JSONB;
BEGIN
  IF v_agent_id IS NULL AND "p_extension" IS NOT NULL THEN
    SELECT a."id" INTO v_agent_id FROM "agents" a WHERE a."pbx_id" = "p_pbx_id" AND a."extension" = "p_extension";
  END IF;
  INSERT INTO "calls" ("id", "pbx_id", "external_id", "agent_id", "direction", "state", "started_at", "created_at", "updated_at")
  SELECT "p_id", "p_pbx_id", "p_external_id", v_agent_id, "p_direction", 'ringing', "p_started_at", "p_now", "p_now"
   WHERE EXISTS (SELECT 1 FROM "pbxs" WHERE "id" = "p_pbx_id")
  ON CONFLICT ("pbx_id", "external_id") DO UPDATE SET "updated_at" = "calls"."updated_at"
  RETURNING "calls"."id", "calls"."agent_id", "calls"."customer_id", "calls"."folded_events"
  INTO v_call;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;

  INSERT INTO "call_events" ("id", "call_id", "type", "direction", "from_number", "to_number", "did", "extension", "at", "fingerprint")
  SELECT e."id", v_call."id", e."type", e."direction", e."from", e."to", e."did", e."extension", e."at", e."fingerprint"
    FROM jsonb_to_recordset("p_events") AS e("id" UUID, "type" TEXT, "direction" TEXT, "from" TEXT, "to" TEXT, "did" TEXT, "extension" TEXT, "at" TIMESTAMPTZ, "fingerprint" TEXT)
  ON CONFLICT ("call_id", "fingerprint") DO NOTHING;
  GET DIAGNOSTICS v_added = ROW_COUNT;

  SELECT count(*), jsonb_agg(jsonb_build_object('type', ce."type", 'direction', ce."direction", 'from', ce."from_number", 'to', ce."to_number",
                                                'did', ce."did", 'extension', ce."extension", 'at', ce."at") ORDER BY ce."at", ce."id")
    INTO v_count, v_events
    FROM "call_events" ce WHERE ce."call_id" = v_call."id";
  IF v_added = 0 AND v_call."folded_events" >= v_count THEN
    RETURN jsonb_build_object('id', v_call."id", 'folded', true);
  END IF;
  RETURN jsonb_build_object('id', v_call."id", 'folded', false, 'count', v_count, 'agentId', COALESCE(v_call."agent_id", v_agent_id),
                            'customerId', v_call."customer_id", 'events', v_events);
END;
$$;
