-- Foundation: API keys, customers, products, contracts with their items and history, idempotency.

CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

CREATE TABLE "customers" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "document_type" TEXT NOT NULL CHECK ("document_type" IN ('cpf', 'cnpj')),
    "email" TEXT,
    "mobile_phone" TEXT,
    "phones" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "address" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "customers_document_key" ON "customers"("document");
CREATE INDEX "customers_mobile_phone_idx" ON "customers"("mobile_phone");

CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL CHECK ("type" IN ('internet', 'sva', 'voip', 'mvno', 'stfc')),
    "price_cents" INTEGER NOT NULL CHECK ("price_cents" >= 0),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "contracts" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "description" TEXT,
    "billing_day" INTEGER CHECK ("billing_day" BETWEEN 1 AND 28),
    "status" TEXT NOT NULL CHECK ("status" IN ('pre_contract', 'active', 'inactive', 'negativated', 'withdrawn')),
    "access_status" TEXT NOT NULL CHECK ("access_status" IN ('active', 'disabled', 'manual_block', 'automatic_block', 'late_payment', 'awaiting_signature')),
    "version" INTEGER NOT NULL DEFAULT 0,
    "activated_at" TIMESTAMPTZ(3),
    "blocked_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contracts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "contracts_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "contracts_customer_id_idx" ON "contracts"("customer_id");
CREATE INDEX "contracts_status_access_status_idx" ON "contracts"("status", "access_status");

CREATE TABLE "contract_items" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "price_cents" INTEGER NOT NULL CHECK ("price_cents" >= 0),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contract_items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "contract_items_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "contract_items_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "contract_items_contract_id_idx" ON "contract_items"("contract_id");
CREATE INDEX "contract_items_product_id_idx" ON "contract_items"("product_id");

CREATE TABLE "contract_events" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "mode" TEXT NOT NULL CHECK ("mode" IN ('manual', 'automatic')),
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "status_before" TEXT NOT NULL,
    "access_status_before" TEXT NOT NULL,
    "status_after" TEXT NOT NULL,
    "access_status_after" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "contract_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "contract_events_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "contract_events_contract_id_at_idx" ON "contract_events"("contract_id", "at");

CREATE TABLE "idempotency_keys" (
    "api_key_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("api_key_id", "key"),
    CONSTRAINT "idempotency_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");
