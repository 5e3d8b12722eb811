-- TeleCall mobile lines (MVNO) of contracts.
CREATE TABLE "mvno_lines" (
  "id" UUID NOT NULL,
  "contract_id" UUID NOT NULL REFERENCES "contracts" ("id"),
  "msisdn" TEXT NOT NULL,
  "iccid" TEXT NOT NULL,
  "plan" TEXT NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('pending', 'active', 'blocked_partial', 'blocked_total', 'cancelled')),
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "mvno_lines_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "mvno_lines_contract_id_idx" ON "mvno_lines" ("contract_id");
-- A number and a SIM card belong to one live line at a time.
CREATE UNIQUE INDEX "mvno_lines_msisdn_live_key" ON "mvno_lines" ("msisdn") WHERE "status" <> 'cancelled';
CREATE UNIQUE INDEX "mvno_lines_iccid_live_key" ON "mvno_lines" ("iccid") WHERE "status" <> 'cancelled';
