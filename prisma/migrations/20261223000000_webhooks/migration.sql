-- Outbound webhooks (docs/webhooks.md): the endpoints frontends register, the events Ponte keeps
-- for 30 days, and every attempt to deliver one. Deliveries themselves are outbox rows of target
-- kind 'webhook' (the event's id), whose integration is the endpoint.

CREATE TABLE "webhook_endpoints" (
  "id" UUID NOT NULL PRIMARY KEY,
  "url" TEXT NOT NULL,
  "description" TEXT,
  -- Every event type when true; otherwise only those in event_types.
  "all_events" BOOLEAN NOT NULL,
  "event_types" TEXT[] NOT NULL DEFAULT '{}',
  "enabled" BOOLEAN NOT NULL DEFAULT true,
  "disabled_reason" TEXT,
  "disabled_at" TIMESTAMPTZ(3),
  -- The signing secrets, sealed: the one in force, and the one it replaced while both sign.
  "sealed_secret" TEXT NOT NULL,
  "sealed_previous_secret" TEXT,
  "previous_secret_until" TIMESTAMPTZ(3),
  -- Whether the key that registered it may see customers' personal data: payloads are masked as for that key.
  "sees_personal_data" BOOLEAN NOT NULL,
  "created_by" TEXT NOT NULL,
  -- It receives the events written after it was made (or enabled again): those past this seq.
  "from_event_seq" BIGINT NOT NULL DEFAULT 0,
  -- Since when every attempt has failed (null after a success): five days of it disable the endpoint.
  "failing_since" TIMESTAMPTZ(3),
  "version" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL
);

CREATE TABLE "events" (
  "id" UUID NOT NULL PRIMARY KEY,
  -- The order events were written in: the order they are listed and delivered in.
  "seq" BIGSERIAL NOT NULL UNIQUE,
  "type" TEXT NOT NULL,
  "resource_kind" TEXT NOT NULL,
  "resource_id" UUID NOT NULL,
  "contract_id" UUID,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL,
  "data" JSONB NOT NULL,
  -- Whether its deliveries to the endpoints that want it are queued yet (ponte_fan_out_events).
  "fanned_out" BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX "events_resource_id_seq_idx" ON "events" ("resource_id", "seq");
CREATE INDEX "events_contract_id_seq_idx" ON "events" ("contract_id", "seq");
CREATE INDEX "events_unfanned_idx" ON "events" ("seq") WHERE NOT "fanned_out";

CREATE TABLE "webhook_attempts" (
  "id" UUID NOT NULL PRIMARY KEY,
  "endpoint_id" UUID NOT NULL REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE,
  "delivery_id" UUID NOT NULL,
  "event_id" UUID NOT NULL,
  "attempt" INTEGER NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL,
  "status_code" INTEGER,
  "duration_ms" INTEGER NOT NULL,
  "response_head" TEXT,
  "error" TEXT,
  "succeeded" BOOLEAN NOT NULL
);
CREATE INDEX "webhook_attempts_delivery_id_idx" ON "webhook_attempts" ("delivery_id", "attempt");
CREATE INDEX "webhook_attempts_endpoint_id_idx" ON "webhook_attempts" ("endpoint_id");
CREATE INDEX "webhook_attempts_at_idx" ON "webhook_attempts" ("at");

-- An endpoint's deliveries in the order they were queued, for its delivery log.
CREATE INDEX "integration_deliveries_webhook_idx" ON "integration_deliveries" ("integration_id", "seq")
  WHERE "target_kind" = 'webhook';
