import type { FastifyBaseLogger } from 'fastify';
import type { IdempotencyRepository } from '../domain/ports/repositories';

export interface MaintenanceTask {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<unknown>;
}

/** Runs periodic tasks (overdue cancellations, idempotency purge); a failing run is logged and tried next time. */
export function startMaintenance(tasks: readonly MaintenanceTask[], log: FastifyBaseLogger): () => void {
  const timers = tasks.map((task) =>
    setInterval(() => {
      task.run().then(
        (result) => log.debug({ task: task.name, result }, 'maintenance task done'),
        (error) => log.error({ err: error, task: task.name }, 'maintenance task failed'),
      );
    }, task.everyMs).unref(),
  );
  return () => timers.forEach(clearInterval);
}

const DAY_MS = 86_400_000;

export const idempotencyPurge = (store: IdempotencyRepository, now: () => Date): MaintenanceTask => ({
  name: 'idempotency-purge',
  everyMs: 60 * 60_000,
  run: () => store.purge(new Date(now().getTime() - DAY_MS)),
});
