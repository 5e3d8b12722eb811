import { randomBytes } from 'node:crypto';
import type { Bureau, BureauLogin, CreditCredentials, CreditIntegration } from '../../../domain/credit/credit';
import type { Page, PageRequest } from '../../../domain/ports/page';
import type { Repositories } from '../../../domain/ports/store';
import { changedFields } from '../../../domain/settings/integration-settings';
import { fail, ok, type FieldError, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { changeSettingsIn } from '../settings/settings';
import { checkUrl } from '../partners';

export interface CreditIntegrationInput {
  readonly description?: string | null;
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  readonly negativationUsername?: string;
  readonly negativationPassword?: string;
  readonly webhookSecret?: string;
  readonly active?: boolean;
}

/** A new integration, with the webhook secret Ponte made when none was given (shown once). */
export interface CreatedCreditIntegration {
  readonly integration: CreditIntegration;
  readonly webhookSecret: string | null;
}

export const openCreditCredentials = (deps: Pick<UseCaseDeps, 'secrets'>, sealed: string): CreditCredentials =>
  JSON.parse(deps.secrets.open(sealed)) as CreditCredentials;

/** Serasa alone keeps separate credentials for negativation; both fields come together. */
function negativationLogin(bureau: Bureau, input: CreditIntegrationInput): Result<BureauLogin | null | undefined> {
  const { negativationUsername: username, negativationPassword: password } = input;
  if (username === undefined && password === undefined) return ok(undefined);
  const errors: FieldError[] = [];
  if (bureau !== 'serasa') {
    for (const field of ['negativationUsername', 'negativationPassword'] as const)
      if (input[field] !== undefined)
        errors.push({ field, message: 'Only Serasa keeps separate negativation credentials.' });
  } else if (username === undefined || password === undefined) {
    errors.push({
      field: username === undefined ? 'negativationUsername' : 'negativationPassword',
      message: 'The negativation credentials come together.',
    });
  }
  return errors.length > 0
    ? fail('VALIDATION_FAILED', 'The negativation credentials do not fit.', errors)
    : ok({ username: username!, password: password! });
}

/**
 * Seed 000: "Utilizar integração com análise de crédito … é atualizado sempre que existe alteração
 * ou cadastro de integração de análise de crédito". Inside the caller's transaction, after the
 * integrations changed: on while an active integration exists, off otherwise (a change kept in
 * the settings' history under the caller's name).
 */
async function keepCreditAnalysisInStep(repos: Repositories, deps: UseCaseDeps, actor: string) {
  const enabled = (await repos.credit.activeIntegrations()).length > 0;
  const changed = await changeSettingsIn(
    repos,
    deps,
    (r) => r.settings,
    changedFields,
    async (current) =>
      ok(
        current.creditAnalysis.enabled === enabled
          ? current
          : { ...current, creditAnalysis: { ...current.creditAnalysis, enabled } },
      ),
    actor,
  );
  if (!changed.ok)
    throw new Error(`The credit-analysis switch could not follow its integrations: ${changed.error.message}`);
}

export function makeCreateCreditIntegration(deps: UseCaseDeps) {
  return async (
    input: CreditIntegrationInput & { bureau: Bureau; url: string; username: string; password: string },
    actor: string,
  ): Promise<Result<CreatedCreditIntegration>> => {
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    const negativation = negativationLogin(input.bureau, input);
    if (!negativation.ok) return negativation;
    const credentials: CreditCredentials = {
      consult: { username: input.username, password: input.password },
      negativation: negativation.value ?? null,
    };
    const made = input.webhookSecret === undefined ? randomBytes(24).toString('base64url') : null;
    const now = deps.clock.now();
    return deps.store.transaction(async (repos) => {
      const integration = await repos.credit.createIntegration({
        id: deps.ids.next(),
        bureau: input.bureau,
        description: input.description ?? null,
        url: input.url,
        active: input.active ?? true,
        sealedCredentials: deps.secrets.seal(JSON.stringify(credentials)),
        sealedWebhookSecret: deps.secrets.seal(input.webhookSecret ?? made!),
        authError: null,
        createdAt: now,
        updatedAt: now,
      });
      await keepCreditAnalysisInStep(repos, deps, actor);
      return ok({ integration, webhookSecret: made });
    });
  };
}

export function makeUpdateCreditIntegration(deps: UseCaseDeps) {
  return async (id: string, input: CreditIntegrationInput, actor: string): Promise<Result<CreditIntegration>> => {
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    if ((input.username === undefined) !== (input.password === undefined)) {
      return fail('VALIDATION_FAILED', 'The consult credentials come together.', [
        {
          field: input.username === undefined ? 'username' : 'password',
          message: 'Send username and password together.',
        },
      ]);
    }
    return deps.store.transaction(async (repos) => {
      const current = await repos.credit.findIntegration(id);
      if (!current) return fail('CREDIT_INTEGRATION_NOT_FOUND', 'Credit-analysis integration not found.');
      const negativation = negativationLogin(current.bureau, input);
      if (!negativation.ok) return negativation;
      const loginChanged = input.username !== undefined || negativation.value !== undefined;
      const opened = loginChanged ? openCreditCredentials(deps, current.sealedCredentials) : null;
      const credentials: CreditCredentials | null = opened && {
        consult:
          input.username !== undefined ? { username: input.username, password: input.password! } : opened.consult,
        negativation: negativation.value !== undefined ? negativation.value : opened.negativation,
      };
      const updated = await repos.credit.updateIntegration(
        id,
        {
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.webhookSecret !== undefined ? { sealedWebhookSecret: deps.secrets.seal(input.webhookSecret) } : {}),
          // New credentials clear the flag a refused call left.
          ...(credentials
            ? { sealedCredentials: deps.secrets.seal(JSON.stringify(credentials)), authError: null }
            : {}),
        },
        deps.clock.now(),
      );
      await keepCreditAnalysisInStep(repos, deps, actor);
      return updated ? ok(updated) : fail('CREDIT_INTEGRATION_NOT_FOUND', 'Credit-analysis integration not found.');
    });
  };
}

const withoutSecrets = ({
  sealedCredentials: _c,
  sealedWebhookSecret: _w,
  ...integration
}: { sealedCredentials: string; sealedWebhookSecret: string } & CreditIntegration): CreditIntegration => integration;

export function makeGetCreditIntegration({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<CreditIntegration>> => {
    const found = await store.credit.findIntegration(id);
    return found
      ? ok(withoutSecrets(found))
      : fail('CREDIT_INTEGRATION_NOT_FOUND', 'Credit-analysis integration not found.');
  };
}

export function makeListCreditIntegrations({ store }: UseCaseDeps) {
  return async (page: PageRequest): Promise<Result<Page<CreditIntegration>>> =>
    ok(await store.credit.listIntegrations(page));
}

export function makeDeleteCreditIntegration(deps: UseCaseDeps) {
  return (id: string, actor: string): Promise<Result<void>> =>
    deps.store.transaction(async (repos) => {
      const deleted = await repos.credit.deleteIntegration(id);
      if (!deleted.ok) return deleted;
      await keepCreditAnalysisInStep(repos, deps, actor);
      return ok(undefined);
    });
}
