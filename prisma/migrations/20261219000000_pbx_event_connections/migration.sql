-- A PBX whose events come over a connection Ponte opens (Asterisk's ARI WebSocket): exactly one
-- process holds it, by a lease it renews; another takes the PBX over once the lease runs out
-- (docs/partners.md, "Event connections"). The row also says how the connection stands.
CREATE TABLE "pbx_event_connections" (
    "pbx_id" UUID NOT NULL,
    "holder" TEXT NOT NULL,
    "lease_until" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL,
    "last_error" TEXT,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pbx_event_connections_pkey" PRIMARY KEY ("pbx_id"),
    CONSTRAINT "pbx_event_connections_state_check" CHECK ("state" IN ('connecting', 'connected', 'down')),
    CONSTRAINT "pbx_event_connections_pbx_id_fkey" FOREIGN KEY ("pbx_id") REFERENCES "pbxs"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
