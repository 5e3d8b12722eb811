import type { Clock } from '../../domain/ports/clock';
import type { IdGenerator } from '../../domain/ports/ids';
import type { CreditIntegrationRecord, CreditBureau } from '../../domain/credit/ports';
import type { OpaSuiteIntegrationRecord, OpaSuitePlatform } from '../../domain/notifications/ports';
import type { Store } from '../../domain/ports/store';
import type { SvaIntegrationRecord, SvaPlatform } from '../../domain/sva/ports';
import type { PbxPlatform } from '../../domain/pbx/ports';
import type { PbxRecord } from '../../domain/pbx/records';
import type { SecretBox } from '../../domain/ports/secrets';
import type { DecidedEvent, TargetPolicy } from '../../domain/contracts/ports';
import type { Repositories } from '../../domain/ports/store';
import type { IntegrationSettings } from '../../domain/settings/integration-settings';
import type { Notice } from '../../domain/shared/notice';

/**
 * What an area makes follow contract events (docs/architecture.md, "Areas"): each area that has
 * one registers it in its module, and the contract use cases run them all without naming any.
 */
export interface ContractEventFollower {
  /** The policy table its targets move by, under the settings of the moment: written with the events in one statement. */
  readonly targetPolicy?: (settings: IntegrationSettings) => TargetPolicy;
  /**
   * What else follows once the events are stored, in the same transaction: answers how many
   * partner effects it queued, and what it left undone, by the id of the event it follows.
   */
  readonly afterEvents?: (
    repos: Repositories,
    deps: UseCaseDeps,
    changed: readonly DecidedEvent[],
    now: Date,
    settings: IntegrationSettings,
  ) => Promise<{ readonly queued: number; readonly notices?: ReadonlyMap<string, readonly Notice[]> }>;
}

/** What every use case may need; the composition root (src/app/build-app.ts) provides it. */
export interface UseCaseDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secrets: SecretBox;
  /** The platform client for an integration, with its credentials opened. */
  readonly svaPlatformFor: (integration: SvaIntegrationRecord) => SvaPlatform;
  /** Called after a transaction that queued partner effects has committed. */
  readonly effectsQueued: () => void;
  /** Why a URL cannot be a partner's (scheme, internal address), or null when it can (docs/security.md). */
  readonly partnerUrlProblem: (url: string) => Promise<string | null>;
  /** The bureau client of a credit-analysis integration, with its credentials opened; null for a bureau Ponte does not speak to. */
  readonly creditBureauFor: (integration: CreditIntegrationRecord) => CreditBureau | null;
  /** Opa! Suite through one of its integrations, with its token opened. */
  readonly opaSuiteFor: (integration: OpaSuiteIntegrationRecord) => OpaSuitePlatform;
  /** The client of a PBX, with its credentials opened. */
  readonly pbxFor: (pbx: PbxRecord) => PbxPlatform;
  /** Days a bureau's raw answer to a consult is kept. */
  readonly creditRawRetentionDays: number;
  /** The provider's time zone: the days due dates and the overdue policy count in. */
  readonly timeZone: string;
  /** What follows contract events, as the areas register it, in the areas' order. */
  readonly contractEventFollowers: readonly ContractEventFollower[];
}
