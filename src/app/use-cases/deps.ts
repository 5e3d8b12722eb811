import type { Clock } from '../../domain/ports/clock';
import type { IdGenerator } from '../../domain/ports/ids';
import type { Store } from '../../domain/ports/repositories';

/** What every use case may need; the composition root (src/app/build-app.ts) provides it. */
export interface UseCaseDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}
