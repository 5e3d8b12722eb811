-- Dígitro sends events only to a subscription, which expires after 900 s unless renewed.
ALTER TABLE "pbxs" ADD COLUMN "subscription_id" TEXT, ADD COLUMN "subscription_expires_at" TIMESTAMPTZ(3);
