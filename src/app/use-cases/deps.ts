import type { Clock } from '../../domain/ports/clock';
import type { TelecallPlatform } from '../../domain/mvno/ports';
import type { StfcIntegrationRecord } from '../../domain/stfc/ports';
import type { SummitPlatform } from '../../domain/stfc/summit';
import type { VoipPlatform } from '../../domain/voip/ports';
import type { IdGenerator } from '../../domain/ports/ids';
import type { CreditIntegrationRecord, CreditBureau } from '../../domain/credit/ports';
import type { OpaSuiteIntegrationRecord, OpaSuitePlatform } from '../../domain/notifications/ports';
import type { Store } from '../../domain/ports/store';
import type { SvaIntegrationRecord, SvaPlatform } from '../../domain/sva/ports';
import type { PbxPlatform } from '../../domain/pbx/ports';
import type { PbxRecord } from '../../domain/pbx/records';
import type { WebhookSender } from '../../domain/webhooks/ports';
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

/**
 * The partners' clients, each built by the area that talks to that partner (its module's
 * `partners`), with the credentials of the integration or PBX opened.
 */
export interface PartnerClients {
  /** The platform client of an SVA integration. */
  readonly svaPlatformFor: (integration: SvaIntegrationRecord) => SvaPlatform;
  /** The softswitch of the SIP lines; null when none is configured. */
  readonly voipPlatform: () => VoipPlatform | null;
  /** TeleCall; null when it is not configured. */
  readonly telecallPlatform: () => TelecallPlatform | null;
  /** Summit through one of its integrations. */
  readonly summitFor: (integration: StfcIntegrationRecord) => SummitPlatform;
  /** The bureau client of a credit-analysis integration; null for a bureau Ponte does not speak to. */
  readonly creditBureauFor: (integration: CreditIntegrationRecord) => CreditBureau | null;
  /** Opa! Suite through one of its integrations. */
  readonly opaSuiteFor: (integration: OpaSuiteIntegrationRecord) => OpaSuitePlatform;
  /** The client of a PBX. */
  readonly pbxFor: (pbx: PbxRecord) => PbxPlatform;
  /** Sends signed webhook messages to the endpoints frontends register. */
  readonly webhookSender: WebhookSender;
}

/** What every use case may need; the composition root (src/app/build-app.ts) provides it. */
export interface UseCaseDeps extends PartnerClients {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secrets: SecretBox;
  /** Called after a transaction that queued partner effects has committed. */
  readonly effectsQueued: () => void;
  /** Why a URL cannot be a partner's (scheme, internal address), or null when it can (docs/security.md). */
  readonly partnerUrlProblem: (url: string) => Promise<string | null>;
  /** The longest a partner call can take (connect and answer): how long a synchronous call holds its place. */
  readonly partnerCallMs: number;
  /** Days a bureau's raw answer to a consult is kept. */
  readonly creditRawRetentionDays: number;
  /** The waits between a webhook delivery's attempts (docs/webhooks.md). */
  readonly webhookRetryScheduleMs: readonly number[];
  /** When the nightly reconciliation plan starts (HH:MM, provider's time zone); null: never on its own. */
  readonly reconciliationPlanAt: string | null;
  /** The provider's time zone: the days due dates and the overdue policy count in. */
  readonly timeZone: string;
  /** What follows contract events, as the areas register it, in the areas' order. */
  readonly contractEventFollowers: readonly ContractEventFollower[];
}
