import type { FastifyInstance } from 'fastify';
import type { Sandbox } from '../../adapters/sandbox/sandbox';
import type { EffectHandler } from '../../domain/ports/delivery-queue';
import type { SecretBox } from '../../domain/ports/secrets';
import type { ApiKeyVerifier } from '../http/auth';
import type { PartnerHttp } from '../../adapters/partners/partner-http';
import type { Config } from '../config';
import type { GaugeSource, Metrics } from '../metrics';
import type { Store } from '../../domain/ports/store';
import type { ContractEventFollower, PartnerClients, UseCaseDeps } from '../use-cases/deps';

/** What an area's effect handlers may use: what the use cases are built with, and the time. */
export type PartnerWiring = UseCaseDeps & {
  readonly now: () => Date;
  /** The same, whole, for handlers that apply the use cases' rules (negativations). */
  readonly deps: UseCaseDeps;
};

/** What an area's partner clients are built with. */
export interface PartnerContext {
  readonly config: Config;
  readonly secrets: SecretBox;
  readonly http: PartnerHttp;
  /** Where the sandbox serves a platform (`sandboxUrl('voip')`), when SANDBOX is on; else null. Read when a client is built. */
  readonly sandboxUrl: (platform: string) => string | null;
}

/** Something an area keeps running; stopped when the app closes. */
export interface BackgroundService {
  readonly name: string;
  /** The name this process holds leases under, where the service holds any. */
  readonly holder?: string;
  start(): void;
  stop(): Promise<void>;
}

export interface BackgroundLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** What an area's routes may use: its own use cases, and what every area shares. */
export interface RouteWiring<U = unknown> {
  readonly useCases: U;
  readonly verifier: ApiKeyVerifier;
  readonly sandbox: Sandbox | null;
  /** Why this process cannot serve requests yet (still starting, database silent); null when it can. */
  readonly notReady: () => Promise<string | null>;
  /** Today in the provider's time zone (YYYY-MM-DD). */
  readonly today: () => string;
  /** Open event streams one API key may hold on this process. */
  readonly streamsPerKey: number;
  readonly metrics: Metrics;
}

/**
 * One area of Ponte (customers, contracts, SVA…), named alike in every layer: its routes and the
 * effect handlers of the target kinds it owns. The composition root lists areas.
 */
export interface Area<
  N extends string = string,
  U = unknown,
  P extends Partial<PartnerClients> = Partial<PartnerClients>,
> {
  /** Its key among the app's use cases (`app.useCases.<name>`). */
  readonly name: N;
  /** The OpenAPI tags its operations are listed under, with what each holds. */
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  /** An example per named schema of its own (the OpenAPI document shows them). */
  readonly examples: Readonly<Record<string, unknown>>;
  /** Its use cases, built once with what every use case may need; its routes get them. */
  useCases(deps: UseCaseDeps): U;
  routes(http: FastifyInstance, wiring: RouteWiring<U>): void;
  /** The clients of the partners it talks to. */
  partners?(context: PartnerContext): P;
  effectHandlers?(wiring: PartnerWiring): readonly EffectHandler[];
  /** Work the area keeps running in every process that starts it (main.ts, worker.ts): its connections to partners. */
  background?(deps: UseCaseDeps, log: BackgroundLog): BackgroundService;
  /**
   * Turns what the area writes for later (events) into deliveries, answering how many it queued;
   * every dispatcher runs it when new work is announced and at each poll.
   */
  deliveryFeed?(deps: UseCaseDeps): () => Promise<number>;
  /** What follows a contract event on the area's targets, when it has any. */
  readonly contractEventFollower?: ContractEventFollower;
  /** What operators watch of the area, read from the database at each scrape of /metrics. */
  gauges?(context: GaugeContext): readonly GaugeSource[];
}

export interface GaugeContext {
  readonly store: Store;
  readonly now: () => Date;
  /** Every kind of delivery target some area handles. */
  readonly targetKinds: readonly string[];
}

/** An area, its name and use cases kept as the types they are. */
export const defineArea = <N extends string, U, P extends Partial<PartnerClients> = Record<never, never>>(
  area: Area<N, U, P>,
): Area<N, U, P> => area;
