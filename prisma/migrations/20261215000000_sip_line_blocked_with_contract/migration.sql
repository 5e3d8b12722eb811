-- A SIP line remembers whether its contract's block put it there (README, VoIP SIP lines): such a
-- line is released with the contract whatever "block lines with the contract" says by then; a line
-- an operator blocked stays blocked. Lines blocked today on a blocked contract are taken to have
-- followed it, which is what the rule did to them.
ALTER TABLE "sip_lines" ADD COLUMN "blocked_with_contract" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sip_lines" ADD CONSTRAINT "sip_lines_blocked_with_contract_check" CHECK (NOT "blocked_with_contract" OR "status" = 'blocked');
UPDATE "sip_lines" AS l SET "blocked_with_contract" = true
  FROM "contracts" AS c
 WHERE c."id" = l."contract_id" AND l."status" = 'blocked' AND c."access_status" IN ('manual_block', 'automatic_block');
