-- Credit analysis (seed 000): bureau integrations, consults kept with who asked and why (LGPD),
-- and negativations of overdue charges.

CREATE TABLE "credit_integrations" (
    "id" UUID NOT NULL,
    "bureau" TEXT NOT NULL CHECK ("bureau" IN ('serasa', 'spc', 'boa_vista', 'quod')),
    "description" TEXT,
    "url" TEXT NOT NULL,
    "sealed_credentials" TEXT NOT NULL,
    -- The secret the bureau presents on its webhook calls, sealed.
    "sealed_webhook_secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "auth_error" TEXT,
    "auth_error_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "credit_integrations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "credit_consultations" (
    "id" UUID NOT NULL,
    "integration_id" UUID REFERENCES "credit_integrations" ("id") ON DELETE SET NULL,
    "bureau" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "document_type" TEXT NOT NULL CHECK ("document_type" IN ('cpf', 'cnpj')),
    "purpose" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL CHECK ("status" IN ('completed', 'failed')),
    "name" TEXT,
    "registration_status" TEXT,
    "score" INTEGER,
    "restrictions" JSONB NOT NULL DEFAULT '[]',
    -- The bureau's own answer, kept only until raw_expires_at.
    "raw" JSONB,
    "raw_expires_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "consulted_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "credit_consultations_pkey" PRIMARY KEY ("id")
);
-- The consult-interval guard reads the latest completed consult of a document.
CREATE INDEX "credit_consultations_document_idx" ON "credit_consultations" ("document", "consulted_at" DESC) WHERE "status" = 'completed';
CREATE INDEX "credit_consultations_raw_expires_at_idx" ON "credit_consultations" ("raw_expires_at") WHERE "raw" IS NOT NULL;

CREATE TABLE "negativations" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL REFERENCES "contracts" ("id"),
    "charge_id" UUID NOT NULL REFERENCES "charges" ("id"),
    "integration_id" UUID NOT NULL REFERENCES "credit_integrations" ("id"),
    "bureau" TEXT NOT NULL,
    "state" TEXT NOT NULL CHECK ("state" IN ('pending', 'registered', 'failed', 'removed')),
    -- The bureau's id of the debt (Serasa's transactionId), once the request reached it.
    "request_id" TEXT,
    "message" TEXT,
    "amount_cents" INTEGER NOT NULL CHECK ("amount_cents" > 0),
    "due_date" DATE NOT NULL,
    "actor" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "removed_at" TIMESTAMPTZ(3),
    "removal_confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "negativations_pkey" PRIMARY KEY ("id")
);
-- One live negativation per charge.
CREATE UNIQUE INDEX "negativations_live_charge_key" ON "negativations" ("charge_id") WHERE "state" IN ('pending', 'registered');
CREATE UNIQUE INDEX "negativations_request_key" ON "negativations" ("integration_id", "request_id");
CREATE INDEX "negativations_contract_id_idx" ON "negativations" ("contract_id", "id");
