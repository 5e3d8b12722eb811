-- A contract is negativated only through a credit bureau (README, Credit analysis). Earlier the
-- events route accepted `negativate` on its own, leaving contracts negativated with no negativation
-- to remove and no event that leaves the state. Each such contract, held by no live (pending or
-- registered) negativation, goes back to cancelled as a removal would take it, with its history
-- line. Its SVA users and lines stay as they are: the contract stays closed.
WITH freed AS (
  UPDATE "contracts" AS c
     SET "status" = 'inactive', "access_status" = 'disabled', "version" = c."version" + 1, "updated_at" = now()
   WHERE c."status" = 'negativated'
     AND NOT EXISTS (SELECT 1 FROM "negativations" n WHERE n."contract_id" = c."id" AND n."state" IN ('pending', 'registered'))
  RETURNING c."id", c."access_status"
)
INSERT INTO "contract_events" ("id", "contract_id", "type", "mode", "reason", "actor", "status_before", "access_status_before", "status_after", "access_status_after", "notices", "at")
SELECT gen_random_uuid(), freed."id", 'remove_negativation', 'automatic',
       'Negativated without a credit bureau by an earlier version: no negativation holds it.',
       'system:migration', 'negativated', 'disabled', 'inactive', 'disabled', '[]', now()
  FROM freed;
