import { PartnerError } from '../../domain/ports/partner';
import { type FieldError, type Result, fail, ok } from '../../domain/shared/result';
import type { UseCaseDeps } from './deps';

/* What every area's use cases do with partners: answer a failed call, check a URL before it is saved. */

/** A partner failure met while serving a request, as a business answer (502). */
export function partnerFailure(error: unknown): Result<never> {
  if (!(error instanceof PartnerError)) throw error;
  // Refused for the partner's limits: the client waits as the partner said (docs/operations.md, "Partner limits").
  if (error.throttled)
    return {
      ok: false,
      error: {
        code: 'PARTNER_THROTTLED',
        message: error.message,
        retryAfterSeconds: Math.max(1, Math.ceil((error.retryAfterMs ?? 1_000) / 1_000)),
      },
    };
  const code =
    error.kind === 'auth'
      ? 'PARTNER_AUTH_FAILED'
      : error.kind === 'rejected'
        ? 'PARTNER_REJECTED'
        : 'PARTNER_UNAVAILABLE';
  return fail(code, error.message);
}

/** The URLs an integration will call, each by the field it comes from, unless one may not be a partner's. */
export async function checkUrls(
  deps: Pick<UseCaseDeps, 'partnerUrlProblem'>,
  urls: readonly { readonly field: string; readonly url: string }[],
): Promise<Result<void>> {
  const problems: FieldError[] = [];
  for (const { field, url } of urls) {
    const problem = await deps.partnerUrlProblem(url);
    if (problem) problems.push({ field, message: problem });
  }
  return problems.length > 0 ? fail('PARTNER_URL_NOT_ALLOWED', problems[0]!.message, problems) : ok(undefined);
}

/** The URL an integration will call (its `url` field), unless it may not be a partner's. */
export const checkUrl = (
  deps: Pick<UseCaseDeps, 'partnerUrlProblem'>,
  url: string | undefined,
): Promise<Result<void>> => checkUrls(deps, url === undefined ? [] : [{ field: 'url', url }]);
