-- Anatel's RGC in force is Resolução nº 765/2023 (README, The overdue policy): no suspension
-- without a notice of the debt actually sent. Notices sent by another channel than Opa! Suite
-- are recorded here (those sent through Opa! Suite are notifications of the overdue_notice event).
CREATE TABLE "overdue_notices" (
  "id" UUID NOT NULL,
  "contract_id" UUID NOT NULL REFERENCES "contracts" ("id"),
  "charge_id" UUID NOT NULL REFERENCES "charges" ("id"),
  "channel" TEXT NOT NULL CHECK ("channel" IN ('letter', 'invoice', 'email', 'sms', 'other')),
  "sent_at" TIMESTAMPTZ(3) NOT NULL,
  "content" TEXT NOT NULL,
  "actor" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "overdue_notices_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "overdue_notices_contract_id_idx" ON "overdue_notices" ("contract_id");
CREATE INDEX "overdue_notices_charge_id_idx" ON "overdue_notices" ("charge_id");
CREATE INDEX "notifications_overdue_notice_idx" ON "notifications" ("charge_id") WHERE "event" = 'overdue_notice';

-- A policy kept on the replaced preset (Resolução nº 632/2014) moves to the one in force, with its
-- change in the policy history. Its stage days are the new preset's: the suspension 15 days after
-- the notice sent, the rescission 60 days after the suspension began; no partial suspension.
WITH old AS (
  SELECT "settings" FROM "overdue_policy_settings" WHERE "id" = 1 AND "settings"->>'preset' = 'anatel_rgc_632_2014'
), moved AS (
  UPDATE "overdue_policy_settings" s
     SET "settings" = s."settings" || '{"preset": "anatel_rgc_765_2023", "reportLatePaymentAfterDays": null, "blockAfterDays": 15, "cancelAfterDays": 60}'::jsonb,
         "version" = s."version" + 1, "updated_at" = now(), "updated_by" = 'system:migration'
   WHERE s."id" = 1 AND s."settings"->>'preset' = 'anatel_rgc_632_2014'
  RETURNING s."settings"
)
INSERT INTO "overdue_policy_changes" ("id", "at", "actor", "before", "after", "changed")
SELECT gen_random_uuid(), now(), 'system:migration', old."settings", moved."settings",
       ARRAY['preset', 'reportLatePaymentAfterDays', 'blockAfterDays', 'cancelAfterDays']
  FROM old, moved;
