-- PBX / CTI (seed 004): the PBXs, the agents at their extensions, the calls heard from the PBXs'
-- events (each event kept once), traffic sources by DDR and the contacts opened from calls.

CREATE TABLE "pbxs" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL CHECK ("type" IN ('digitro', 'planetfone', 'forip', 'asterisk')),
    "description" TEXT,
    "address" TEXT,
    "port" INTEGER CHECK ("port" BETWEEN 1 AND 65535),
    "account" TEXT,
    "route" TEXT,
    "easy_call_record" JSONB,
    "ari_url" TEXT,
    "username" TEXT,
    "sealed_credentials" TEXT NOT NULL,
    -- What the PBX presents on its event calls, sealed.
    "sealed_event_secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "pbxs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "agents" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "pbx_id" UUID NOT NULL REFERENCES "pbxs" ("id"),
    "extension" TEXT NOT NULL,
    "sealed_password" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "agents_pbx_id_extension_key" ON "agents" ("pbx_id", "extension");

CREATE TABLE "traffic_sources" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ddr" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "traffic_sources_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "traffic_sources_ddr_key" ON "traffic_sources" ("ddr");

CREATE TABLE "calls" (
    "id" UUID NOT NULL,
    "pbx_id" UUID NOT NULL REFERENCES "pbxs" ("id"),
    -- The PBX's id of the call.
    "external_id" TEXT NOT NULL,
    "agent_id" UUID REFERENCES "agents" ("id") ON DELETE SET NULL,
    "direction" TEXT NOT NULL CHECK ("direction" IN ('inbound', 'outbound')),
    "from_number" TEXT,
    "to_number" TEXT,
    "did" TEXT,
    "extension" TEXT,
    "state" TEXT NOT NULL CHECK ("state" IN ('ringing', 'answered', 'ended')),
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "duration_seconds" INTEGER NOT NULL DEFAULT 0,
    "unanswered" BOOLEAN NOT NULL DEFAULT false,
    "transfers" JSONB NOT NULL DEFAULT '[]',
    "customer_id" UUID REFERENCES "customers" ("id") ON DELETE SET NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "calls_pbx_id_external_id_key" ON "calls" ("pbx_id", "external_id");
CREATE INDEX "calls_started_at_idx" ON "calls" ("started_at", "id");

CREATE TABLE "call_events" (
    "id" UUID NOT NULL,
    "call_id" UUID NOT NULL REFERENCES "calls" ("id") ON DELETE CASCADE,
    "type" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "from_number" TEXT,
    "to_number" TEXT,
    "did" TEXT,
    "extension" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    -- The same event heard twice is kept once.
    "fingerprint" TEXT NOT NULL,
    CONSTRAINT "call_events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "call_events_call_id_fingerprint_key" ON "call_events" ("call_id", "fingerprint");

CREATE TABLE "contacts" (
    "id" UUID NOT NULL,
    "call_id" UUID REFERENCES "calls" ("id"),
    "customer_id" UUID REFERENCES "customers" ("id") ON DELETE SET NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT,
    "traffic_source_id" UUID REFERENCES "traffic_sources" ("id"),
    -- Set from the DDR the customer dialed: it cannot be changed.
    "traffic_source_fixed" BOOLEAN NOT NULL DEFAULT false,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);
-- At most one contact per call.
CREATE UNIQUE INDEX "contacts_call_id_key" ON "contacts" ("call_id");

-- What each agent's screen is told (extension status, calls with their matches), in order; a
-- stream resumes after the last id it saw (Last-Event-ID). Kept a day.
CREATE TABLE "agent_stream_events" (
    "id" BIGSERIAL NOT NULL,
    "agent_id" UUID NOT NULL REFERENCES "agents" ("id") ON DELETE CASCADE,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "agent_stream_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "agent_stream_events_agent_id_id_idx" ON "agent_stream_events" ("agent_id", "id");
CREATE INDEX "agent_stream_events_at_idx" ON "agent_stream_events" ("at");
