-- One outbox for every partner: a delivery names its target (kind and id) instead of an SVA user,
-- and an effect need not belong to an integration.
ALTER TABLE "integration_deliveries" ADD COLUMN "target_kind" TEXT;
ALTER TABLE "integration_deliveries" ADD COLUMN "target_id" UUID;
UPDATE "integration_deliveries" SET "target_kind" = 'sva_user', "target_id" = "sva_user_id";
ALTER TABLE "integration_deliveries" ALTER COLUMN "target_kind" SET NOT NULL;
ALTER TABLE "integration_deliveries" ALTER COLUMN "target_id" SET NOT NULL;
ALTER TABLE "integration_deliveries" ALTER COLUMN "integration_id" DROP NOT NULL;
ALTER TABLE "integration_deliveries" DROP COLUMN "sva_user_id";
CREATE INDEX "integration_deliveries_target_kind_target_id_idx" ON "integration_deliveries" ("target_kind", "target_id");
