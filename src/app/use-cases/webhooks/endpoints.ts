import { randomBytes } from 'node:crypto';
import { ROTATION_OVERLAP_MS, type WebhookEndpointRecord } from '../../../domain/webhooks/endpoint';
import type { EventType } from '../../../domain/webhooks/events';
import type { Page, PageRequest } from '../../../domain/ports/page';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { checkUrl } from '../partners';

/** A signing secret as the Standard Webhooks specification serialises it: `whsec_` and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const NOT_FOUND = () => fail('WEBHOOK_ENDPOINT_NOT_FOUND', 'Webhook endpoint not found.');

export interface EndpointInput {
  readonly url: string;
  readonly description?: string | null;
  /** Absent or null: every event type, present and future. */
  readonly eventTypes?: readonly EventType[] | null;
  readonly enabled?: boolean;
}

/** An endpoint with its secret, shown once: at creation or rotation. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpointRecord;
  readonly secret: string;
}

const distinct = (types: readonly EventType[]) => [...new Set(types)];

export function makeCreateWebhookEndpoint(deps: UseCaseDeps) {
  const { store, clock, ids, secrets } = deps;
  return async (
    input: EndpointInput,
    by: { readonly name: string; readonly seesPersonalData: boolean },
  ): Promise<Result<EndpointWithSecret>> => {
    const allowed = await checkUrl(deps, input.url);
    if (!allowed.ok) return allowed;
    const secret = newSecret();
    const now = clock.now();
    // It receives the events written from now on (docs/webhooks.md).
    const endpoint = await store.transaction((repos) =>
      repos.webhookEndpoints.create({
        id: ids.next(),
        url: input.url,
        description: input.description ?? null,
        allEvents: !input.eventTypes,
        eventTypes: input.eventTypes ? distinct(input.eventTypes) : [],
        enabled: input.enabled ?? true,
        disabledReason: input.enabled === false ? 'Disabled by an operator.' : null,
        disabledAt: input.enabled === false ? now : null,
        secret: secrets.seal(secret),
        previousSecret: null,
        previousSecretUntil: null,
        seesPersonalData: by.seesPersonalData,
        createdBy: by.name,
        failingSince: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return ok({ endpoint, secret });
  };
}

export function makeGetWebhookEndpoint({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<WebhookEndpointRecord>> => {
    const endpoint = await store.webhookEndpoints.findById(id);
    return endpoint ? ok(endpoint) : NOT_FOUND();
  };
}

export function makeListWebhookEndpoints({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<WebhookEndpointRecord>>> =>
    ok(await store.webhookEndpoints.list(page));
}

export function makeUpdateWebhookEndpoint(deps: UseCaseDeps) {
  const { store, clock } = deps;
  return async (id: string, changes: Partial<EndpointInput>): Promise<Result<WebhookEndpointRecord>> => {
    const allowed = await checkUrl(deps, changes.url);
    if (!allowed.ok) return allowed;
    return store.transaction(async (repos) => {
      const current = await repos.webhookEndpoints.lockById(id);
      if (!current) return NOT_FOUND();
      const types = changes.eventTypes;
      return ok(
        await repos.webhookEndpoints.update(
          id,
          {
            ...(changes.url !== undefined ? { url: changes.url } : {}),
            ...(changes.description !== undefined ? { description: changes.description } : {}),
            ...(types !== undefined ? { allEvents: types === null, eventTypes: types ? distinct(types) : [] } : {}),
            ...(changes.enabled !== undefined && changes.enabled !== current.enabled
              ? { enabled: changes.enabled }
              : {}),
          },
          clock.now(),
        ),
      );
    });
  };
}

export function makeDeleteWebhookEndpoint({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<void>> =>
    store.transaction(async (repos) => ((await repos.webhookEndpoints.delete(id)) ? ok(undefined) : NOT_FOUND()));
}

/**
 * A new signing secret, shown once; the one it replaces keeps signing for 24 hours, so receivers
 * can switch over without refusing a message (docs/webhooks.md).
 */
export function makeRotateWebhookSecret({ store, clock, secrets }: UseCaseDeps) {
  return async (id: string): Promise<Result<EndpointWithSecret>> =>
    store.transaction(async (repos) => {
      if (!(await repos.webhookEndpoints.lockById(id))) return NOT_FOUND();
      const secret = newSecret();
      const now = clock.now();
      const endpoint = await repos.webhookEndpoints.rotateSecret(
        id,
        secrets.seal(secret),
        new Date(now.getTime() + ROTATION_OVERLAP_MS),
        now,
      );
      return ok({ endpoint, secret });
    });
}
