-- Customer notifications through Opa! Suite: integrations, the template of each event (kept like
-- settings, with their history), the notifications sent, and when a charge's overdue notice went.

CREATE TABLE "opa_suite_integrations" (
    "id" UUID NOT NULL,
    "description" TEXT,
    "url" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "sealed_credentials" TEXT NOT NULL,
    "auth_error" TEXT,
    "auth_error_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "opa_suite_integrations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notification_templates" (
    "id" SMALLINT NOT NULL DEFAULT 1 CHECK ("id" = 1),
    "settings" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3),
    "updated_by" TEXT,
    CONSTRAINT "notification_templates_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notification_template_changes" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "changed" TEXT[] NOT NULL,
    CONSTRAINT "notification_template_changes_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL REFERENCES "contracts" ("id") ON DELETE CASCADE,
    "charge_id" UUID REFERENCES "charges" ("id"),
    "event" TEXT NOT NULL,
    "integration_id" UUID REFERENCES "opa_suite_integrations" ("id") ON DELETE SET NULL,
    "template_id" TEXT NOT NULL,
    "phone" TEXT,
    "variables" JSONB NOT NULL,
    "status" TEXT NOT NULL CHECK ("status" IN ('pending', 'sent', 'failed', 'skipped')),
    "message_id" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notifications_contract_id_idx" ON "notifications" ("contract_id", "id");

ALTER TABLE "charges" ADD COLUMN "overdue_notified_at" TIMESTAMPTZ(3);
