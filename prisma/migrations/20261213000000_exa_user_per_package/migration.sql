-- Every EXA product of a contract gets its own user (README, SVA platforms).
-- "One user per CPF per contract" is Saber+'s rule only; on EXA a user holds one package, so the
-- contract has one user per EXA product, and one customer's e-mail may hold several packages of an
-- integration. That the e-mail belongs to one person is checked by the repository under a lock.
DROP INDEX "sva_users_contract_id_platform_document_key";
DROP INDEX "sva_users_exa_email_key";
CREATE UNIQUE INDEX "sva_users_saber_plus_document_key" ON "sva_users"("contract_id", "document") WHERE "platform" = 'saber_plus';
CREATE UNIQUE INDEX "sva_users_exa_product_key" ON "sva_users"("contract_id", "product_id") WHERE "platform" = 'exa';
CREATE INDEX "sva_users_integration_id_email_idx" ON "sva_users"("integration_id", "email") WHERE "platform" = 'exa';
