import type { Page, PageRequest } from '../../../domain/ports/page';
import type { SvaIntegrationRecord } from '../../../domain/sva/ports';
import type { SecretBox } from '../../../domain/ports/secrets';
import type { SvaPackage } from '../../../domain/sva/ports';
import { fail, ok, type FieldError, type Result } from '../../../domain/shared/result';
import type { SvaCredentials, SvaIntegration, SvaPlatformName } from '../../../domain/sva/sva';
import type { UseCaseDeps } from '../deps';
import { checkUrl, partnerFailure } from '../partners';

export interface SvaIntegrationInput {
  readonly platform?: SvaPlatformName;
  readonly description?: string | null;
  readonly token?: string;
  readonly url?: string;
  readonly prefix?: string;
  readonly autoCreateUsers?: boolean;
}

/** Saber+ takes a token; EXA a URL and a prefix (seeds 002, 003). Fields of the other platform are refused. */
function fieldsFor(
  platform: SvaPlatformName,
  input: SvaIntegrationInput,
  creating: boolean,
): Result<{ credentials: SvaCredentials | null }> {
  const errors: FieldError[] = [];
  const foreign = platform === 'saber_plus' ? (['url', 'prefix', 'autoCreateUsers'] as const) : (['token'] as const);
  for (const field of foreign)
    if (input[field] !== undefined)
      errors.push({ field, message: `Not a ${platform === 'saber_plus' ? 'Saber+' : 'EXA'} setting.` });
  const required = platform === 'saber_plus' ? (['token'] as const) : (['url', 'prefix'] as const);
  if (creating)
    for (const field of required)
      if (input[field] === undefined) errors.push({ field, message: 'Required for this platform.' });
  if (errors.length > 0) return fail('VALIDATION_FAILED', 'Some fields are not valid.', errors);
  const credentials =
    input.token !== undefined ? { token: input.token } : input.prefix !== undefined ? { prefix: input.prefix } : null;
  return ok({ credentials });
}

export function makeCreateSvaIntegration(deps: UseCaseDeps) {
  const { store, clock, ids, secrets } = deps;
  return async (input: SvaIntegrationInput & { platform: SvaPlatformName }): Promise<Result<SvaIntegration>> => {
    const fields = fieldsFor(input.platform, input, true);
    if (!fields.ok) return fields;
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    const now = clock.now();
    return store.svaIntegrations.create({
      id: ids.next(),
      platform: input.platform,
      description: input.description ?? null,
      url: input.url ?? null,
      autoCreateUsers: input.autoCreateUsers ?? false,
      sealedCredentials: secrets.seal(JSON.stringify(fields.value.credentials)),
      authError: null,
      createdAt: now,
      updatedAt: now,
    });
  };
}

export function makeUpdateSvaIntegration(deps: UseCaseDeps) {
  const { store, clock, secrets } = deps;
  return async (id: string, input: SvaIntegrationInput): Promise<Result<SvaIntegration>> => {
    const current = await store.svaIntegrations.findById(id);
    if (!current) return fail('SVA_INTEGRATION_NOT_FOUND', 'SVA integration not found.');
    // Seed 002: after saving, the platform field is disabled for good.
    if (input.platform !== undefined && input.platform !== current.platform) {
      return fail(
        'SVA_INTEGRATION_PLATFORM_IMMUTABLE',
        `The platform of an integration cannot change (it is '${current.platform}'); only the description and credentials can.`,
        [{ field: 'platform', message: 'Cannot change after creation.' }],
      );
    }
    const fields = fieldsFor(current.platform, input, false);
    if (!fields.ok) return fields;
    const url = await checkUrl(deps, input.url);
    if (!url.ok) return url;
    const { credentials } = fields.value;
    const updated = await store.svaIntegrations.update(
      id,
      {
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.autoCreateUsers !== undefined ? { autoCreateUsers: input.autoCreateUsers } : {}),
        // New credentials clear the flag a refused call left.
        ...(credentials ? { sealedCredentials: secrets.seal(JSON.stringify(credentials)), authError: null } : {}),
      },
      clock.now(),
    );
    return updated ? ok(updated) : fail('SVA_INTEGRATION_NOT_FOUND', 'SVA integration not found.');
  };
}

export function makeGetSvaIntegration({ store }: UseCaseDeps) {
  return async (id: string): Promise<Result<SvaIntegration>> => {
    const found = await store.svaIntegrations.findById(id);
    if (!found) return fail('SVA_INTEGRATION_NOT_FOUND', 'SVA integration not found.');
    const { sealedCredentials: _sealed, ...integration } = found;
    return ok(integration);
  };
}

export function makeListSvaIntegrations({ store }: UseCaseDeps) {
  return async (filter: { platform?: SvaPlatformName }, page: PageRequest): Promise<Result<Page<SvaIntegration>>> =>
    ok(await store.svaIntegrations.list(filter, page));
}

export function makeDeleteSvaIntegration({ store }: UseCaseDeps) {
  return (id: string): Promise<Result<void>> => store.svaIntegrations.delete(id);
}

/** Seed 002: "Buscar pacotes SVA" asks Saber+ for its packages; EXA package codes are typed in. */
export function makeListSvaPackages({ store, svaPlatformFor }: UseCaseDeps) {
  return async (id: string): Promise<Result<readonly SvaPackage[]>> => {
    const integration = await store.svaIntegrations.findById(id);
    if (!integration) return fail('SVA_INTEGRATION_NOT_FOUND', 'SVA integration not found.');
    if (integration.platform !== 'saber_plus') {
      return fail(
        'SVA_PACKAGES_NOT_LISTED',
        'EXA does not list its packages: type the package code the platform gave you.',
      );
    }
    try {
      return ok(await svaPlatformFor(integration).listPackages());
    } catch (error) {
      return partnerFailure(error);
    }
  };
}

/** An integration's write-only credentials, opened for a partner call (never for an answer). */
export const openSvaCredentials = (secrets: SecretBox, integration: SvaIntegrationRecord) =>
  JSON.parse(secrets.open(integration.sealedCredentials)) as SvaCredentials;

/** Compares two secrets in constant time. */
