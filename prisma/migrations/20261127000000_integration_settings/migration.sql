-- The general integration settings (one row) and every change to them: who, when, before, after.
CREATE TABLE "integration_settings" (
  "id" SMALLINT NOT NULL DEFAULT 1 CHECK ("id" = 1),
  "settings" JSONB NOT NULL,
  "version" INTEGER NOT NULL DEFAULT 0,
  "updated_at" TIMESTAMPTZ(3),
  "updated_by" TEXT,
  CONSTRAINT "integration_settings_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "integration_settings_changes" (
  "id" UUID NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL,
  "actor" TEXT NOT NULL,
  "before" JSONB NOT NULL,
  "after" JSONB NOT NULL,
  "changed" TEXT[] NOT NULL,
  CONSTRAINT "integration_settings_changes_pkey" PRIMARY KEY ("id")
);
