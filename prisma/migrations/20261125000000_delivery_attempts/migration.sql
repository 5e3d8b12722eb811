-- Deliveries keep their past: every attempt's outcome is kept, attempts only grow, and an
-- operator's retry gives a fresh budget of tries without forgetting the earlier ones.
ALTER TABLE "integration_deliveries" ADD COLUMN "attempts_before_retry" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "integration_delivery_attempts" (
  "delivery_id" UUID NOT NULL REFERENCES "integration_deliveries" ("id") ON DELETE CASCADE,
  "attempt" INTEGER NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL,
  "outcome" TEXT NOT NULL CHECK ("outcome" IN ('succeeded', 'retryable', 'rejected', 'auth')),
  "message" TEXT,
  CONSTRAINT "integration_delivery_attempts_pkey" PRIMARY KEY ("delivery_id", "attempt")
);
