-- STFC dashboard (seed 001): what the billing rules need on contracts, Summit integrations and
-- services, one-off values, zero-billing events, billing batches and the imported call records.

ALTER TABLE "contracts"
  ADD COLUMN "approved" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "approved_at" TIMESTAMPTZ(3),
  ADD COLUMN "billing_start" DATE,
  ADD COLUMN "billing_end" DATE,
  ADD CONSTRAINT "contracts_billing_validity_check" CHECK ("billing_start" IS NULL OR "billing_end" IS NULL OR "billing_end" >= "billing_start");

CREATE TABLE "stfc_integrations" (
    "id" UUID NOT NULL,
    "description" TEXT,
    "url" TEXT NOT NULL,
    "sealed_credentials" TEXT NOT NULL,
    "auth_error" TEXT,
    "auth_error_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "stfc_integrations_pkey" PRIMARY KEY ("id")
);

-- The Summit telephony service of a contract: a product of type stfc on it. Removing the product
-- marks the service deleted; it stays for the history (and its calls).
CREATE TABLE "stfc_services" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "contract_item_id" UUID,
    "integration_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "status" TEXT NOT NULL CHECK ("status" IN ('pending', 'active')),
    "provisioned_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "stfc_services_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stfc_services_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT,
    -- Checked at commit: a service is written before the item that sells it, so that a refused service writes nothing.
    CONSTRAINT "stfc_services_contract_item_id_fkey" FOREIGN KEY ("contract_item_id") REFERENCES "contract_items"("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT "stfc_services_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "stfc_integrations"("id") ON DELETE RESTRICT
);
-- One live Summit service per contract, and a number on one live service only.
CREATE UNIQUE INDEX "stfc_services_live_contract_key" ON "stfc_services"("contract_id") WHERE "deleted_at" IS NULL;
CREATE UNIQUE INDEX "stfc_services_live_number_key" ON "stfc_services"("number") WHERE "deleted_at" IS NULL;
CREATE INDEX "stfc_services_integration_id_idx" ON "stfc_services"("integration_id");

-- Valor eventual: an amount for one competence, linked to the Summit service or not.
CREATE TABLE "one_off_values" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "stfc_service_id" UUID,
    "competence" TEXT NOT NULL CHECK ("competence" ~ '^\d{4}-(0[1-9]|1[0-2])$'),
    "amount_cents" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "one_off_values_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "one_off_values_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT,
    CONSTRAINT "one_off_values_stfc_service_id_fkey" FOREIGN KEY ("stfc_service_id") REFERENCES "stfc_services"("id") ON DELETE RESTRICT
);
CREATE INDEX "one_off_values_contract_id_competence_idx" ON "one_off_values"("contract_id", "competence");

-- Evento de faturamento zerado: for one competence, or for every one when competence is null.
CREATE TABLE "zero_billing_events" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "competence" TEXT CHECK ("competence" ~ '^\d{4}-(0[1-9]|1[0-2])$'),
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "zero_billing_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "zero_billing_events_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT
);
CREATE INDEX "zero_billing_events_contract_id_idx" ON "zero_billing_events"("contract_id");

CREATE INDEX "charges_contract_id_competence_idx" ON "charges"("contract_id", "competence");

-- Gerar Cobrança: one batch per request, one item per contract; an item done is the contract billed
-- for the competence (once: the partial unique index), with its charge. Each pending item is
-- processed by an outbox delivery, which holds its tries, lease and next attempt.
CREATE TABLE "stfc_billing_batches" (
    "id" UUID NOT NULL,
    "competence" TEXT NOT NULL CHECK ("competence" ~ '^\d{4}-(0[1-9]|1[0-2])$'),
    "total" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "stfc_billing_batches_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "stfc_billing_items" (
    "id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "competence" TEXT NOT NULL,
    "state" TEXT NOT NULL CHECK ("state" IN ('pending', 'done', 'failed', 'skipped')),
    "message" TEXT,
    "charge_id" UUID,
    "calls_imported" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "stfc_billing_items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stfc_billing_items_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "stfc_billing_batches"("id") ON DELETE RESTRICT,
    CONSTRAINT "stfc_billing_items_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT,
    CONSTRAINT "stfc_billing_items_charge_id_fkey" FOREIGN KEY ("charge_id") REFERENCES "charges"("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "stfc_billing_items_batch_id_contract_id_key" ON "stfc_billing_items"("batch_id", "contract_id");
CREATE UNIQUE INDEX "stfc_billing_items_billed_key" ON "stfc_billing_items"("contract_id", "competence") WHERE "state" = 'done';

-- Calls imported from Summit, once each (Summit's call id, per contract).
CREATE TABLE "call_records" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "competence" TEXT NOT NULL,
    "call_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "origin" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "duration_seconds" INTEGER NOT NULL,
    "billed_seconds" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "batch_id" UUID,
    "imported_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "call_records_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "call_records_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "call_records_contract_id_call_id_key" ON "call_records"("contract_id", "call_id");
CREATE INDEX "call_records_contract_id_competence_idx" ON "call_records"("contract_id", "competence", "id");
