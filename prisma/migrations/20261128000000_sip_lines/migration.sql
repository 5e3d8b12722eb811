-- SIP lines (ramais SIP) of contracts on the provider's softswitch.
CREATE TABLE "sip_lines" (
  "id" UUID NOT NULL,
  "contract_id" UUID NOT NULL REFERENCES "contracts" ("id"),
  "extension" TEXT NOT NULL,
  "number" TEXT NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('active', 'blocked', 'cancelled')),
  "sealed_password" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "sip_lines_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sip_lines_contract_id_idx" ON "sip_lines" ("contract_id");
-- An extension and a number belong to one live line at a time.
CREATE UNIQUE INDEX "sip_lines_extension_live_key" ON "sip_lines" ("extension") WHERE "status" <> 'cancelled';
CREATE UNIQUE INDEX "sip_lines_number_live_key" ON "sip_lines" ("number") WHERE "status" <> 'cancelled';
