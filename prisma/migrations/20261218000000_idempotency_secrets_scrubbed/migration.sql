-- A secret Ponte makes is shown once, at creation (README, API conventions): stored answers of
-- Idempotency-Keys no longer keep it, and those stored before keep it no more.
UPDATE "idempotency_keys" SET "response_body" = jsonb_set("response_body", '{webhookSecret}', 'null')
 WHERE jsonb_typeof("response_body") = 'object' AND jsonb_typeof("response_body"->'webhookSecret') = 'string';
UPDATE "idempotency_keys" SET "response_body" = jsonb_set("response_body", '{eventSecret}', 'null')
 WHERE jsonb_typeof("response_body") = 'object' AND jsonb_typeof("response_body"->'eventSecret') = 'string';
