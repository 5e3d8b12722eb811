-- Integrity: stored answers commit with their change; SVA users are subscriptions of their own;
-- skipped automatic creations are kept in the history.

-- An Idempotency-Key row is written in the transaction of the change it answers, with the answer:
-- a row without one can only be a claim left by a process that died, and means nothing.
DELETE FROM "idempotency_keys" WHERE "status_code" IS NULL;
ALTER TABLE "idempotency_keys" ALTER COLUMN "status_code" SET NOT NULL;
ALTER TABLE "idempotency_keys" DROP COLUMN "completed_at";

-- Seed 002: "somente um usuário por CPF e por contrato", per platform.
DROP INDEX "sva_users_contract_id_integration_id_document_key";
CREATE UNIQUE INDEX "sva_users_contract_id_platform_document_key" ON "sva_users"("contract_id", "platform", "document");
-- Seed 003: the EXA user name is the e-mail, unique on the platform: one live user per e-mail per integration.
CREATE UNIQUE INDEX "sva_users_exa_email_key" ON "sva_users"("integration_id", "email") WHERE "platform" = 'exa';
DROP INDEX "sva_users_integration_id_username_idx";
CREATE INDEX "sva_users_product_id_idx" ON "sva_users"("product_id");

-- Seed 003: "O pacote SVA Principal deve conter apenas o vínculo de um único produto."
CREATE UNIQUE INDEX "products_sva_integration_id_sva_package_key" ON "products"("sva_integration_id", "sva_package");
DROP INDEX "products_sva_integration_id_idx";

-- Why automatic creation skipped a product, kept with the event that skipped it.
ALTER TABLE "contract_events" ADD COLUMN "notices" JSONB NOT NULL DEFAULT '[]';
