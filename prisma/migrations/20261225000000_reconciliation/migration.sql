-- Reconciliation (docs/reconciliation.md): runs that read what each partner platform holds,
-- compare it with what Ponte decided, and list (plan) or queue the effects that repair (repair)
-- every difference found.

CREATE TABLE "reconciliation_runs" (
  "id" UUID NOT NULL PRIMARY KEY,
  "mode" TEXT NOT NULL CHECK ("mode" IN ('plan', 'repair')),
  -- Only this kind of target, or this integration, when set.
  "target_kind" TEXT CHECK ("target_kind" IN ('sva_user', 'mvno_line', 'sip_line', 'stfc_service')),
  "integration_id" TEXT,
  "remove_extra" BOOLEAN NOT NULL DEFAULT false,
  "trigger" TEXT NOT NULL CHECK ("trigger" IN ('api', 'schedule')),
  -- The provider's day a scheduled plan was made for: one a day, whichever process starts it.
  "scheduled_for" DATE,
  "actor" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'queued' CHECK ("status" IN ('queued', 'running', 'finished', 'failed')),
  -- The process running it and until when it counts as alive; a run whose lease ran out is taken again.
  "holder" TEXT,
  "lease_until" TIMESTAMPTZ(3),
  -- What it has done so far: targets compared, platform calls made, integrations read of those to read.
  "progress" JSONB NOT NULL DEFAULT '{}',
  -- Findings by target kind and kind, and how many were repaired.
  "counts" JSONB NOT NULL DEFAULT '{}',
  "error" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "started_at" TIMESTAMPTZ(3),
  "finished_at" TIMESTAMPTZ(3)
);
CREATE INDEX "reconciliation_runs_status_idx" ON "reconciliation_runs" ("status", "created_at");
CREATE INDEX "reconciliation_runs_created_idx" ON "reconciliation_runs" ("created_at", "id");
CREATE UNIQUE INDEX "reconciliation_runs_scheduled_for_key" ON "reconciliation_runs" ("scheduled_for") WHERE "trigger" = 'schedule';

CREATE TABLE "reconciliation_findings" (
  "id" UUID NOT NULL PRIMARY KEY,
  "run_id" UUID NOT NULL REFERENCES "reconciliation_runs" ("id") ON DELETE CASCADE,
  -- The order findings were made in: the order they are listed in.
  "seq" BIGSERIAL NOT NULL,
  "kind" TEXT NOT NULL CHECK ("kind" IN ('missing', 'extra', 'status', 'attribute', 'unknown')),
  "target_kind" TEXT NOT NULL,
  -- Ponte's resource (the SVA user, the line); null for a subscription Ponte does not have.
  "target_id" UUID,
  -- The id Ponte sends the platform for the subscription.
  "reference" TEXT NOT NULL,
  "contract_id" UUID,
  "integration_id" TEXT NOT NULL,
  "platform" TEXT NOT NULL,
  "desired" JSONB,
  "actual" JSONB,
  -- What a repair does (the effects it queues, in order), or why it does nothing.
  "repair" JSONB NOT NULL,
  -- For a repair run: queued (the deliveries), skipped (and why), or null when nothing is done for it.
  "outcome" JSONB
);
CREATE INDEX "reconciliation_findings_run_idx" ON "reconciliation_findings" ("run_id", "seq");
