-- Caller identification looks a number up in every customer's other phones: an index on them.
CREATE INDEX "customers_phones_idx" ON "customers" USING GIN ("phones");
