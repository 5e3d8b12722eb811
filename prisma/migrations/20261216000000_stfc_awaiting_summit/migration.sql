-- A month Summit has not closed yet is not an integration error (README, STFC dashboard): the
-- billing item awaits Summit and is asked again until the month closes.
ALTER TABLE "stfc_billing_items" DROP CONSTRAINT "stfc_billing_items_state_check";
ALTER TABLE "stfc_billing_items" ADD CONSTRAINT "stfc_billing_items_state_check" CHECK ("state" IN ('pending', 'awaiting_summit', 'done', 'failed', 'skipped'));
-- Items failed only because the month was not closed (the message said so) await it again.
UPDATE "stfc_billing_items" SET "state" = 'awaiting_summit'
 WHERE "state" = 'failed' AND "message" LIKE 'Summit has not closed % yet%';
UPDATE "stfc_billing_batches" b SET "finished_at" = NULL
 WHERE EXISTS (SELECT 1 FROM "stfc_billing_items" i WHERE i."batch_id" = b."id" AND i."state" = 'awaiting_summit');
CREATE INDEX "stfc_billing_items_awaiting_idx" ON "stfc_billing_items" ("updated_at") WHERE "state" = 'awaiting_summit';
