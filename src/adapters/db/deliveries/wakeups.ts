import { randomUUID } from 'node:crypto';
import type { DeliveryWakeups } from '../../../domain/ports/delivery-queue';
import type { Database } from '../database';

const CHANNEL = 'ponte_deliveries';

/**
 * Tells the dispatchers of every process that deliveries were queued, through PostgreSQL's
 * LISTEN/NOTIFY. The notice is sent after the commit, outside the transaction that queued the
 * work (a NOTIFY inside it would make every such commit wait on one server-wide lock), and
 * announcements made while one is on its way go out together as the next one. A lost notice costs
 * no more than the poll: the outbox, not the notice, holds the work.
 */
export function createDeliveryWakeups(
  db: Database,
  onError: (error: unknown) => void,
): DeliveryWakeups & { announce(): void } {
  const self = randomUUID();
  let sending = false;
  let again = false;
  const announce = () => {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    db.sql
      .query('SELECT pg_notify($1, $2)', [CHANNEL, self], { name: 'ponte_notify_deliveries' })
      .catch(onError)
      .finally(() => {
        sending = false;
        if (again) {
          again = false;
          announce();
        }
      });
  };
  return {
    announce,
    // Its own notices are left out: this process's dispatcher is woken directly.
    listen: (onWake) => db.listen(CHANNEL, (payload) => payload !== self && onWake()),
  };
}
