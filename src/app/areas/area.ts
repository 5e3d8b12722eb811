import type { FastifyInstance } from 'fastify';
import type { Sandbox } from '../../adapters/sandbox/sandbox';
import type { EffectHandler } from '../../domain/ports/delivery-queue';
import type { StfcIntegrationRecord } from '../../domain/stfc/ports';
import type { SummitPlatform } from '../../domain/stfc/summit';
import type { Store } from '../../domain/ports/store';
import type { SvaIntegrationRecord, SvaPlatform } from '../../domain/sva/ports';
import type { SecretBox } from '../../domain/ports/secrets';
import type { IdGenerator } from '../../domain/ports/ids';
import type { TelecallPlatform } from '../../domain/mvno/ports';
import type { VoipPlatform } from '../../domain/voip/ports';
import type { ApiKeyVerifier } from '../http/auth';
import type { ContractEventFollower, UseCaseDeps } from '../use-cases/deps';

/** What an area's effect handlers may use: the store, the secrets and the partner clients. */
export interface PartnerWiring {
  readonly store: Store;
  readonly secrets: SecretBox;
  readonly ids: IdGenerator;
  readonly svaPlatformFor: (integration: SvaIntegrationRecord) => SvaPlatform;
  /** The softswitch of the SIP lines; null when none is configured. */
  readonly voipPlatform: () => VoipPlatform | null;
  /** TeleCall; null when it is not configured. */
  readonly telecallPlatform: () => TelecallPlatform | null;
  /** Summit through one of its integrations, with its credentials opened. */
  readonly summitFor: (integration: StfcIntegrationRecord) => SummitPlatform;
  readonly now: () => Date;
  /** What the use cases are built with, for handlers that apply their rules (negativations). */
  readonly deps: UseCaseDeps;
}

/** What an area's routes may use: its own use cases, and what every area shares. */
export interface RouteWiring<U = unknown> {
  readonly useCases: U;
  readonly verifier: ApiKeyVerifier;
  readonly sandbox: Sandbox | null;
  /** Throws when the database does not answer (readiness). */
  readonly ping: () => Promise<void>;
  /** Today in the provider's time zone (YYYY-MM-DD). */
  readonly today: () => string;
  /** Open event streams one API key may hold on this process. */
  readonly streamsPerKey: number;
}

/**
 * One area of Ponte (customers, contracts, SVA…), named alike in every layer: its routes and the
 * effect handlers of the target kinds it owns. The composition root lists areas.
 */
export interface Area<N extends string = string, U = unknown> {
  /** Its key among the app's use cases (`app.useCases.<name>`). */
  readonly name: N;
  /** The OpenAPI tags its operations are listed under, with what each holds. */
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  /** An example per named schema of its own (the OpenAPI document shows them). */
  readonly examples: Readonly<Record<string, unknown>>;
  /** Its use cases, built once with what every use case may need; its routes get them. */
  useCases(deps: UseCaseDeps): U;
  routes(http: FastifyInstance, wiring: RouteWiring<U>): void;
  effectHandlers?(wiring: PartnerWiring): readonly EffectHandler[];
  /** What follows a contract event on the area's targets, when it has any. */
  readonly contractEventFollower?: ContractEventFollower;
}

/** An area, its name and use cases kept as the types they are. */
export const defineArea = <N extends string, U>(area: Area<N, U>): Area<N, U> => area;
