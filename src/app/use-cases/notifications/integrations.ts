import type { OpaSuiteCredentials, OpaSuiteIntegration } from '../../../domain/notifications/opa-suite';
import type { OpaSuiteTemplate, OpaSuiteIntegrationRecord } from '../../../domain/notifications/ports';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import { changedFields } from '../../../domain/settings/integration-settings';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { changeSettingsIn } from '../settings/settings';
import { checkUrl, partnerFailure } from '../partners';

export interface OpaSuiteIntegrationInput {
  readonly description?: string | null;
  readonly url?: string;
  readonly token?: string;
  readonly channelId?: string;
}

export const openOpaSuiteCredentials = (
  deps: Pick<UseCaseDeps, 'secrets'>,
  record: OpaSuiteIntegrationRecord,
): OpaSuiteCredentials => JSON.parse(deps.secrets.open(record.sealedCredentials)) as OpaSuiteCredentials;

const withoutCredentials = ({
  sealedCredentials: _sealed,
  ...integration
}: OpaSuiteIntegrationRecord): OpaSuiteIntegration => integration;

const notFound = () => fail('OPA_SUITE_INTEGRATION_NOT_FOUND', 'Opa! Suite integration not found.');

/**
 * Seed 000, "Canais de comunicação": the first Opa! Suite integration becomes the default channel
 * when none is set (a change kept in the settings history under the caller's name).
 */
async function defaultWhenNone(repos: Repositories, deps: UseCaseDeps, id: string, actor: string) {
  const changed = await changeSettingsIn(
    repos,
    deps,
    (r) => r.settings,
    changedFields,
    async (current) =>
      ok(
        current.communicationChannel.defaultOpaSuiteIntegrationId !== null
          ? current
          : { ...current, communicationChannel: { defaultOpaSuiteIntegrationId: id } },
      ),
    actor,
  );
  if (!changed.ok) throw new Error(`The default channel could not be set: ${changed.error.message}`);
}

export function makeCreateOpaSuiteIntegration(deps: UseCaseDeps) {
  return async (
    input: OpaSuiteIntegrationInput & { url: string; token: string; channelId: string },
    actor: string,
  ): Promise<Result<OpaSuiteIntegration>> => {
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    const now = deps.clock.now();
    return deps.store.transaction(async (repos) => {
      const integration = await repos.opaSuite.createIntegration({
        id: deps.ids.next(),
        description: input.description ?? null,
        url: input.url,
        channelId: input.channelId.toLowerCase(),
        sealedCredentials: deps.secrets.seal(JSON.stringify({ token: input.token } satisfies OpaSuiteCredentials)),
        authError: null,
        createdAt: now,
        updatedAt: now,
      });
      await defaultWhenNone(repos, deps, integration.id, actor);
      return ok(integration);
    });
  };
}

export function makeUpdateOpaSuiteIntegration(deps: UseCaseDeps) {
  return async (id: string, input: OpaSuiteIntegrationInput): Promise<Result<OpaSuiteIntegration>> => {
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    const updated = await deps.store.opaSuite.updateIntegration(
      id,
      {
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.channelId !== undefined ? { channelId: input.channelId.toLowerCase() } : {}),
        // A new token (Opa! Suite regenerated it) clears the flag the refused one left.
        ...(input.token !== undefined
          ? {
              sealedCredentials: deps.secrets.seal(
                JSON.stringify({ token: input.token } satisfies OpaSuiteCredentials),
              ),
              authError: null,
            }
          : {}),
      },
      deps.clock.now(),
    );
    return updated ? ok(updated) : notFound();
  };
}

export function makeGetOpaSuiteIntegration({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<OpaSuiteIntegration>> => {
    const found = await store.opaSuite.findIntegration(id);
    return found ? ok(withoutCredentials(found)) : notFound();
  };
}

export function makeListOpaSuiteIntegrations({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<OpaSuiteIntegration>>> =>
    ok(await store.opaSuite.listIntegrations(page));
}

/** The default channel cannot be deleted: the settings name another one (or none) first. */
export function makeDeleteOpaSuiteIntegration({ store }: UseCaseDeps) {
  return (id: string): Promise<Result<void>> =>
    store.transaction(async (repos) => {
      const { settings } = await repos.settings.getForUpdate();
      if (settings.communicationChannel.defaultOpaSuiteIntegrationId === id) {
        return fail(
          'OPA_SUITE_INTEGRATION_IN_USE',
          'This is the default communication channel (settings communicationChannel.defaultOpaSuiteIntegrationId): name another one, or null, first.',
        );
      }
      return (await repos.opaSuite.deleteIntegration(id)) ? ok(undefined) : notFound();
    });
}

/** The templates the tenant has, read live from Opa! Suite (to pick the ids of the notification templates). */
export function makeListOpaSuiteTemplates(deps: UseCaseDeps) {
  return async (id: string): Promise<Result<readonly OpaSuiteTemplate[]>> => {
    const integration = await deps.store.opaSuite.findIntegration(id);
    if (!integration) return notFound();
    try {
      return ok(await deps.opaSuiteFor(integration).listTemplates());
    } catch (error) {
      return partnerFailure(error);
    }
  };
}
