-- Caller identification searches customers' other phones on every inbound call. With GIN's
-- fast update, new entries wait in a pending list that every search reads through until a vacuum
-- merges it (100,000 customers imported at once: 4 ms per search instead of 0.1 ms). Entries go
-- straight into the index instead, and whatever waits in the list is merged now.
ALTER INDEX "customers_phones_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('customers_phones_idx');
