import type { FieldError } from '../../../domain/shared/result';
import type { Page, PageRequest, Repositories, SettingsChange, StoredSettings } from '../../../domain/ports/repositories';
import { applySettingsPatch, changedFields, type IntegrationSettings, type SettingsPatch } from '../../../domain/settings/integration-settings';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';

/** What the settings name must exist and fit: the VoIP default product is a product of type voip. */
async function referenceProblems(repos: Repositories, settings: IntegrationSettings): Promise<{ code: string; errors: FieldError[] } | null> {
  const productId = settings.voip.defaultProductId;
  if (productId !== null) {
    const product = await repos.products.findById(productId);
    if (!product) return { code: 'UNKNOWN_PRODUCT', errors: [{ field: 'voip/defaultProductId', message: 'No product has this id.' }] };
    if (product.type !== 'voip') return { code: 'PRODUCT_NOT_VOIP', errors: [{ field: 'voip/defaultProductId', message: `Must be a product of type voip; this one is of type ${product.type}.` }] };
  }
  if (settings.communicationChannel.defaultOpaSuiteIntegrationId !== null) {
    return {
      code: 'UNKNOWN_OPA_SUITE_INTEGRATION',
      errors: [{ field: 'communicationChannel/defaultOpaSuiteIntegrationId', message: 'No Opa! Suite integration is registered yet: only null is accepted.' }],
    };
  }
  return null;
}

const MESSAGES: Record<string, string> = {
  UNKNOWN_PRODUCT: 'The VoIP default product does not exist.',
  PRODUCT_NOT_VOIP: 'The VoIP default product must be of type voip.',
  UNKNOWN_OPA_SUITE_INTEGRATION: 'The default Opa! Suite integration does not exist.',
};

/**
 * Every change goes through here: under the settings' lock, the new settings are computed from the
 * current ones, their references checked, and stored with who, when, before and after. A change
 * that changes nothing is not recorded.
 */
function makeChangeSettings({ store, clock, ids }: UseCaseDeps) {
  return (compute: (current: IntegrationSettings) => IntegrationSettings, actor: string): Promise<Result<StoredSettings>> =>
    store.transaction(async (repos) => {
      const current = await repos.settings.getForUpdate();
      const next = compute(current.settings);
      const problem = await referenceProblems(repos, next);
      if (problem) return fail(problem.code, MESSAGES[problem.code]!, problem.errors);
      const changed = changedFields(current.settings, next);
      if (changed.length === 0) return ok(current);
      const change: SettingsChange = { id: ids.next(), at: clock.now(), actor, before: current.settings, after: next, changed };
      return ok(await repos.settings.save(change, current.version + 1));
    });
}

export function makeGetIntegrationSettings({ store }: UseCaseDeps) {
  return async (): Promise<Result<StoredSettings>> => ok(await store.settings.get());
}

export function makeReplaceIntegrationSettings(deps: UseCaseDeps) {
  const change = makeChangeSettings(deps);
  return (settings: IntegrationSettings, actor: string) => change(() => settings, actor);
}

export function makeUpdateIntegrationSettings(deps: UseCaseDeps) {
  const change = makeChangeSettings(deps);
  return (patch: SettingsPatch, actor: string) => change((current) => applySettingsPatch(current, patch), actor);
}

export function makeListSettingsHistory({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<SettingsChange>>> => ok(await store.settings.history(page));
}
