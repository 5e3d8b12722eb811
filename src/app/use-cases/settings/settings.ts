import type { ErrorCode } from '../../../domain/errors';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import type { SettingsChange, SettingsRepository, StoredSettings } from '../../../domain/settings/ports';
import {
  applySettingsPatch,
  changedFields,
  type IntegrationSettings,
  type SettingsPatch,
} from '../../../domain/settings/integration-settings';
import { fail, ok, type FieldError, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { forgetRecentSettings } from './recent-settings';

/** What each reference the settings make answers when it does not hold. */
const MESSAGES = {
  UNKNOWN_PRODUCT: 'The VoIP default product does not exist.',
  PRODUCT_NOT_VOIP: 'The VoIP default product must be of type voip.',
  UNKNOWN_OPA_SUITE_INTEGRATION: 'The default Opa! Suite integration does not exist.',
} satisfies Partial<Record<ErrorCode, string>>;

/** What the settings name must exist and fit: the VoIP default product is a product of type voip. */
async function referenceProblems(
  repos: Repositories,
  settings: IntegrationSettings,
): Promise<{ code: keyof typeof MESSAGES; errors: FieldError[] } | null> {
  const productId = settings.voip.defaultProductId;
  if (productId !== null) {
    const product = await repos.products.findById(productId);
    if (!product)
      return {
        code: 'UNKNOWN_PRODUCT',
        errors: [{ field: 'voip/defaultProductId', message: 'No product has this id.' }],
      };
    if (product.type !== 'voip')
      return {
        code: 'PRODUCT_NOT_VOIP',
        errors: [
          {
            field: 'voip/defaultProductId',
            message: `Must be a product of type voip; this one is of type ${product.type}.`,
          },
        ],
      };
  }
  const channel = settings.communicationChannel.defaultOpaSuiteIntegrationId;
  if (channel !== null && !(await repos.opaSuite.findIntegration(channel))) {
    return {
      code: 'UNKNOWN_OPA_SUITE_INTEGRATION',
      errors: [
        {
          field: 'communicationChannel/defaultOpaSuiteIntegrationId',
          message: 'No Opa! Suite integration has this id.',
        },
      ],
    };
  }
  return null;
}

/**
 * A change of a kind of settings inside the caller's transaction: under the settings' lock, the
 * new settings are computed from the current ones (and checked), then stored with who, when,
 * before and after. A change that changes nothing is not recorded.
 */
export async function changeSettingsIn<T>(
  repos: Repositories,
  { store, clock, ids }: Pick<UseCaseDeps, 'store' | 'clock' | 'ids'>,
  of: (repos: Repositories) => SettingsRepository<T>,
  changedFields: (before: T, after: T) => string[],
  compute: (current: T, repos: Repositories) => Promise<Result<T>>,
  actor: string,
): Promise<Result<StoredSettings<T>>> {
  const settings = of(repos);
  const current = await settings.getForUpdate();
  const next = await compute(current.settings, repos);
  if (!next.ok) return next;
  const changed = changedFields(current.settings, next.value);
  if (changed.length === 0) return ok(current);
  const change: SettingsChange<T> = {
    id: ids.next(),
    at: clock.now(),
    actor,
    before: current.settings,
    after: next.value,
    changed,
  };
  const saved = await settings.save(change, current.version + 1);
  store.afterCommit(() => forgetRecentSettings(store));
  return ok(saved);
}

/** Every change of a kind of settings goes through here, in a transaction of its own (see changeSettingsIn). */
export function makeChangeSettings<T>(
  deps: UseCaseDeps,
  of: (repos: Repositories) => SettingsRepository<T>,
  changedFields: (before: T, after: T) => string[],
) {
  return (
    compute: (current: T, repos: Repositories) => Promise<Result<T>>,
    actor: string,
  ): Promise<Result<StoredSettings<T>>> =>
    deps.store.transaction((repos) => changeSettingsIn(repos, deps, of, changedFields, compute, actor));
}

/** The integration settings, checked for their references. */
function makeChangeIntegrationSettings(deps: UseCaseDeps) {
  const change = makeChangeSettings(deps, (repos) => repos.settings, changedFields);
  return (compute: (current: IntegrationSettings) => IntegrationSettings, actor: string) =>
    change(async (current, repos) => {
      const next = compute(current);
      const problem = await referenceProblems(repos, next);
      return problem ? fail(problem.code, MESSAGES[problem.code], problem.errors) : ok(next);
    }, actor);
}

export function makeGetIntegrationSettings({ store }: UseCaseDeps) {
  return async (): Promise<Result<StoredSettings>> => ok(await store.settings.get());
}

export function makeReplaceIntegrationSettings(deps: UseCaseDeps) {
  const change = makeChangeIntegrationSettings(deps);
  // A request written before the PBX section existed leaves it as it is.
  return (settings: Omit<IntegrationSettings, 'pbx'> & { pbx?: IntegrationSettings['pbx'] }, actor: string) =>
    change((current) => ({ ...settings, pbx: settings.pbx ?? current.pbx }), actor);
}

export function makeUpdateIntegrationSettings(deps: UseCaseDeps) {
  const change = makeChangeIntegrationSettings(deps);
  return (patch: SettingsPatch, actor: string) => change((current) => applySettingsPatch(current, patch), actor);
}

export function makeListSettingsHistory({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<SettingsChange>>> => ok(await store.settings.history(page));
}
