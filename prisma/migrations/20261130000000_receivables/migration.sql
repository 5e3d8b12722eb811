-- Receivables: charges on contracts and the payments that settle them.
CREATE TABLE "charges" (
  "id" UUID NOT NULL,
  "contract_id" UUID NOT NULL REFERENCES "contracts" ("id"),
  "amount_cents" INTEGER NOT NULL CHECK ("amount_cents" > 0),
  "paid_cents" INTEGER NOT NULL DEFAULT 0,
  "due_date" DATE NOT NULL,
  "competence" TEXT NOT NULL CHECK ("competence" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  "description" TEXT,
  "status" TEXT NOT NULL CHECK ("status" IN ('open', 'paid', 'cancelled')),
  "paid_at" TIMESTAMPTZ(3),
  "cancelled_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "charges_pkey" PRIMARY KEY ("id"),
  -- Payments add up to the amount at most; a paid charge is paid in full.
  CONSTRAINT "charges_paid_cents_check" CHECK ("paid_cents" >= 0 AND "paid_cents" <= "amount_cents"),
  CONSTRAINT "charges_paid_in_full_check" CHECK ("status" <> 'paid' OR "paid_cents" = "amount_cents")
);
CREATE INDEX "charges_contract_id_idx" ON "charges" ("contract_id", "id");
-- The overdue policy reads open charges by due date.
CREATE INDEX "charges_open_due_date_idx" ON "charges" ("due_date", "contract_id") WHERE "status" = 'open';

CREATE TABLE "charge_payments" (
  "id" UUID NOT NULL,
  "charge_id" UUID NOT NULL REFERENCES "charges" ("id"),
  "amount_cents" INTEGER NOT NULL CHECK ("amount_cents" > 0),
  "paid_at" TIMESTAMPTZ(3) NOT NULL,
  "recorded_at" TIMESTAMPTZ(3) NOT NULL,
  "actor" TEXT NOT NULL,
  CONSTRAINT "charge_payments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "charge_payments_charge_id_idx" ON "charge_payments" ("charge_id");

-- Trust release ("desbloqueio de confiança"): the day the policy may block the contract again,
-- and when it was given in the current overdue cycle (null once the debt is cleared).
ALTER TABLE "contracts" ADD COLUMN "trust_release_ends_on" DATE;
ALTER TABLE "contracts" ADD COLUMN "trust_released_at" TIMESTAMPTZ(3);

-- The overdue policy (one row) and every change to it.
CREATE TABLE "overdue_policy_settings" (
  "id" SMALLINT NOT NULL DEFAULT 1 CHECK ("id" = 1),
  "settings" JSONB NOT NULL,
  "version" INTEGER NOT NULL DEFAULT 0,
  "updated_at" TIMESTAMPTZ(3),
  "updated_by" TEXT,
  CONSTRAINT "overdue_policy_settings_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "overdue_policy_changes" (
  "id" UUID NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL,
  "actor" TEXT NOT NULL,
  "before" JSONB NOT NULL,
  "after" JSONB NOT NULL,
  "changed" TEXT[] NOT NULL,
  CONSTRAINT "overdue_policy_changes_pkey" PRIMARY KEY ("id")
);

-- Every run of the overdue policy, with what it did.
CREATE TABLE "overdue_runs" (
  "id" UUID NOT NULL,
  "as_of" DATE NOT NULL,
  "trigger" TEXT NOT NULL CHECK ("trigger" IN ('schedule', 'api')),
  "actor" TEXT NOT NULL,
  "started_at" TIMESTAMPTZ(3) NOT NULL,
  "finished_at" TIMESTAMPTZ(3) NOT NULL,
  "policy" JSONB NOT NULL,
  "late_payments_reported" INTEGER NOT NULL,
  "blocked" INTEGER NOT NULL,
  "cancelled" INTEGER NOT NULL,
  "rejected" INTEGER NOT NULL,
  CONSTRAINT "overdue_runs_pkey" PRIMARY KEY ("id")
);
