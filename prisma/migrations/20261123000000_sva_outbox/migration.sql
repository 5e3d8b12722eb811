-- SVA platforms (Saber+, EXA): integrations, SVA products, SVA users, and the outbox of partner effects.

CREATE TABLE "sva_integrations" (
    "id" UUID NOT NULL,
    "platform" TEXT NOT NULL CHECK ("platform" IN ('saber_plus', 'exa')),
    "description" TEXT,
    "url" TEXT,
    "auto_create_users" BOOLEAN NOT NULL DEFAULT false,
    -- AES-256-GCM sealed JSON ({"token"} or {"prefix"}); never leaves the server in clear.
    "sealed_credentials" TEXT NOT NULL,
    "auth_error_at" TIMESTAMPTZ(3),
    "auth_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sva_integrations_pkey" PRIMARY KEY ("id")
);
-- Seed 002: "O sistema permite o cadastro de apenas uma integração Saber+."
CREATE UNIQUE INDEX "sva_integrations_one_saber_plus" ON "sva_integrations"("platform") WHERE "platform" = 'saber_plus';

ALTER TABLE "products" ADD COLUMN "sva_integration_id" UUID;
ALTER TABLE "products" ADD COLUMN "sva_package" TEXT;
ALTER TABLE "products" ADD CONSTRAINT "products_sva_integration_id_fkey" FOREIGN KEY ("sva_integration_id") REFERENCES "sva_integrations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "products" ADD CONSTRAINT "products_sva_fields" CHECK (
    ("type" = 'sva') = ("sva_integration_id" IS NOT NULL) AND ("sva_integration_id" IS NULL) = ("sva_package" IS NULL)
);
CREATE INDEX "products_sva_integration_id_idx" ON "products"("sva_integration_id");

CREATE TABLE "sva_users" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "platform" TEXT NOT NULL CHECK ("platform" IN ('saber_plus', 'exa')),
    "product_id" UUID NOT NULL,
    "package_code" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "document_type" TEXT NOT NULL CHECK ("document_type" IN ('cpf', 'cnpj')),
    "username" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT NOT NULL,
    "mobile_phone" TEXT NOT NULL,
    "sealed_password" TEXT,
    "status" TEXT NOT NULL CHECK ("status" IN ('active', 'blocked', 'deactivated')),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sva_users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sva_users_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "sva_users_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "sva_integrations"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "sva_users_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Seed 002: one user per CPF per contract ("CPF já cadastrado").
CREATE UNIQUE INDEX "sva_users_contract_id_integration_id_document_key" ON "sva_users"("contract_id", "integration_id", "document");
CREATE INDEX "sva_users_integration_id_username_idx" ON "sva_users"("integration_id", "username");

-- The outbox: partner effects written in the same transaction as the state that caused them.
-- Rows sharing an ordering_key (one partner user) are applied in seq order.
CREATE TABLE "integration_deliveries" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "integration_id" UUID NOT NULL,
    "contract_id" UUID,
    "sva_user_id" UUID,
    "action" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'succeeded', 'dead')),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_token" UUID,
    "leased_until" TIMESTAMPTZ(3),
    "last_error_kind" TEXT,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "integration_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "integration_deliveries_idempotency_key_key" ON "integration_deliveries"("idempotency_key");
CREATE UNIQUE INDEX "integration_deliveries_seq_key" ON "integration_deliveries"("seq");
-- The dispatcher's scan: unfinished rows only, in order.
CREATE INDEX "integration_deliveries_open_idx" ON "integration_deliveries"("next_attempt_at", "seq") WHERE "status" = 'pending';
CREATE INDEX "integration_deliveries_ordering_idx" ON "integration_deliveries"("ordering_key", "seq") WHERE "status" <> 'succeeded';
CREATE INDEX "integration_deliveries_contract_id_idx" ON "integration_deliveries"("contract_id");
CREATE INDEX "integration_deliveries_status_idx" ON "integration_deliveries"("status", "id");
